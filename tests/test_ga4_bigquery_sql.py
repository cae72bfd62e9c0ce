"""What the GA4 models ask of BigQuery, read from their offline BigQuery compile: an incremental
run reads only the late-days window of shards, and rewrites whole days (insert_overwrite)."""

from __future__ import annotations

import json
import re

import pytest

from sam import bq_check

SHARD_BOUNDS = re.compile(
    r"_table_suffix between '(\d{8})' and '(\d{8})'\s+"
    r"or _table_suffix between 'intraday_(\d{8})' and 'intraday_(\d{8})'"
)


def compiled_base(incremental: bool, extra_vars: dict[str, object] | None = None) -> str:
    folder = bq_check.compile_for_bigquery(incremental, "base_ga4__events", extra_vars)
    return (folder / "sam" / "models" / "staging" / "ga4" / "base_ga4__events.sql").read_text()


@pytest.fixture(scope="module")
def incremental_sql() -> str:
    return compiled_base(incremental=True)


def test_incremental_run_reads_only_the_late_days_window(incremental_sql: str) -> None:
    # Offline, the newest loaded date is fixed at 2024-12-31; sam_ga4_late_days defaults to 3.
    bounds = SHARD_BOUNDS.findall(incremental_sql)
    assert bounds == [("20241228", "99999999", "20241228", "99999999")]
    # The filter sits on the wildcard table itself, where BigQuery prunes shards.
    source_cte = incremental_sql.split("daily_shards as (")[0]
    assert "`analytics_123456789`.`events_*`" in source_cte
    assert "_table_suffix between '20241228'" in source_cte


def test_late_days_var_moves_the_window() -> None:
    sql = compiled_base(incremental=True, extra_vars={"sam_ga4_late_days": 5})
    assert SHARD_BOUNDS.findall(sql)[0][0] == "20241226"


def test_full_refresh_reads_the_backfill_window() -> None:
    assert SHARD_BOUNDS.findall(compiled_base(incremental=False))[0][:2] == ("00000000", "99999999")
    sql = compiled_base(
        incremental=False,
        extra_vars={"sam_ga4_start_date": "2024-06-01", "sam_ga4_end_date": "2024-06-30"},
    )
    assert SHARD_BOUNDS.findall(sql) == [("20240601", "20240630", "20240601", "20240630")]


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
