"""One `sam export` run: read an exp_ table, re-check every row at --as-of against the live
ledger, build the request bodies, write them (dry run) or send them with the ledger kept.

Exactly-once: before a request goes out its rows are written `pending`; with the answer, `sent`
or `failed` per row. A re-run skips sent rows and retries failed ones. A `pending` row without
an answer (the run died mid-request) is resent to Google Ads and Meta - order_id / event_id make
them drop a duplicate - but not to GA4, which cannot deduplicate: it stays `in_doubt` until
`--resend-in-doubt`.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sam.export.destinations import Sender
from sam.export.payloads import Request, build_requests, item_of, payload_hash
from sam.export.status import SENDABLE, TABLES, Destination, Windows, send_status
from sam.export.warehouse import LedgerRow, Warehouse


@dataclass
class ExportResult:
    destination: Destination
    as_of: dt.datetime
    statuses: Counter[str]
    requests: list[Request]
    sent: int = 0
    failed: int = 0
    files: list[Path] = field(default_factory=list)
    failures: Counter[str] = field(default_factory=Counter)

    @property
    def sendable(self) -> int:
        return self.statuses.get(SENDABLE, 0)

    def summary(self, sending: bool) -> str:
        label = self.destination.replace("_", "-")
        parts = ", ".join(f"{status} {n:,}" for status, n in sorted(self.statuses.items()))
        lines = [
            f"sam export {label} (windows judged at {self.as_of:%Y-%m-%d %H:%M} UTC): "
            f"{sum(self.statuses.values()):,} rows ({parts})",
            f"  {self.sendable:,} sendable outcomes in {len(self.requests):,} request(s)",
        ]
        if self.files:
            lines.append(f"  request bodies: {self.files[0].parent}/ ({len(self.files):,} files)")
        if sending:
            lines.append(f"  sent {self.sent:,}, failed {self.failed:,} (retried next run)")
            for reason, n in self.failures.most_common(5):
                lines.append(f"    failed x{n}: {reason}")
        else:
            lines.append("  dry run: nothing sent (add --send)")
        return "\n".join(lines)


def _write_bodies(requests: list[Request], out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("request-*.json"):
        old.unlink()
    paths = []
    for number, request in enumerate(requests, start=1):
        path = out_dir / f"request-{number:04d}.json"
        path.write_text(request.to_json() + "\n")
        paths.append(path)
    return paths


def run_export(
    destination: Destination,
    warehouse: Warehouse,
    as_of: dt.datetime,
    *,
    out_dir: Path | None = None,
    sender: Sender | None = None,
    windows: Windows | None = None,
    resend_in_doubt: bool = False,
    google_ads_customer_id: str = "CUSTOMER_ID",
    now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC).replace(tzinfo=None),
) -> ExportResult:
    """Dry run when `sender` is None; else send and keep the ledger."""
    rows = warehouse.read_rows(TABLES[destination])
    ledger = warehouse.read_ledger(destination)
    statuses: dict[str, str] = {}
    for row in rows:
        statuses[row["outcome_key"]] = send_status(
            destination,
            row,
            as_of,
            ledger.get(row["outcome_key"]),
            windows or Windows(),
            resend_in_doubt,
        )
    sendable = [row for row in rows if statuses[row["outcome_key"]] == SENDABLE]
    requests = build_requests(destination, sendable, google_ads_customer_id)
    result = ExportResult(destination, as_of, Counter(statuses.values()), requests)
    if out_dir is not None:
        result.files = _write_bodies(requests, out_dir)
    if sender is None:
        return result
    run_id = f"{now():%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
    for request in requests:
        hashes = [payload_hash(item_of(request, i)) for i in range(len(request.outcome_keys))]
        warehouse.append_ledger(
            [
                LedgerRow(destination, key, digest, "pending", now(), "", run_id)
                for key, digest in zip(request.outcome_keys, hashes, strict=True)
            ]
        )
        answers = sender.send(request)
        warehouse.append_ledger(
            [
                LedgerRow(destination, key, digest, answer.status, now(), answer.response, run_id)
                for key, digest, answer in zip(request.outcome_keys, hashes, answers, strict=True)
            ]
        )
        for answer in answers:
            if answer.status == "sent":
                result.sent += 1
            else:
                result.failed += 1
                result.failures[answer.response[:120]] += 1
    return result
