"""Local stand-ins for the GA4 Measurement Protocol, the Google Ads API (REST form) and the Meta
Conversions API, on 127.0.0.1, for the `sam export` tests (not a test module itself).

Each stub checks every body it receives against the documented schema and limits
(sam.export.payloads validators plus its own auth checks), deduplicates like the real service
(Google Ads: order_id -> CLICK_CONVERSION_ALREADY_EXISTS; Meta: event_id; GA4: nothing - it
cannot) and counts how often each outcome was accepted. Failures are injected per endpoint with
`script` (a queue of answers for the next requests) and `reject_once` (keys refused once).
The server thread is a daemon, shut down by `close()`; every socket read has a timeout.
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from sam.export.payloads import PayloadError, validate_ga4, validate_google_ads, validate_meta

GA4_SECRET = "ga4-secret-do-not-print"
GOOGLE_TOKEN = "google-token-do-not-print"
GOOGLE_DEV_TOKEN = "google-dev-token-do-not-print"
META_TOKEN = "meta-token-do-not-print"
SECRETS = (GA4_SECRET, GOOGLE_TOKEN, GOOGLE_DEV_TOKEN, META_TOKEN)
CUSTOMER_ID = "1234567890"
DATASET_ID = "987654321"


@dataclass
class Stub:
    """What the stub servers saw and what they are told to do next."""

    base_url: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)
    # endpoint (ga4_debug, ga4, google_ads, meta) -> answers for its next requests:
    # ("status", code, retry_after or None) | ("drop",) (close without answering) | ("ok",)
    script: dict[str, list[tuple[Any, ...]]] = field(default_factory=dict)
    # ga4: client ids the debug endpoint calls invalid once; google_ads: order ids refused once
    reject_once: dict[str, set[str]] = field(default_factory=dict)
    received: Counter[str] = field(default_factory=Counter)  # requests per endpoint
    accepted: dict[str, Counter[str]] = field(default_factory=dict)  # dest -> key -> times
    deduplicated: Counter[str] = field(default_factory=Counter)  # dest -> resends dropped
    invalid: list[str] = field(default_factory=list)  # schema / limit / auth violations

    def env(self) -> dict[str, str]:
        return {
            "SAM_GA4_MP_ENDPOINT": self.base_url,
            "SAM_GA4_MEASUREMENT_ID": "G-TEST",
            "SAM_GA4_API_SECRET": GA4_SECRET,
            "SAM_GOOGLE_ADS_ENDPOINT": self.base_url,
            "SAM_GOOGLE_ADS_CUSTOMER_ID": CUSTOMER_ID,
            "SAM_GOOGLE_ADS_DEVELOPER_TOKEN": GOOGLE_DEV_TOKEN,
            "SAM_GOOGLE_ADS_ACCESS_TOKEN": GOOGLE_TOKEN,
            "SAM_META_GRAPH_ENDPOINT": self.base_url,
            "SAM_META_DATASET_ID": DATASET_ID,
            "SAM_META_ACCESS_TOKEN": META_TOKEN,
        }

    def duplicates(self) -> dict[str, int]:
        """Outcomes accepted more than once, per destination."""
        return {
            dest: sum(1 for n in counts.values() if n > 1) for dest, counts in self.accepted.items()
        }

    def _accept(self, dest: str, key: str) -> bool:
        counts = self.accepted.setdefault(dest, Counter())
        counts[key] += 1
        return True


def ga4_key(client_id: str, event: dict[str, Any]) -> str:
    return f"{client_id}|{event['name']}|{event['timestamp_micros']}"


def _handler(stub: Stub) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        timeout = 10

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            return

        def _answer(self, code: int, body: Any = None, retry_after: int | None = None) -> None:
            data = b"" if body is None else json.dumps(body).encode()
            self.send_response(code)
            if retry_after is not None:
                self.send_header("Retry-After", str(retry_after))
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self) -> None:  # noqa: N802
            length = int(self.headers.get("Content-Length", "0"))
            body = json.loads(self.rfile.read(length) or b"{}")
            path = self.path.split("?")[0]
            if path == "/debug/mp/collect":
                endpoint = "ga4_debug"
            elif path == "/mp/collect":
                endpoint = "ga4"
            elif path.endswith(f"/customers/{CUSTOMER_ID}:uploadClickConversions"):
                endpoint = "google_ads"
            elif path.endswith(f"/{DATASET_ID}/events"):
                endpoint = "meta"
            else:
                self._answer(404, {"error": f"unknown path {path}"})
                return
            with stub.lock:
                stub.received[endpoint] += 1
                queue = stub.script.get(endpoint) or []
                action = queue.pop(0) if queue else ("ok",)
            if action[0] == "drop":
                self.close_connection = True
                return
            if action[0] == "status":
                self._answer(action[1], {"error": {"message": "injected"}}, action[2])
                return
            with stub.lock:
                self._process(endpoint, body)

        def _check(self, endpoint: str, body: dict[str, Any]) -> bool:
            auth = self.headers.get("Authorization", "")
            try:
                if endpoint.startswith("ga4"):
                    if f"api_secret={GA4_SECRET}" not in self.path:
                        raise PayloadError("ga4: api_secret missing")
                    validate_ga4(body)
                elif endpoint == "google_ads":
                    if auth != f"Bearer {GOOGLE_TOKEN}" or (
                        self.headers.get("developer-token") != GOOGLE_DEV_TOKEN
                    ):
                        raise PayloadError("google_ads: credentials missing")
                    validate_google_ads(body)
                else:
                    if auth != f"Bearer {META_TOKEN}" or "access_token" in body:
                        raise PayloadError("meta: token must be in the Authorization header only")
                    validate_meta(body)
            except PayloadError as err:
                stub.invalid.append(str(err))
                self._answer(400, {"error": {"message": str(err)}})
                return False
            return True

        def _process(self, endpoint: str, body: dict[str, Any]) -> None:
            if not self._check(endpoint, body):
                return
            if endpoint == "ga4_debug":
                bad = stub.reject_once.get("ga4", set())
                if body["client_id"] in bad:
                    bad.discard(body["client_id"])
                    message = {
                        "description": "injected invalid event",
                        "validationCode": "VALUE_INVALID",
                    }
                    self._answer(200, {"validationMessages": [message]})
                else:
                    self._answer(200, {"validationMessages": []})
            elif endpoint == "ga4":
                for event in body["events"]:
                    stub._accept("ga4", ga4_key(body["client_id"], event))
                self._answer(204)
            elif endpoint == "google_ads":
                errors, results = [], []
                refused = stub.reject_once.get("google_ads", set())
                seen = stub.accepted.setdefault("google_ads", Counter())
                for index, conversion in enumerate(body["conversions"]):
                    order_id = conversion["orderId"]
                    code = None
                    if order_id in refused:
                        refused.discard(order_id)
                        code = "INVALID_CONVERSION_ACTION"
                    elif seen[order_id]:
                        stub.deduplicated["google_ads"] += 1
                        code = "CLICK_CONVERSION_ALREADY_EXISTS"
                    if code:
                        errors.append(
                            {
                                "errorCode": {"conversionUploadError": code},
                                "message": f"injected {code}",
                                "location": {
                                    "fieldPathElements": [
                                        {"fieldName": "conversions", "index": index}
                                    ]
                                },
                            }
                        )
                        results.append({})
                    else:
                        stub._accept("google_ads", order_id)
                        results.append({"orderId": order_id})
                answer: dict[str, Any] = {"results": results}
                if errors:
                    answer["partialFailureError"] = {
                        "code": 3,
                        "message": "partial failure",
                        "details": [{"@type": "GoogleAdsFailure", "errors": errors}],
                    }
                self._answer(200, answer)
            else:
                seen = stub.accepted.setdefault("meta", Counter())
                for event in body["data"]:
                    if seen[event["event_id"]]:
                        stub.deduplicated["meta"] += 1  # Meta drops a repeated event_id
                    else:
                        stub._accept("meta", event["event_id"])
                self._answer(200, {"events_received": len(body["data"]), "fbtrace_id": "x"})

    return Handler


@contextmanager
def stub_servers() -> Iterator[Stub]:
    """Start the stubs on a free port of 127.0.0.1; stopped on exit."""
    stub = Stub()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(stub))
    server.daemon_threads = True
    stub.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield stub
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
