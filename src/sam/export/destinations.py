"""Sending one request to each destination and reading its per-row answer.

Credentials and endpoints come from the environment only (docs/closing-the-loop.md lists them);
every endpoint can be pointed elsewhere (the tests use stub servers on 127.0.0.1).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import urlencode

from sam.export.payloads import Request
from sam.export.status import Destination
from sam.export.transport import HttpResult, Transport

# Google Ads errors that mean "this conversion is already there": a resend after a crash.
GOOGLE_ADS_DUPLICATE_ERRORS = frozenset(
    {"CLICK_CONVERSION_ALREADY_EXISTS", "DUPLICATE_ORDER_ID", "ORDER_ID_ALREADY_IN_USE"}
)


class ConfigError(ValueError):
    """A required environment variable is missing (named, never its value)."""


@dataclass(frozen=True)
class RowResult:
    status: str  # sent | failed
    response: str


class Sender(Protocol):
    def send(self, request: Request) -> list[RowResult]: ...


def _env(env: Mapping[str, str], name: str) -> str:
    value = env.get(name, "").strip()
    if not value:
        raise ConfigError(f"environment variable {name} is not set")
    return value


def _summary(result: HttpResult) -> str:
    text = result.error or f"HTTP {result.status}"
    return f"{text} after {result.attempts} attempt(s)"


def _all(request: Request, status: str, response: str) -> list[RowResult]:
    return [RowResult(status, response) for _ in request.outcome_keys]


class Ga4Sender:
    """Measurement Protocol: each body is validated on /debug/mp/collect (which answers with
    validationMessages; /mp/collect answers 2xx even to malformed events), then sent."""

    def __init__(self, transport: Transport, env: Mapping[str, str] | None = None) -> None:
        env = os.environ if env is None else env
        self.transport = transport
        self.endpoint = env.get("SAM_GA4_MP_ENDPOINT", "https://www.google-analytics.com").rstrip(
            "/"
        )
        self.query = urlencode(
            {
                "measurement_id": _env(env, "SAM_GA4_MEASUREMENT_ID"),
                "api_secret": _env(env, "SAM_GA4_API_SECRET"),
            }
        )

    def send(self, request: Request) -> list[RowResult]:
        check = self.transport.post(f"{self.endpoint}/debug/mp/collect?{self.query}", request.body)
        if not check.ok:
            return _all(request, "failed", f"validation endpoint: {_summary(check)}")
        messages = (
            (check.body or {}).get("validationMessages") if isinstance(check.body, dict) else None
        )
        if messages:
            text = "; ".join(str(m.get("description", m)) for m in messages)[:500]
            return _all(request, "failed", f"invalid: {text}")
        sent = self.transport.post(f"{self.endpoint}/mp/collect?{self.query}", request.body)
        if not sent.ok:
            return _all(request, "failed", _summary(sent))
        return _all(request, "sent", f"HTTP {sent.status}")


class GoogleAdsSender:
    """UploadClickConversions in its REST form (POST customers/<id>:uploadClickConversions),
    partial failure on: a failed conversion is named by its index in the answer."""

    def __init__(self, transport: Transport, env: Mapping[str, str] | None = None) -> None:
        env = os.environ if env is None else env
        self.transport = transport
        self.customer_id = _env(env, "SAM_GOOGLE_ADS_CUSTOMER_ID").replace("-", "")
        endpoint = env.get("SAM_GOOGLE_ADS_ENDPOINT", "https://googleads.googleapis.com")
        version = env.get("SAM_GOOGLE_ADS_API_VERSION", "v21")
        self.url = (
            f"{endpoint.rstrip('/')}/{version}/customers/{self.customer_id}:uploadClickConversions"
        )
        self.headers = {
            "developer-token": _env(env, "SAM_GOOGLE_ADS_DEVELOPER_TOKEN"),
            "Authorization": f"Bearer {self._access_token(env)}",
        }
        login = env.get("SAM_GOOGLE_ADS_LOGIN_CUSTOMER_ID", "").replace("-", "").strip()
        if login:
            self.headers["login-customer-id"] = login

    def _access_token(self, env: Mapping[str, str]) -> str:
        token = env.get("SAM_GOOGLE_ADS_ACCESS_TOKEN", "").strip()
        if token:
            return token
        # OAuth refresh-token flow (installed app / web client credentials)
        answer = self.transport.post(
            env.get("SAM_GOOGLE_OAUTH_TOKEN_URL", "https://oauth2.googleapis.com/token"),
            {
                "client_id": _env(env, "SAM_GOOGLE_ADS_CLIENT_ID"),
                "client_secret": _env(env, "SAM_GOOGLE_ADS_CLIENT_SECRET"),
                "refresh_token": _env(env, "SAM_GOOGLE_ADS_REFRESH_TOKEN"),
                "grant_type": "refresh_token",
            },
        )
        if not answer.ok or not isinstance(answer.body, dict) or "access_token" not in answer.body:
            raise ConfigError(f"Google OAuth token refresh failed: {_summary(answer)}")
        return str(answer.body["access_token"])

    def send(self, request: Request) -> list[RowResult]:
        answer = self.transport.post(self.url, request.body, self.headers)
        if not answer.ok:
            return _all(request, "failed", _summary(answer))
        failures = partial_failures(answer.body)
        results = []
        for index in range(len(request.outcome_keys)):
            codes, message = failures.get(index, (set(), ""))
            if not codes and not message:
                results.append(RowResult("sent", f"HTTP {answer.status}"))
            elif codes and codes <= GOOGLE_ADS_DUPLICATE_ERRORS:
                results.append(
                    RowResult("sent", f"already in Google Ads ({', '.join(sorted(codes))})")
                )
            else:
                results.append(RowResult("failed", f"partial failure: {message}"[:500]))
        return results


def partial_failures(body: Any) -> dict[int, tuple[set[str], str]]:
    """Index of each failed conversion -> (its error codes, messages), from partialFailureError
    (google.rpc.Status whose details hold GoogleAdsFailure errors located at conversions[i])."""
    failed: dict[int, tuple[set[str], str]] = {}
    if not isinstance(body, dict):
        return failed
    status = body.get("partialFailureError") or {}
    for detail in status.get("details") or []:
        for error in detail.get("errors") or []:
            index = None
            for element in (error.get("location") or {}).get("fieldPathElements") or []:
                if element.get("fieldName") == "conversions" and "index" in element:
                    index = int(element["index"])
            if index is None:
                continue
            codes, messages = failed.get(index, (set(), ""))
            codes |= {str(v) for v in (error.get("errorCode") or {}).values()}
            messages = "; ".join(filter(None, [messages, str(error.get("message", ""))]))
            failed[index] = (codes, messages)
    return failed


class MetaSender:
    """Conversions API: POST <version>/<dataset_id>/events, the token in the Authorization header
    (never in the body or the URL). Meta accepts or rejects a request whole."""

    def __init__(self, transport: Transport, env: Mapping[str, str] | None = None) -> None:
        env = os.environ if env is None else env
        self.transport = transport
        endpoint = env.get("SAM_META_GRAPH_ENDPOINT", "https://graph.facebook.com").rstrip("/")
        version = env.get("SAM_META_API_VERSION", "v21.0")
        self.url = f"{endpoint}/{version}/{_env(env, 'SAM_META_DATASET_ID')}/events"
        self.headers = {"Authorization": f"Bearer {_env(env, 'SAM_META_ACCESS_TOKEN')}"}
        self.test_event_code = env.get("SAM_META_TEST_EVENT_CODE", "").strip() or None

    def send(self, request: Request) -> list[RowResult]:
        body = dict(request.body)
        if self.test_event_code:
            body["test_event_code"] = self.test_event_code
        answer = self.transport.post(self.url, body, self.headers)
        if not answer.ok:
            detail = ""
            if isinstance(answer.body, dict):
                detail = str((answer.body.get("error") or {}).get("message", ""))[:300]
            return _all(request, "failed", f"{_summary(answer)} {detail}".strip())
        received = answer.body.get("events_received") if isinstance(answer.body, dict) else None
        if received != len(request.outcome_keys):
            return _all(
                request, "failed", f"events_received {received} of {len(request.outcome_keys)}"
            )
        return _all(request, "sent", f"HTTP {answer.status}, events_received {received}")


def sender_for(
    destination: Destination, transport: Transport, env: Mapping[str, str] | None = None
) -> Sender:
    if destination == "ga4":
        return Ga4Sender(transport, env)
    if destination == "google_ads":
        return GoogleAdsSender(transport, env)
    return MetaSender(transport, env)
