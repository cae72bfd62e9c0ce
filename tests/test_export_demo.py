"""`sam export` on the shipped demo, as of its own last day (2024-12-31): the send_status the exp_
models computed in SQL equals the one `sam export` re-computes in Python for every row; no junk
lead (per fct_leads, read independently) is in any sendable row; every body validates; and after
a send to the stub servers, rebuilding the exp_ models marks exactly the sent rows already_sent
(the ledger read back through dbt).

Reads the database `make dbt-build` just built (env SAM_TEST_BUILT_DUCKDB, as test_marts_demo)
through a copy, so the shared build is never written to.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from export_stub import CUSTOMER_ID, stub_servers
from ga4_dbt import DbtWorkspace

from sam.dbt_runner import declared_as_of, vars_for_data_dir
from sam.export.destinations import sender_for
from sam.export.payloads import build_requests
from sam.export.runner import run_export
from sam.export.status import DESTINATIONS, TABLES, as_of_instant, send_status
from sam.export.transport import Transport
from sam.export.warehouse import DuckDBWarehouse

ROOT = Path(__file__).parent.parent
DEMO = ROOT / "data" / "demo"
NOW = as_of_instant(dt.date(2024, 12, 31))


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    built = os.environ.get("SAM_TEST_BUILT_DUCKDB")
    if not built or not Path(built).is_file() or declared_as_of(DEMO) != "2024-12-31":
        pytest.skip("needs the demo database `make dbt-build` builds (SAM_TEST_BUILT_DUCKDB)")
    copy = tmp_path_factory.mktemp("export_demo") / "sam.duckdb"
    shutil.copyfile(built, copy)
    yield copy


def rows_of(db: Path, table: str) -> list[dict[str, Any]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        cursor = con.execute(f"select * from {table}")
        names = [d[0] for d in cursor.description or []]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    finally:
        con.close()


def test_sql_and_python_agree_and_no_junk_lead_is_sendable(demo_db: Path) -> None:
    junk = {r["lead_id"] for r in rows_of(demo_db, "fct_leads") if r["is_junk"]}
    assert junk, "the demo has junk leads"
    for destination in DESTINATIONS:
        rows = rows_of(demo_db, TABLES[destination])
        assert {r["as_of_at"] for r in rows} == {NOW}  # sam build passed the manifest's as_of
        python = {r["outcome_key"]: send_status(destination, r, NOW, None) for r in rows}
        sql = {r["outcome_key"]: r["send_status"] for r in rows}
        assert python == sql
        counts = Counter(sql.values())
        print(destination, dict(sorted(counts.items())))
        sendable = [r for r in rows if r["send_status"] == "sendable"]
        assert sendable, f"{destination}: nothing to send on the demo"
        assert [r["outcome_key"] for r in sendable if r["person_id"] in junk] == []
        assert len(build_requests(destination, sendable, CUSTOMER_ID)) >= 1  # validated
    # the junk leads' outcomes are there, marked (Meta takes every stage, lead_created too)
    meta = Counter(r["send_status"] for r in rows_of(demo_db, TABLES["meta"]))
    assert meta["junk_lead"] > 0


def test_sent_rows_come_back_already_sent_after_dbt_rebuilds(demo_db: Path) -> None:
    before = Counter(r["send_status"] for r in rows_of(demo_db, TABLES["google_ads"]))
    with stub_servers() as stub:
        warehouse = DuckDBWarehouse(demo_db)
        try:
            transport = Transport(max_attempts=2, timeout=10, sleep=lambda _: None)
            result = run_export(
                "google_ads",
                warehouse,
                NOW,
                sender=sender_for("google_ads", transport, stub.env()),
                google_ads_customer_id=CUSTOMER_ID,
            )
        finally:
            warehouse.close()
    assert result.sent == before["sendable"] and result.failed == 0
    space = DbtWorkspace(data_dir=DEMO.resolve(), database=demo_db, work=demo_db.parent)
    space.dbt(
        "run", "--select", "stg_sam__export_ledger+", dbt_vars=vars_for_data_dir(DEMO.resolve())
    )
    after = Counter(r["send_status"] for r in rows_of(demo_db, TABLES["google_ads"]))
    expected = before.copy()
    expected["already_sent"] += expected.pop("sendable")
    assert after == expected
    # the other destinations' ledgers are empty: nothing changed there
    ga4 = Counter(r["send_status"] for r in rows_of(demo_db, TABLES["ga4"]))
    assert ga4["already_sent"] == 0 and ga4["sendable"] > 0
