"""`sam export` against local stub servers (tests/export_stub.py) on a small hand-made database:
every body checked against the documented schema and limits, failures injected (429, 500, a
dropped connection, partial failures, an invalid event, a crash mid-batch), and after the re-runs
every sendable outcome accepted exactly once - duplicates 0, lost 0 - and no other row ever sent.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pytest
from export_stub import CUSTOMER_ID, SECRETS, Stub, ga4_key, stub_servers
from typer.testing import CliRunner

from sam.export.destinations import RowResult, Sender, sender_for
from sam.export.payloads import Request, ga4_event
from sam.export.runner import ExportResult, run_export
from sam.export.status import (
    TABLES,
    Destination,
    LedgerState,
    Windows,
    as_of_instant,
    send_status,
)
from sam.export.transport import Transport
from sam.export.warehouse import DuckDBWarehouse

AS_OF = dt.date(2024, 12, 31)
NOW = as_of_instant(AS_OF)  # 2025-01-01 00:00 UTC


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


# --- a small warehouse -----------------------------------------------------------------------

GA4_COLUMNS = {
    "outcome_key": "varchar", "client_id": "varchar", "session_id": "bigint",
    "event_name": "varchar", "event_value": "double", "currency": "varchar",
    "ads_consent": "varchar", "is_junk": "boolean", "occurred_at": "timestamp",
    "send_status": "varchar",
}  # fmt: skip
GOOGLE_COLUMNS = {
    "outcome_key": "varchar", "identifier_type": "varchar", "gclid": "varchar",
    "gbraid": "varchar", "wbraid": "varchar", "hashed_email": "varchar",
    "conversion_action_id": "varchar", "conversion_date_time": "varchar",
    "conversion_value": "double", "currency_code": "varchar", "order_id": "varchar",
    "ads_consent": "varchar", "is_junk": "boolean", "occurred_at": "timestamp",
    "clicked_at": "timestamp", "click_window_days": "integer", "send_status": "varchar",
}  # fmt: skip
META_COLUMNS = {
    "outcome_key": "varchar", "event_id": "varchar", "event_name": "varchar",
    "event_time": "bigint", "em": "varchar", "fbc": "varchar", "action_source": "varchar",
    "event_source": "varchar", "lead_event_source": "varchar", "event_value": "double",
    "currency": "varchar", "ads_consent": "varchar", "is_junk": "boolean",
    "occurred_at": "timestamp", "send_status": "varchar",
}  # fmt: skip


def ga4_rows(clients: int, events_per_client: int) -> list[dict[str, Any]]:
    rows = []
    for c in range(clients):
        for e in range(events_per_client):
            at = NOW - dt.timedelta(hours=30, minutes=c, seconds=e)
            rows.append(
                {
                    "outcome_key": f"g{c}-{e}:mql", "client_id": f"c{c}", "session_id": None,
                    "event_name": "qualify_lead", "event_value": 10.0 + e, "currency": "USD",
                    "ads_consent": "denied" if c == 1 else "unknown", "is_junk": False,
                    "occurred_at": at, "send_status": "sendable",
                }
            )  # fmt: skip
    # never sent: junk, no client, too old for the 72 h backdating window, not yet happened
    base = {"event_name": "qualify_lead", "event_value": None, "currency": None,
            "ads_consent": "unknown", "session_id": None, "send_status": "x"}  # fmt: skip
    rows += [
        {**base, "outcome_key": "junk:mql", "client_id": "cj", "is_junk": True,
         "occurred_at": NOW - dt.timedelta(hours=1)},
        {**base, "outcome_key": "nocl:mql", "client_id": None, "is_junk": False,
         "occurred_at": NOW - dt.timedelta(hours=1)},
        {**base, "outcome_key": "old:mql", "client_id": "co", "is_junk": False,
         "occurred_at": NOW - dt.timedelta(hours=72, seconds=1)},
        {**base, "outcome_key": "future:mql", "client_id": "cf", "is_junk": False,
         "occurred_at": NOW + dt.timedelta(hours=1)},
    ]  # fmt: skip
    return rows


def google_rows(n: int) -> list[dict[str, Any]]:
    rows = []
    for i in range(n):
        at = NOW - dt.timedelta(days=10, seconds=i)
        kind = ("gclid", "gbraid", "wbraid", "enhanced_email")[i % 4]
        rows.append(
            {
                "outcome_key": f"o{i}:mql", "identifier_type": kind,
                "gclid": f"G{i}" if kind == "gclid" else None,
                "gbraid": f"B{i}" if kind == "gbraid" else None,
                "wbraid": f"W{i}" if kind == "wbraid" else None,
                "hashed_email": _sha(f"p{i}@example.com") if kind == "enhanced_email" else None,
                "conversion_action_id": "111",
                "conversion_date_time": f"{at:%Y-%m-%d %H:%M:%S}+00:00",
                "conversion_value": 100.0, "currency_code": "EUR", "order_id": f"o{i}:mql",
                "ads_consent": "granted", "is_junk": False, "occurred_at": at,
                "clicked_at": None if kind == "enhanced_email" else at - dt.timedelta(days=1),
                "click_window_days": 90, "send_status": "sendable",
            }
        )  # fmt: skip
    base = {**rows[0], "send_status": "never"}
    rows += [
        {**base, "outcome_key": "junk:mql", "order_id": "junk:mql", "is_junk": True},
        {**base, "outcome_key": "denied:mql", "order_id": "denied:mql", "ads_consent": "denied"},
        {**base, "outcome_key": "recent:mql", "order_id": "recent:mql",
         "occurred_at": NOW - dt.timedelta(hours=1), "clicked_at": NOW - dt.timedelta(hours=5)},
        {**base, "outcome_key": "oldclick:mql", "order_id": "oldclick:mql",
         "clicked_at": NOW - dt.timedelta(days=91)},
        {**base, "outcome_key": "before:mql", "order_id": "before:mql",
         "clicked_at": base["occurred_at"] + dt.timedelta(hours=1)},
        {**base, "outcome_key": "noid:mql", "order_id": "noid:mql", "identifier_type": None},
    ]  # fmt: skip
    return rows


def meta_rows(n: int) -> list[dict[str, Any]]:
    rows = []
    for i in range(n):
        at = NOW - dt.timedelta(days=3, seconds=i)
        rows.append(
            {
                "outcome_key": f"m{i}:lead_created", "event_id": f"m{i}:lead_created",
                "event_name": "lead", "event_time": int(at.replace(tzinfo=dt.UTC).timestamp()),
                "em": _sha(f"m{i}@example.com"),
                "fbc": f"fb.1.1735462800000.IwAR{i}" if i % 3 == 0 else None,
                "action_source": "system_generated", "event_source": "crm",
                "lead_event_source": "hubspot", "event_value": None, "currency": None,
                "ads_consent": "unknown", "is_junk": False, "occurred_at": at,
                "send_status": "sendable",
            }
        )  # fmt: skip
    base = {**rows[0], "send_status": "never"}
    rows += [
        {**base, "outcome_key": "junk:lead_created", "event_id": "junk", "is_junk": True},
        {**base, "outcome_key": "old:lead_created", "event_id": "old",
         "occurred_at": NOW - dt.timedelta(days=7, seconds=1)},
        {**base, "outcome_key": "denied:lead_created", "event_id": "denied",
         "ads_consent": "denied"},
    ]  # fmt: skip
    return rows


def make_warehouse(path: Path, ga4: list[dict[str, Any]], google: list[dict[str, Any]],
                   meta: list[dict[str, Any]]) -> Path:  # fmt: skip
    con = duckdb.connect(str(path))
    for table, columns, rows in (
        (TABLES["ga4"], GA4_COLUMNS, ga4),
        (TABLES["google_ads"], GOOGLE_COLUMNS, google),
        (TABLES["meta"], META_COLUMNS, meta),
    ):
        con.execute(f"create table {table} ({', '.join(f'{k} {v}' for k, v in columns.items())})")
        if rows:
            batch = pa.Table.from_pylist([{k: r[k] for k in columns} for r in rows])
            con.register("batch", batch)
            con.execute(f"insert into {table} select {', '.join(columns)} from batch")
            con.unregister("batch")
    con.close()
    return path


def sendable_keys(destination: Destination, rows: list[dict[str, Any]]) -> set[str]:
    """The stub's key of every row that should eventually be accepted (judged independently
    of the runner: the test data say which rows are in their windows)."""
    good = [r for r in rows if r["send_status"] == "sendable"]
    if destination == "ga4":
        return {ga4_key(r["client_id"], ga4_event(r)) for r in good}
    if destination == "google_ads":
        return {r["order_id"] for r in good}
    return {r["event_id"] for r in good}


@pytest.fixture
def stub() -> Iterator[Stub]:
    with stub_servers() as running:
        yield running


def export(
    destination: Destination,
    db: Path,
    stub: Stub | None,
    sleeps: list[float] | None = None,
    resend_in_doubt: bool = False,
    wrap: Any = None,
    out_dir: Path | None = None,
    max_attempts: int = 4,
) -> ExportResult:
    warehouse = DuckDBWarehouse(db)
    try:
        sender: Sender | None = None
        if stub is not None:
            transport = Transport(
                max_attempts=max_attempts,
                timeout=5,
                sleep=(sleeps if sleeps is not None else []).append,
            )
            sender = sender_for(destination, transport, stub.env())
            if wrap is not None:
                sender = wrap(sender)
        return run_export(
            destination, warehouse, NOW, out_dir=out_dir, sender=sender,
            resend_in_doubt=resend_in_doubt, google_ads_customer_id=CUSTOMER_ID,
        )  # fmt: skip
    finally:
        warehouse.close()


def ledger(db: Path) -> list[tuple[Any, ...]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(
            "select destination, outcome_key, status, response from sam_export_ledger"
        ).fetchall()
    finally:
        con.close()


def assert_exactly_once(stub: Stub, destination: Destination, rows: list[dict[str, Any]]) -> None:
    expected = sendable_keys(destination, rows)
    accepted = stub.accepted.get(destination, {})
    assert stub.invalid == []
    assert {k: n for k, n in accepted.items() if n > 1} == {}, "duplicates"
    assert expected - set(accepted) == set(), "lost"
    assert set(accepted) - expected == set(), "a row that must not be sent was sent"


# --- dry run ------------------------------------------------------------------------------


def test_dry_run_writes_each_exact_body_and_sends_nothing(tmp_path: Path, stub: Stub) -> None:
    ga4, google, meta = ga4_rows(2, 27), google_rows(2001), meta_rows(5)
    db = make_warehouse(tmp_path / "w.duckdb", ga4, google, meta)
    for destination, expected_files in (("ga4", 4), ("google_ads", 2), ("meta", 1)):
        out = tmp_path / "out" / destination
        result = export(destination, db, None, out_dir=out)  # type: ignore[arg-type]
        files = sorted(out.glob("request-*.json"))
        assert len(files) == len(result.requests) == expected_files
        assert [json.loads(f.read_text()) for f in files] == [r.body for r in result.requests]
    assert sum(stub.received.values()) == 0
    con = duckdb.connect(str(db), read_only=True)
    tables = con.execute("select table_name from information_schema.tables").fetchall()
    con.close()
    assert ("sam_export_ledger",) not in tables  # a dry run writes nothing
    # GA4: 27 events of c0 -> 25 + 2 (limit 25 per request), c1 (consent denied) -> 25 + 2
    ga4_result = export("ga4", db, None)
    assert sorted(len(r.outcome_keys) for r in ga4_result.requests) == [2, 2, 25, 25]
    denied = [r.body for r in ga4_result.requests if r.body["client_id"] == "c1"]
    assert all(
        b["consent"] == {"ad_user_data": "DENIED", "ad_personalization": "DENIED"} for b in denied
    )
    assert ga4_result.statuses == {
        "sendable": 54, "junk_lead": 1, "no_identifier": 1, "outside_window": 1,
        "not_yet_occurred": 1,
    }  # fmt: skip


# --- injected failures ----------------------------------------------------------------------


def test_google_ads_retries_429_and_500_and_retries_a_partial_failure_next_run(
    tmp_path: Path, stub: Stub
) -> None:
    rows = google_rows(2500)
    db = make_warehouse(tmp_path / "w.duckdb", [], rows, [])
    stub.script["google_ads"] = [("status", 429, 3), ("status", 500, None)]
    stub.reject_once["google_ads"] = {"o7:mql"}
    sleeps: list[float] = []
    first = export("google_ads", db, stub, sleeps)
    assert (first.sent, first.failed) == (2499, 1)
    assert sleeps == [3.0, 2.0]  # Retry-After honoured, then backoff 1 s x 2^1
    assert stub.received["google_ads"] == 4  # 2 requests (2,000 + 500) + 2 retries
    assert first.statuses == {
        "sendable": 2500, "junk_lead": 1, "consent_denied": 1, "click_too_recent": 1,
        "outside_window": 1, "conversion_before_click": 1, "no_identifier": 1,
    }  # fmt: skip
    second = export("google_ads", db, stub)
    assert (second.sent, second.failed, len(second.requests)) == (1, 0, 1)
    assert second.statuses["already_sent"] == 2499
    third = export("google_ads", db, stub)
    assert (third.sent, len(third.requests)) == (0, 0)
    assert_exactly_once(stub, "google_ads", rows)
    assert stub.deduplicated["google_ads"] == 0


def test_meta_batches_of_1000_and_a_failed_batch_is_sent_next_run(
    tmp_path: Path, stub: Stub
) -> None:
    rows = meta_rows(1200)
    db = make_warehouse(tmp_path / "w.duckdb", [], [], rows)
    # the second request fails on every attempt (max 4): its 200 rows fail, the rest are sent
    stub.script["meta"] = [("ok",)] + [("status", 503, None)] * 4
    first = export("meta", db, stub)
    assert [len(r.outcome_keys) for r in first.requests] == [1000, 200]
    assert (first.sent, first.failed) == (1000, 200)
    for request in first.requests:  # every stage in time order
        times = [e["event_time"] for e in request.body["data"]]
        assert times == sorted(times)
    failed = [r for r in ledger(db) if r[2] == "failed"]
    assert len(failed) == 200 and all("HTTP 503 after 4 attempt(s)" in r[3] for r in failed)
    second = export("meta", db, stub)
    assert (second.sent, second.failed) == (200, 0)
    assert_exactly_once(stub, "meta", rows)


def test_ga4_is_validated_first_and_an_invalid_or_dropped_request_is_retried(
    tmp_path: Path, stub: Stub
) -> None:
    rows = ga4_rows(6, 3)
    db = make_warehouse(tmp_path / "w.duckdb", rows, [], [])
    stub.reject_once["ga4"] = {"c2"}  # /debug/mp/collect: invalid once
    stub.script["ga4"] = [("drop",)]  # the first /mp/collect: connection closed, no answer
    first = export("ga4", db, stub)
    assert (first.sent, first.failed) == (15, 3)
    assert stub.received["ga4_debug"] == 6  # every body validated before it is sent
    failed = {r[1]: r[3] for r in ledger(db) if r[2] == "failed"}
    assert set(failed) == {"g2-0:mql", "g2-1:mql", "g2-2:mql"}
    assert all(m.startswith("invalid: injected invalid event") for m in failed.values())
    second = export("ga4", db, stub)
    assert (second.sent, second.failed) == (3, 0)
    assert_exactly_once(stub, "ga4", rows)


class Crash(BaseException):
    """The process dies (not an Exception: nothing may catch it)."""


def crash_on(request_number: int, after_delivery: bool) -> Any:
    """A sender that dies on its n-th request: after the destination got it (its answer lost)
    or before the request left."""

    class Crashing:
        def __init__(self, inner: Sender) -> None:
            self.inner = inner
            self.calls = 0

        def send(self, request: Request) -> list[RowResult]:
            self.calls += 1
            if self.calls == request_number:
                if after_delivery:
                    self.inner.send(request)
                raise Crash
            return self.inner.send(request)

    return Crashing


@pytest.mark.parametrize("after_delivery", [True, False], ids=["delivered", "not-delivered"])
def test_a_crash_mid_batch_loses_nothing_and_sends_nothing_twice(
    tmp_path: Path, stub: Stub, after_delivery: bool
) -> None:
    ga4, google, meta = ga4_rows(4, 2), google_rows(2100), meta_rows(1100)
    db = make_warehouse(tmp_path / "w.duckdb", ga4, google, meta)
    for destination, rows in (("google_ads", google), ("meta", meta), ("ga4", ga4)):
        with pytest.raises(Crash):
            export(destination, db, stub, wrap=crash_on(2, after_delivery))  # type: ignore[arg-type]
        pending = [r for r in ledger(db) if r[0] == destination and r[2] == "pending"]
        assert pending, "the crashed request's rows are pending in the ledger"
        rerun = export(destination, db, stub)  # type: ignore[arg-type]
        if destination == "ga4":
            # GA4 cannot deduplicate: the rows in doubt wait for an explicit decision
            assert rerun.statuses["in_doubt"] == 2
            if not after_delivery:
                rerun = export(destination, db, stub, resend_in_doubt=True)  # type: ignore[arg-type]
                assert rerun.sent == 2
        assert rerun.failed == 0
        assert_exactly_once(stub, destination, rows)  # type: ignore[arg-type]
    # after a delivered-then-crashed request, the resend was dropped by the destination's key
    expected_dedup = {"google_ads": 100, "meta": 100} if after_delivery else {}
    assert dict(stub.deduplicated) == expected_dedup


# --- CLI: secrets, errors, summary ----------------------------------------------------------


def test_cli_never_prints_a_secret_and_names_a_missing_variable(
    tmp_path: Path, stub: Stub, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sam.cli import app

    db = make_warehouse(tmp_path / "w.duckdb", ga4_rows(1, 1), google_rows(1), meta_rows(1))
    monkeypatch.setenv("SAM_DUCKDB_PATH", str(db))
    for name, value in stub.env().items():
        monkeypatch.setenv(name, value)
    stub.script["meta"] = [("status", 500, None)] * 2
    runner = CliRunner()
    out = tmp_path / "bodies"
    result = runner.invoke(
        app, ["export", "meta", "--as-of", "2024-12-31", "--send", "--max-attempts", "2",
              "--out", str(out)],
    )  # fmt: skip
    assert result.exit_code == 1, result.output
    assert "sent 0, failed 1" in result.output
    for destination in ("ga4", "google-ads"):
        result = runner.invoke(app, ["export", destination, "--as-of", "2024-12-31", "--send",
                                     "--out", str(out)])  # fmt: skip
        assert result.exit_code == 0, result.output
    text = result.output + json.dumps(ledger(db), default=str)
    text += "".join(p.read_text() for p in out.rglob("*.json"))
    assert not [s for s in SECRETS if s in text]
    monkeypatch.delenv("SAM_META_ACCESS_TOKEN")
    result = runner.invoke(app, ["export", "meta", "--send"])
    assert result.exit_code == 2
    assert "SAM_META_ACCESS_TOKEN is not set" in result.output
    result = runner.invoke(app, ["export", "linkedin"])
    assert result.exit_code == 2 and "ga4, google-ads or meta" in result.output


# --- the status rules, at their boundaries (hand-computed) ---------------------------------


def test_status_rules_at_the_window_boundaries() -> None:
    ga4 = {"is_junk": False, "client_id": "c"}
    at = NOW - dt.timedelta(hours=72)
    assert send_status("ga4", {**ga4, "occurred_at": at}, NOW, None) == "sendable"
    at = NOW - dt.timedelta(hours=72, seconds=1)
    assert send_status("ga4", {**ga4, "occurred_at": at}, NOW, None) == "outside_window"
    pending = LedgerState(is_sent=False, last_status="pending")
    assert send_status("ga4", {**ga4, "occurred_at": NOW}, NOW, pending) == "in_doubt"
    assert (
        send_status("ga4", {**ga4, "occurred_at": NOW}, NOW, pending, resend_in_doubt=True)
        == "sendable"
    )
    failed = LedgerState(is_sent=False, last_status="failed")
    assert send_status("ga4", {**ga4, "occurred_at": NOW}, NOW, failed) == "sendable"
    sent = LedgerState(is_sent=True, last_status="failed")
    assert send_status("ga4", {**ga4, "occurred_at": NOW}, NOW, sent) == "already_sent"
    google = {
        "is_junk": False, "identifier_type": "gclid", "ads_consent": "unknown",
        "occurred_at": NOW - dt.timedelta(hours=1), "click_window_days": 30,
    }  # fmt: skip
    six_hours = NOW - dt.timedelta(hours=6)
    assert (
        send_status(
            "google_ads", {**google, "clicked_at": six_hours, "occurred_at": six_hours}, NOW, None
        )
        == "sendable"
    )
    younger = NOW - dt.timedelta(hours=5, minutes=59, seconds=59)
    assert (
        send_status("google_ads", {**google, "clicked_at": younger}, NOW, None)
        == "click_too_recent"
    )
    assert (
        send_status("google_ads", {**google, "clicked_at": NOW - dt.timedelta(days=30)}, NOW, None)
        == "sendable"
    )
    assert (
        send_status(
            "google_ads",
            {**google, "clicked_at": NOW - dt.timedelta(days=30, seconds=1)},
            NOW,
            None,
        )
        == "outside_window"
    )
    assert (
        send_status(
            "google_ads", {**google, "clicked_at": NOW - dt.timedelta(days=1)}, NOW, pending
        )
        == "sendable"
    )
    enhanced = {**google, "identifier_type": "enhanced_email", "clicked_at": None}
    assert (
        send_status(
            "google_ads", {**enhanced, "occurred_at": NOW - dt.timedelta(days=31)}, NOW, None
        )
        == "outside_window"
    )
    assert (
        send_status("google_ads", {**enhanced, "ads_consent": "denied"}, NOW, None)
        == "consent_denied"
    )
    meta = {"is_junk": False, "em": "h", "fbc": None, "ads_consent": "granted"}
    assert (
        send_status("meta", {**meta, "occurred_at": NOW - dt.timedelta(days=7)}, NOW, None)
        == "sendable"
    )
    assert (
        send_status(
            "meta", {**meta, "occurred_at": NOW - dt.timedelta(days=7, seconds=1)}, NOW, None
        )
        == "outside_window"
    )
    assert (
        send_status("meta", {**meta, "em": None, "occurred_at": NOW}, NOW, None) == "no_identifier"
    )
    assert (
        send_status("meta", {**meta, "is_junk": True, "occurred_at": NOW}, NOW, None) == "junk_lead"
    )
    assert Windows().ga4_backdate_hours == 72


def test_a_frozen_data_directory_declares_the_as_of_of_the_windows(tmp_path: Path) -> None:
    from sam.dbt_runner import declared_as_of

    (tmp_path / "manifest.json").write_text(json.dumps({"as_of": "2024-12-31"}))
    assert declared_as_of(tmp_path) == "2024-12-31"
    (tmp_path / "manifest.json").write_text(json.dumps({"as_of": "soon"}))
    assert declared_as_of(tmp_path) is None
    assert declared_as_of(tmp_path / "missing") is None


def test_the_bigquery_warehouse_reads_rows_and_keeps_the_ledger(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """BigQueryWarehouse against a stand-in client (no BigQuery here): the SQL it sends, the rows
    it reads back, and the ledger rows it streams."""
    from google.api_core.exceptions import NotFound
    from google.cloud import bigquery

    from sam.export.warehouse import BigQueryWarehouse, LedgerRow, WarehouseError

    class Row(dict[str, Any]):
        pass

    class Job:
        def __init__(self, rows: list[dict[str, Any]]) -> None:
            self.rows = rows

        def result(self) -> list[Row]:
            return [Row(r) for r in self.rows]

    class FakeClient:
        def __init__(self, project: str) -> None:
            self.queries: list[str] = []
            self.inserted: list[tuple[str, list[dict[str, Any]]]] = []
            self.has_ledger = False

        def query(self, sql: str, job_config: Any = None) -> Job:
            self.queries.append(sql)
            if "exp_missing" in sql:
                raise NotFound("no table")
            if "from `p.ds.sam_export_ledger`" in sql:
                at = dt.datetime(2024, 12, 31, tzinfo=dt.UTC)
                return Job([
                    {"outcome_key": "a", "status": "pending", "attempted_at": at},
                    {"outcome_key": "a", "status": "sent", "attempted_at": at},
                    {"outcome_key": "b", "status": "failed", "attempted_at": at},
                ])  # fmt: skip
            return Job([{"outcome_key": "a", "client_id": "c"}])

        def get_table(self, name: str) -> None:
            if not self.has_ledger:
                raise NotFound(name)

        def insert_rows_json(self, table: str, rows: list[dict[str, Any]]) -> list[Any]:
            self.inserted.append((table, rows))
            return []

        def close(self) -> None:
            pass

    monkeypatch.setattr(bigquery, "Client", FakeClient)
    warehouse = BigQueryWarehouse("p", "ds")
    client = warehouse.client
    assert warehouse.read_rows("exp_ga4_measurement_protocol") == [
        {"outcome_key": "a", "client_id": "c"}
    ]
    assert client.queries[-1] == "select * from `p.ds.exp_ga4_measurement_protocol`"
    with pytest.raises(WarehouseError, match="exp_missing not found"):
        warehouse.read_rows("exp_missing")
    assert warehouse.read_ledger("ga4") == {}  # no ledger table yet: nothing written
    client.has_ledger = True
    assert warehouse.read_ledger("ga4") == {
        "a": LedgerState(is_sent=True, last_status="sent"),
        "b": LedgerState(is_sent=False, last_status="failed"),
    }
    at = dt.datetime(2025, 1, 1)
    warehouse.append_ledger([LedgerRow("ga4", "a", "h", "sent", at, "HTTP 204", "r1")])
    assert client.queries[-1].startswith("create table if not exists `p.ds.sam_export_ledger`")
    assert client.inserted == [
        (
            "p.ds.sam_export_ledger",
            [{"destination": "ga4", "outcome_key": "a", "payload_hash": "h", "status": "sent",
              "attempted_at": "2025-01-01T00:00:00", "response": "HTTP 204", "run_id": "r1"}],
        )
    ]  # fmt: skip
    with pytest.raises(WarehouseError, match="not a valid"):
        BigQueryWarehouse("p", "ds; drop table x")
