"""The offline BigQuery check: what it flags, and that it fails on a model using DuckDB syntax."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sam import bq_check
from sam.project import REPO_ROOT


def messages(sql: str) -> list[str]:
    return [f.message for f in bq_check.scan_sql(sql, Path("m.sql"))]


def test_portable_sql_passes() -> None:
    sql = """
    with ev as (
        select
            event_name,
            (select ep.value.int_value from unnest(event_params) as ep
                where ep.key = 'ga_session_id') as ga_session_id,
            safe_cast(event_date as int64) as d,
            struct('a' as x) as s
        from `p`.`analytics_1`.`events_*`
        where _table_suffix between '20240101' and '20240103'
    )
    select event_name, countif(d > 0) as n from ev group by 1 qualify n > 0
    """
    assert messages(sql) == []


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("select a::int as b from t", "`::` cast"),
        ("select apply_fn(x, y -> y + 1) as z from t", "`->` lambda"),
        ("select {'a': 1} as s from t", "struct literal"),
        ("select try_cast(a as int) as b from t", "try_cast() is DuckDB-only"),
        ("select * exclude (a) from t", "`exclude` is DuckDB-only"),
        ("select a from t where b ilike '%x%'", "`ilike` is DuckDB-only"),
        ('select "a" as b from t', "is a string in BigQuery"),
        ("select strptime(d, '%Y%m%d') as x from t", "strptime() is DuckDB-only"),
    ],
)
def test_duckdb_isms_are_flagged(sql: str, expected: str) -> None:
    found = messages(sql)
    assert len(found) == 1, found
    assert expected in found[0]


def test_unparseable_sql_is_flagged_with_its_line() -> None:
    findings = bq_check.scan_sql("select\n a,\n (b from t", Path("m.sql"))
    assert len(findings) == 1
    assert "does not parse as BigQuery" in findings[0].message


def test_function_names_inside_strings_and_backticks_are_not_flagged() -> None:
    assert messages("select 'try_cast(x)' as s, `len` as l from t") == []


PROBE = REPO_ROOT / "models" / "zz_bq_check_probe.sql"


@pytest.fixture
def duckdb_only_model() -> Iterator[Path]:
    """A deliberately DuckDB-only model, removed afterwards whatever happens."""
    PROBE.write_text(
        "select event_name::varchar as event_name_text\nfrom {{ source('ga4', 'events') }}\n"
    )
    try:
        yield PROBE
    finally:
        PROBE.unlink(missing_ok=True)


def test_project_check_fails_on_a_duckdb_only_model_then_passes(duckdb_only_model: Path) -> None:
    report = bq_check.run(select="zz_bq_check_probe")
    assert report.files == 2  # the model, compiled once per is_incremental() answer
    assert report.analyzed is None  # a selection: no GoogleSQL gate (its catalog needs upstream)
    assert [f.message for f in report.findings] == [
        "[full] `::` cast: write cast(x as T)",
        "[incremental] `::` cast: write cast(x as T)",
    ]
    compiled = (
        bq_check.WORK_DIR / "full_refresh" / "compiled" / "sam" / "models" / PROBE.name
    ).read_text()
    # The source resolved to the BigQuery wildcard table, not to the DuckDB Parquet reader.
    assert "`analytics_123456789`.`events_2*`" in compiled
    assert "read_parquet" not in compiled

    duckdb_only_model.write_text(
        "select cast(event_name as string) as event_name_text\nfrom {{ source('ga4', 'events') }}\n"
    )
    report = bq_check.run(select="zz_bq_check_probe")
    assert (report.files, report.findings) == (2, [])
