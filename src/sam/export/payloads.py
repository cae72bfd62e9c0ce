"""Request bodies of each destination, built from exp_ rows, and their documented limits.

Every body `sam export` sends (or writes in a dry run) goes through `validate_*` first; the tests
run the same validators over every body their stub servers receive.
Limits (docs/closing-the-loop.md): GA4 Measurement Protocol <= 25 events per request, <= 25
params per event, names <= 40 characters, string param values <= 100 characters, no reserved
names or prefixes; Google Ads UploadClickConversions <= 2,000 conversions per request,
conversion_date_time 'yyyy-mm-dd hh:mm:ss+hh:mm'; Meta Conversions API <= 1,000 events per
request, event_time unix seconds, em SHA-256 hex.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sam.export.status import Destination

GA4_MAX_EVENTS = 25
GA4_MAX_PARAMS = 25
GA4_MAX_NAME = 40
GA4_MAX_VALUE = 100
GA4_RESERVED_EVENTS = frozenset(
    {
        "ad_activeview", "ad_click", "ad_exposure", "ad_impression", "ad_query", "ad_reward",
        "adunit_exposure", "app_background", "app_clear_data", "app_exception", "app_remove",
        "app_store_refund", "app_store_subscription_cancel", "app_store_subscription_convert",
        "app_store_subscription_renew", "app_update", "app_upgrade", "dynamic_link_app_open",
        "dynamic_link_app_update", "dynamic_link_first_open", "error", "first_open",
        "first_visit", "in_app_purchase", "notification_dismiss", "notification_foreground",
        "notification_open", "notification_receive", "os_update", "session_start",
        "session_start_with_rollout", "user_engagement",
    }
)  # fmt: skip
GA4_RESERVED_PREFIXES = ("_", "ga_", "google_", "firebase_")
GA4_RESERVED_PARAMS = frozenset({"firebase_conversion"})
GOOGLE_ADS_MAX_CONVERSIONS = 2000
META_MAX_EVENTS = 1000

_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_GOOGLE_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_FBC = re.compile(r"^fb\.1\.\d{13}\.\S+$")


class PayloadError(ValueError):
    """A request body breaks the destination's documented schema or limits."""


@dataclass(frozen=True)
class Request:
    """One request body and the outcome keys it carries (in body order)."""

    destination: Destination
    body: dict[str, Any]
    outcome_keys: tuple[str, ...]

    def to_json(self) -> str:
        return json.dumps(self.body, sort_keys=True, indent=2, ensure_ascii=False)


