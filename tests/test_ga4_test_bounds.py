"""The tests on the raw GA4 export read only the shards a run reads (issue 14): in the offline
BigQuery compile every one of them filters the `events_2*` / `events_intraday_*` wildcard with
the incremental window's constant `_table_suffix` bounds (BigQuery prunes on them), the window
base_ga4__events itself reads (sam_ga4_test_all_shards, which `sam build` sets on local files,
widens them to the backfill window: every DuckDB build of the suite runs that way)."""

from __future__ import annotations

import re

from sam import bq_check

RAW_EXPORT_TESTS = (
    "assert_ga4_events_reconcile_with_raw_shards",
    "assert_ga4_raw_key_columns_not_null",
    "assert_ga4_shards_have_traffic_source_columns",
)


def compiled_tests(extra_vars: dict[str, object] | None = None) -> dict[str, str]:
    folder = bq_check.compile_for_bigquery(
        True, "path:tests/ga4", extra_vars, name="ga4_test_bounds"
    )
    return {
        name: (folder / "sam" / "tests" / "ga4" / f"{name}.sql").read_text()
        for name in RAW_EXPORT_TESTS
    }


def wildcard_reads(sql: str) -> list[str]:
    """The text after each read of a GA4 wildcard, up to the end of its WHERE condition."""
    return re.findall(r"`events_(?:2|intraday_)\*`[^\n]*\n\s*where ([^\n]*)", sql)


def test_raw_export_tests_read_only_the_late_days_window() -> None:
    # offline, the newest loaded date is 2024-12-31 and sam_ga4_late_days 3 (bq_check)
    for name, sql in compiled_tests().items():
        reads = wildcard_reads(sql)
        assert reads, f"{name} reads no GA4 wildcard"
        for condition in reads:
            assert condition in (
                "_table_suffix between '0241228' and '9999999'",
                "_table_suffix between '20241228' and '99999999'",
            ), f"{name}: {condition}"
