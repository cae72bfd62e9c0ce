"""BigQuery bugs the offline compile cannot see, pinned so they stay fixed (issue 15):
seed column types BigQuery's load job rejects, a fixture quote BigQuery cannot read, and the
property time zone var (a value that is not a zone name is a clear error, not broken SQL)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import duckdb
import pytest
import sqlglot
import yaml
from google.cloud.bigquery.enums import SqlTypeNames, StandardSqlTypeNames
from sqlglot.tokenizer_core import TokenType

from sam import bq_check
from sam.project import REPO_ROOT

# The names a BigQuery load-job schema field accepts (legacy and standard spellings).
BIGQUERY_LOAD_TYPES = {t.value for t in SqlTypeNames} | {t.value for t in StandardSqlTypeNames}


def seed_column_types() -> list[tuple[str, str, str]]:
    found = []
    for path in sorted((REPO_ROOT / "seeds").glob("*.yml")):
        for seed in yaml.safe_load(path.read_text()).get("seeds", []):
            for column, type_ in (seed.get("config", {}).get("column_types") or {}).items():
                found.append((seed["name"], column, str(type_)))
    return found


def test_the_project_declares_seed_types() -> None:
    assert ("sam_manual_costs", "amount", "numeric") in seed_column_types()


@pytest.mark.parametrize(("seed", "column", "type_"), seed_column_types())
def test_seed_column_types_load_on_bigquery_and_duckdb(seed: str, column: str, type_: str) -> None:
    # dbt-bigquery puts the declared type verbatim into the load job's schema: decimal(18, 2)
    # there fails the load and skips everything downstream of the seed.
    assert type_.upper() in BIGQUERY_LOAD_TYPES, f"{seed}.{column}: {type_} is not a BigQuery type"
    duckdb.sql(f"select cast(null as {type_}) as x").fetchall()


def test_decimal_with_precision_is_not_a_bigquery_load_type() -> None:
    # the check above would have caught the old declaration
    assert "DECIMAL(18, 2)" not in BIGQUERY_LOAD_TYPES
    assert "NUMERIC" in BIGQUERY_LOAD_TYPES


def sql_fixtures() -> list[tuple[str, str]]:
    found = []
    for path in sorted((REPO_ROOT / "models").rglob("*.yml")):
        for test in yaml.safe_load(path.read_text()).get("unit_tests", []) or []:
            for given in test.get("given", []):
                if given.get("format") == "sql":
                    found.append((test["name"], str(given["rows"])))
    return found


def has_doubled_quote(sql: str) -> bool:
    """A string literal holding a quote written by doubling it: an escape in DuckDB, two adjacent
    literals (a syntax error) in BigQuery. Dict fixtures let dbt quote for each adapter."""
    tokens = sqlglot.Dialect.get_or_raise("duckdb").tokenize(sql)
    return any(t.token_type == TokenType.STRING and "'" in t.text for t in tokens)


def test_no_sql_fixture_escapes_a_quote_by_doubling_it() -> None:
    assert has_doubled_quote("select 'Partner''s Day' as campaign")
    assert not has_doubled_quote("select '' as a, ' ' as b, 'x' as c")
    fixtures = sql_fixtures()
    assert len(fixtures) > 20  # the scan reads the fixtures
    assert [name for name, rows in fixtures if has_doubled_quote(rows)] == []


def compile_with_timezone(tz: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return bq_check.run_dbt(
        ["compile", "--select", "fct_deals", "--vars", f'{{"sam_timezone": "{tz}"}}', "--quiet",
         "--target-path", str(tmp_path / "target")],
        env={"SAM_DUCKDB_PATH": str(tmp_path / "tz.duckdb")},
        capture=True,
    )  # fmt: skip


def test_sam_timezone_renders_per_engine_and_rejects_a_non_zone(tmp_path: Path) -> None:
    ok = compile_with_timezone("America/Los_Angeles", tmp_path)
    assert ok.returncode == 0, ok.stdout[-2000:]
    compiled = (tmp_path / "target/compiled/sam/models/marts/core/fct_deals.sql").read_text()
    assert "timezone('America/Los_Angeles', timezone('UTC'," in compiled
    bad = compile_with_timezone("Europe/Berlin'; drop table x --", tmp_path)
    assert bad.returncode != 0
    assert "var sam_timezone must be an IANA time zone name" in bad.stdout + bad.stderr


def test_bigquery_dates_use_the_property_time_zone() -> None:
    folder = bq_check.compile_for_bigquery(
        False, "fct_deals", {"sam_timezone": "Europe/Berlin"}, name="timezone"
    )
    sql = (folder / "sam/models/marts/core/fct_deals.sql").read_text()
    assert "date(deals.created_at, 'Europe/Berlin') as created_date" in sql
    assert "date(deals.closed_at, 'Europe/Berlin') as closed_date" in sql