def payload_hash(item: Mapping[str, Any]) -> str:
    """SHA-256 of one outcome's payload as canonical JSON (the ledger's payload_hash)."""
    canonical = json.dumps(item, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def _chunks(items: Sequence[Any], size: int) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# --- GA4 Measurement Protocol -------------------------------------------------------------------


def ga4_event(row: Mapping[str, Any]) -> dict[str, Any]:
    """One GA4 event of an exp_ga4_measurement_protocol row."""
    params: dict[str, Any] = {}
    if row["event_value"] is not None:
        params["value"] = _number(row["event_value"])
        if row["currency"]:
            params["currency"] = row["currency"]
    if row["session_id"] is not None:
        params["session_id"] = int(row["session_id"])
    # the outcome's own time: a sendable row is within the backdating window at --as-of (the
    # model's timestamp_micros column is judged at the build's as-of, which may differ)
    return {
        "name": row["event_name"],
        "params": params,
        "timestamp_micros": _epoch_micros(row["occurred_at"]),
    }


def _epoch_micros(value: dt.datetime) -> int:
    aware = value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value
    delta = aware - dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    return (delta.days * 86400 + delta.seconds) * 1_000_000 + delta.microseconds


def ga4_requests(rows: Sequence[Mapping[str, Any]]) -> list[Request]:
    """Bodies of /mp/collect: one client_id (and consent) per request, <= 25 events each."""
    groups: dict[tuple[str, str], list[Mapping[str, Any]]] = {}
    for row in sorted(rows, key=lambda r: (r["client_id"], r["occurred_at"], r["outcome_key"])):
        groups.setdefault((row["client_id"], row["ads_consent"]), []).append(row)
    requests = []
    for (client_id, consent), members in groups.items():
        for chunk in _chunks(members, GA4_MAX_EVENTS):
            body: dict[str, Any] = {
                "client_id": client_id,
                "events": [ga4_event(row) for row in chunk],
            }
            if consent == "denied":
                body["consent"] = {"ad_user_data": "DENIED", "ad_personalization": "DENIED"}
            requests.append(Request("ga4", body, tuple(r["outcome_key"] for r in chunk)))
    return requests


def validate_ga4(body: Mapping[str, Any]) -> None:
    """Raise PayloadError when a Measurement Protocol body breaks the documented limits."""
    if not isinstance(body.get("client_id"), str) or not body["client_id"]:
        raise PayloadError("ga4: client_id missing")
    events = body.get("events")
    if not isinstance(events, list) or not 1 <= len(events) <= GA4_MAX_EVENTS:
        raise PayloadError(f"ga4: 1..{GA4_MAX_EVENTS} events per request")
    for event in events:
        name = event.get("name", "")
        _ga4_name("event name", name)
        if name in GA4_RESERVED_EVENTS:
            raise PayloadError(f"ga4: reserved event name {name!r}")
        params = event.get("params", {})
        if len(params) > GA4_MAX_PARAMS:
            raise PayloadError(f"ga4: more than {GA4_MAX_PARAMS} params in {name}")
        for key, value in params.items():
            _ga4_name("param name", key)
            if key in GA4_RESERVED_PARAMS:
                raise PayloadError(f"ga4: reserved param {key!r}")
            if isinstance(value, str) and len(value) > GA4_MAX_VALUE:
                raise PayloadError(f"ga4: param {key} longer than {GA4_MAX_VALUE} characters")
        if not isinstance(event.get("timestamp_micros"), int):
            raise PayloadError("ga4: timestamp_micros (integer) required: the outcome's time")
    consent = body.get("consent")
    if consent is not None and set(consent) - {"ad_user_data", "ad_personalization"}:
        raise PayloadError("ga4: unknown consent field")


def _ga4_name(kind: str, name: str) -> None:
    if not _NAME.match(name) or len(name) > GA4_MAX_NAME:
        raise PayloadError(f"ga4: {kind} {name!r} must be 1..{GA4_MAX_NAME} letters/digits/_")
    if name.startswith(GA4_RESERVED_PREFIXES):
        raise PayloadError(f"ga4: {kind} {name!r} uses a reserved prefix")


# --- Google Ads UploadClickConversions (REST / JSON form) ------------------------------------


def google_ads_conversion(row: Mapping[str, Any], customer_id: str) -> dict[str, Any]:
    """One ClickConversion (proto3 JSON names) of an exp_google_ads_click_conversions row."""
    conversion: dict[str, Any] = {
        "conversionAction": f"customers/{customer_id}/conversionActions/"
        f"{row['conversion_action_id']}",
        "conversionDateTime": row["conversion_date_time"],
        "orderId": row["order_id"],
    }
    for kind in ("gclid", "gbraid", "wbraid"):
        if row["identifier_type"] == kind:
            conversion[kind] = row[kind]
    if row["identifier_type"] == "enhanced_email":
        conversion["userIdentifiers"] = [{"hashedEmail": row["hashed_email"]}]
    if row["conversion_value"] is not None:
        conversion["conversionValue"] = _number(row["conversion_value"])
        if row["currency_code"]:
            conversion["currencyCode"] = row["currency_code"]
    if row["ads_consent"] == "granted":
        conversion["consent"] = {"adUserData": "GRANTED"}
    return conversion


def google_ads_requests(rows: Sequence[Mapping[str, Any]], customer_id: str) -> list[Request]:
    """Bodies of customers/<id>:uploadClickConversions, <= 2,000 conversions, partial failure on."""
    ordered = sorted(rows, key=lambda r: (r["occurred_at"], r["outcome_key"]))
    return [
        Request(
            "google_ads",
            {
                "conversions": [google_ads_conversion(row, customer_id) for row in chunk],
                "partialFailure": True,
            },
            tuple(r["outcome_key"] for r in chunk),
        )
        for chunk in _chunks(ordered, GOOGLE_ADS_MAX_CONVERSIONS)
    ]


def validate_google_ads(body: Mapping[str, Any]) -> None:
    """Raise PayloadError when an UploadClickConversions body breaks the documented rules."""
    if body.get("partialFailure") is not True:
        raise PayloadError("google_ads: partialFailure must be true")
    conversions = body.get("conversions")
    if not isinstance(conversions, list) or not 1 <= len(conversions) <= GOOGLE_ADS_MAX_CONVERSIONS:
        raise PayloadError(f"google_ads: 1..{GOOGLE_ADS_MAX_CONVERSIONS} conversions per request")
    for conversion in conversions:
        ids = [k for k in ("gclid", "gbraid", "wbraid") if conversion.get(k)]
        identifiers = conversion.get("userIdentifiers") or []
        if len(ids) > 1 or (not ids and not identifiers) or len(identifiers) > 5:
            raise PayloadError("google_ads: exactly one click id, or 1..5 user identifiers")
        for identifier in identifiers:
            if not _SHA256.match(identifier.get("hashedEmail", "")):
                raise PayloadError("google_ads: hashedEmail must be SHA-256 lowercase hex")
        if not re.match(r"^customers/\w+/conversionActions/\w+$", conversion["conversionAction"]):
            raise PayloadError("google_ads: conversionAction must be a resource name")
        if not _GOOGLE_DATETIME.match(conversion.get("conversionDateTime", "")):
            raise PayloadError("google_ads: conversionDateTime must be yyyy-mm-dd hh:mm:ss+hh:mm")
        if not conversion.get("orderId"):
            raise PayloadError("google_ads: orderId missing (idempotency)")


# --- Meta Conversions API for CRM ---------------------------------------------------------------


def meta_event(row: Mapping[str, Any]) -> dict[str, Any]:
    """One Conversions API event of an exp_meta_conversions_api row."""
    user_data: dict[str, Any] = {}
    if row["em"] is not None:
        user_data["em"] = [row["em"]]
    if row["fbc"] is not None:
        user_data["fbc"] = row["fbc"]
    custom_data: dict[str, Any] = {
        "event_source": row["event_source"],
        "lead_event_source": row["lead_event_source"],
    }
    if row["event_value"] is not None:
        custom_data["value"] = _number(row["event_value"])
        if row["currency"]:
            custom_data["currency"] = row["currency"]
    return {
        "event_name": row["event_name"],
        "event_time": int(row["event_time"]),
        "event_id": row["event_id"],
        "action_source": row["action_source"],
        "user_data": user_data,
        "custom_data": custom_data,
    }


def meta_requests(rows: Sequence[Mapping[str, Any]]) -> list[Request]:
    """Bodies of <dataset_id>/events, <= 1,000 events each, every stage in time order."""
    ordered = sorted(rows, key=lambda r: (r["event_time"], r["outcome_key"]))
    return [
        Request(
            "meta",
            {"data": [meta_event(row) for row in chunk]},
            tuple(r["outcome_key"] for r in chunk),
        )
        for chunk in _chunks(ordered, META_MAX_EVENTS)
    ]


def validate_meta(body: Mapping[str, Any]) -> None:
    """Raise PayloadError when a Conversions API body breaks the documented schema."""
    events = body.get("data")
    if not isinstance(events, list) or not 1 <= len(events) <= META_MAX_EVENTS:
        raise PayloadError(f"meta: 1..{META_MAX_EVENTS} events per request")
    for event in events:
        if event.get("action_source") != "system_generated":
            raise PayloadError("meta: action_source must be system_generated (CRM events)")
        if not isinstance(event.get("event_time"), int) or not event.get("event_name"):
            raise PayloadError("meta: event_name and event_time (unix seconds) required")
        if not event.get("event_id"):
            raise PayloadError("meta: event_id missing (deduplication)")
        user_data = event.get("user_data") or {}
        if not user_data.get("em") and not user_data.get("fbc") and not user_data.get("lead_id"):
            raise PayloadError("meta: user_data needs lead_id, em or fbc")
        for em in user_data.get("em", []):
            if not _SHA256.match(em):
                raise PayloadError("meta: em must be SHA-256 lowercase hex")
        if "fbc" in user_data and not _FBC.match(user_data["fbc"]):
            raise PayloadError("meta: fbc must be fb.1.<ms>.<fbclid>")
        if (event.get("custom_data") or {}).get("event_source") != "crm":
            raise PayloadError("meta: custom_data.event_source must be crm")


VALIDATORS = {"ga4": validate_ga4, "google_ads": validate_google_ads, "meta": validate_meta}


def build_requests(
    destination: Destination, rows: Sequence[Mapping[str, Any]], google_ads_customer_id: str
) -> list[Request]:
    """Every request body for the sendable rows, validated against the documented limits."""
    if destination == "ga4":
        requests = ga4_requests(rows)
    elif destination == "google_ads":
        requests = google_ads_requests(rows, google_ads_customer_id)
    else:
        requests = meta_requests(rows)
    for request in requests:
        VALIDATORS[destination](request.body)
    return requests


def item_of(request: Request, index: int) -> dict[str, Any]:
    """The payload of the request's index-th outcome (its event / conversion)."""
    key = {"ga4": "events", "google_ads": "conversions", "meta": "data"}[request.destination]
    item: dict[str, Any] = request.body[key][index]
    if request.destination == "ga4":
        return {"client_id": request.body["client_id"], **item}
    return item
