"""What the GA4 models ask of BigQuery, read from their offline BigQuery compile: an incremental
run reads only the late-days window of shards, and rewrites whole days (insert_overwrite)."""

from __future__ import annotations

import json
import re

import pytest
from ga4_dbt import shard_windows

from sam import bq_check


def compiled_base(incremental: bool, extra_vars: dict[str, object] | None = None) -> str:
    folder = bq_check.compile_for_bigquery(incremental, "base_ga4__events", extra_vars)
    return (folder / "sam" / "models" / "staging" / "ga4" / "base_ga4__events.sql").read_text()


@pytest.fixture(scope="module")
def incremental_sql() -> str:
    return compiled_base(incremental=True)


def test_incremental_run_reads_only_the_late_days_window(incremental_sql: str) -> None:
    # Offline, the newest loaded date is fixed at 2024-12-31; sam_ga4_late_days defaults to 3.
    assert shard_windows(incremental_sql) == {
        "daily": ("20241228", "99999999"),
        "intraday": ("20241228", "99999999"),
    }
    # Each filter sits on its wildcard table itself, with constant bounds: what BigQuery prunes on.
    # The daily wildcard cannot match intraday tables (whose schema lacks columns).
    assert re.search(
        r"`analytics_123456789`\.`events_2\*` as export\s+"
        r"where _table_suffix between '0241228' and '9999999'",
        incremental_sql,
    )
    assert re.search(
        r"`analytics_123456789`\.`events_intraday_\*` as export\s+"
        r"where _table_suffix between '20241228' and '99999999'",
        incremental_sql,
    )
    assert "`events_*`" not in incremental_sql
    # Intraday shards lack session_traffic_source_last_click: not named in their part.
    intraday_part = incremental_sql.split("union all")[1].split("daily_shards as (")[0]
    assert "session_traffic_source_last_click" not in intraday_part
    assert not re.search(r"\btraffic_source\.", intraday_part)


def test_late_days_var_moves_the_window() -> None:
    sql = compiled_base(incremental=True, extra_vars={"sam_ga4_late_days": 5})
    assert shard_windows(sql)["daily"][0] == "20241226"


def test_full_refresh_reads_the_backfill_window() -> None:
    assert shard_windows(compiled_base(incremental=False))["daily"] == ("00000000", "99999999")
    sql = compiled_base(
        incremental=False,
        extra_vars={"sam_ga4_start_date": "2024-06-01", "sam_ga4_end_date": "2024-06-30"},
    )
    assert shard_windows(sql) == {
        "daily": ("20240601", "20240630"),
        "intraday": ("20240601", "20240630"),
    }


def test_bigquery_config_overwrites_whole_days(incremental_sql: str) -> None:
    manifest = json.loads(
        (bq_check.WORK_DIR / "incremental" / "manifest.json").read_text(encoding="utf-8")
    )
    config = manifest["nodes"]["model.sam.base_ga4__events"]["config"]
    assert config["incremental_strategy"] == "insert_overwrite"
    assert config["partition_by"] == {
        "field": "event_date_dt",
        "data_type": "date",
        "granularity": "day",
    }
    # Protected target (the bigquery target is in sam_protected_targets): no --full-refresh.
    assert config["full_refresh"] is False
