"""The GoogleSQL gate (sam.zetasql_check): it resolves names and types as BigQuery does, so it
catches what parses but fails at query time — planted here in real dbt models compiled for
BigQuery, and in plain statements against a GA4-shaped catalog."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sam import bq_check, zetasql_check
from sam.project import REPO_ROOT, data_dir

PROBE_DIR = REPO_ROOT / "models" / "zz_zetasql_probes"

# Each probe reads the real base_ga4__events (whose output schema the gate resolves first from
# the GA4 export's catalog) and plants one mistake on line 3.
PROBES = {
    # ga_session_id is INT64 in the export: comparing it with a string literal
    "zz_probe_int64_eq_string": (
        "select event_key\nfrom {{ ref('base_ga4__events') }}\nwhere ga_session_id = '1'\n",
        "No matching signature for operator = for argument types: INT64, STRING",
    ),
    # event_date_dt is a DATE; current_timestamp() a TIMESTAMP
    "zz_probe_timestamp_vs_date": (
        "select event_key\nfrom {{ ref('base_ga4__events') }}\n"
        "where event_date_dt < current_timestamp()\n",
        "No matching signature for operator < for argument types: DATE, TIMESTAMP",
    ),
    # DuckDB's argument order; BigQuery's is date_trunc(d, month)
    "zz_probe_date_trunc_order": (
        "select event_key,\n    0 as x,\n    date_trunc('month', event_date_dt) as m\n"
        "from {{ ref('base_ga4__events') }}\n",
        "A valid date part name is required but found event_date_dt",
    ),
}
FIXED = {
    "zz_probe_int64_eq_string": "select event_key\nfrom {{ ref('base_ga4__events') }}\n"
    "where ga_session_id = 1\n",
    "zz_probe_timestamp_vs_date": "select event_key\nfrom {{ ref('base_ga4__events') }}\n"
    "where event_date_dt < current_date()\n",
    "zz_probe_date_trunc_order": "select event_key,\n    0 as x,\n"
    "    date_trunc(event_date_dt, month) as m\nfrom {{ ref('base_ga4__events') }}\n",
}


@pytest.fixture
def probes() -> Iterator[Path]:
    PROBE_DIR.mkdir(exist_ok=True)
    try:
        yield PROBE_DIR
    finally:
        for path in PROBE_DIR.glob("*.*"):
            path.unlink()
        PROBE_DIR.rmdir()


def gate_on_probes() -> zetasql_check.GateResult:
    compiled = bq_check.compile_for_bigquery(False, "+path:models/zz_zetasql_probes", name="probes")
    return zetasql_check.run_gate([(compiled.parent, "full", False)], data_dir())


def test_planted_mistakes_fail_with_file_line_and_bigquery_message(
    probes: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the models only: base_ga4__events' own tests read models this selection does not compile
    monkeypatch.setenv("DBT_INDIRECT_SELECTION", "empty")
    for name, (sql, _) in PROBES.items():
        (probes / f"{name}.sql").write_text(sql)
        (probes / f"{name}_fixed.sql").write_text(FIXED[name])
    result = gate_on_probes()
    # base_ga4__events (their upstream) resolved from the GA4 catalog, then every probe analysed
    assert result.analyzed == 1 + 2 * len(PROBES)
    assert result.skipped == []
    # each planted mistake fails on its own line with BigQuery's message; each fixed twin passes
    by_file = {Path(str(f.path)).stem: f for f in result.findings}
    assert set(by_file) == set(PROBES), [str(f) for f in result.findings]
    for name, (_, message) in PROBES.items():
        finding = by_file[name]
        assert finding.line == 3, str(finding)
        assert message in finding.message, str(finding)
        assert str(finding.path).endswith(f"models/zz_zetasql_probes/{name}.sql")


UNIT_PROBE_YML = """
unit_tests:
  - name: zz_probe_unit_duckdb_fixture
    model: zz_probe_unit
    given:
      - input: ref('base_ga4__events')
        format: sql
        rows: |
          select 'k1' as event_key, cast(null as varchar) as ga_session_id
    expect:
      rows:
        - {event_key: k1, ga_session_id: null}
  - name: zz_probe_unit_dict_fixture
    model: zz_probe_unit
    given:
      - input: ref('base_ga4__events')
        rows:
          - {event_key: k1, ga_session_id: 7}
    expect:
      rows:
        - {event_key: k1, ga_session_id: 7}
"""


def test_unit_test_queries_are_analysed_with_typed_fixtures(
    probes: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DBT_INDIRECT_SELECTION", "empty")
    (probes / "zz_probe_unit.sql").write_text(
        "select event_key, ga_session_id\nfrom {{ ref('base_ga4__events') }}\n"
    )
    (probes / "zz_probe_unit.yml").write_text(UNIT_PROBE_YML)
    compiled = bq_check.compile_for_bigquery(False, "+path:models/zz_zetasql_probes", name="probes")
    gate = zetasql_check.Gate(data_dir())
    result = zetasql_check.GateResult()
    zetasql_check.analyze_target(gate, compiled.parent, "full", result)
    assert result.findings == []
    statements, failed = bq_check.record_unit_tests(
        gate.column_types(), "test_type:unit,path:models/zz_zetasql_probes", {}, "probe_units"
    )
    assert failed == []
    before = result.analyzed
    zetasql_check.analyze_unit_tests(gate, statements, "unit", result)
    assert result.analyzed - before == 2
    # the DuckDB-only type in the SQL fixture is found in its unit test's query ...
    assert [Path(str(f.path)).stem for f in result.findings] == ["zz_probe_unit_duckdb_fixture"]
    assert "Type not found: varchar" in result.findings[0].message
    # ... and the dict fixture was typed from the catalog: ga_session_id is the export's INT64
    # (base_ga4__events' resolved output), every other column a typed NULL
    query = (statements.parent / "sql" / "zz_probe_unit_dict_fixture.sql").read_text()
    assert "safe_cast(7 as INT64)" in query
    assert "safe_cast(null as DATE)" in query  # event_date_dt, not in the fixture


@pytest.fixture(scope="module")
def gate() -> zetasql_check.Gate:
    g = zetasql_check.Gate(data_dir())
    g.tables.update(zetasql_check.ga4_tables("p", "analytics_1"))
    return g


GA4 = [("p", "analytics_1", "events_2*")]


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        # BigQuery's own rules the project tripped over (found by this gate, fixed):
        # QUALIFY needs WHERE, GROUP BY or HAVING beside it
        (
            "select event_name from `p`.`analytics_1`.`events_2*`\n"
            "qualify row_number() over (partition by event_name) = 1",
            "QUALIFY clause must be used in conjunction with WHERE",
        ),
        # a CTE named like a column: the bare name is the CTE's row, not the column
        (
            "with spend as (select 1.5 as spend) select sum(spend) as spend from spend",
            "No matching signature for aggregate function SUM",
        ),
        # GROUP BY reads a select alias before a table alias
        (
            "with c as (select 'a' as t) select c.t, count(*) as c from c group by c.t",
            "contains an aggregation function, which is not allowed in GROUP BY",
        ),
        ("select unknown_fn(1) as x", "Function not found: unknown_fn"),
        (
            "select event_name from `p`.`analytics_1`.`events_2*` where _table_suffix >= 20240101",
            "STRING, INT64",
        ),
    ],
)
def test_bigquery_rules(gate: zetasql_check.Gate, sql: str, expected: str) -> None:
    stmt, error = gate.analyze(sql, GA4)
    assert stmt is None
    assert error is not None and expected in error, error


def test_canonical_ga4_forms_analyse(gate: zetasql_check.Gate) -> None:
    sql = """
    select
        (select value.int_value from unnest(event_params) where key = 'ga_session_id') as sid,
        (select ep.value.string_value from unnest(event_params) as ep
            where ep.key = 'page_location') as page,
        parse_date('%Y%m%d', event_date) as d,
        timestamp_micros(event_timestamp) as ts,
        traffic_source.source as first_source,
        cast(bigint_col as bigint) as n
    from `p`.`analytics_1`.`events_2*`, unnest([1]) as bigint_col
    where _table_suffix between '20240101' and '20240131'
    """
    stmt, error = gate.analyze(sql, GA4)
    assert error is None
    types = {c.name: c.column.type.type_kind.name for c in stmt.output_column_list}
    assert types == {
        "sid": "TYPE_INT64",
        "page": "TYPE_STRING",
        "d": "TYPE_DATE",
        "ts": "TYPE_TIMESTAMP",
        "first_source": "TYPE_STRING",
        "n": "TYPE_INT64",
    }
    # _TABLE_SUFFIX is a pseudo-column: SELECT * does not return it
    stmt, error = gate.analyze("select * from `p`.`analytics_1`.`events_2*`", GA4)
    assert error is None
    assert "_TABLE_SUFFIX" not in {c.name for c in stmt.output_column_list}


def test_the_compiled_wasm_is_cached() -> None:
    zetasql_check.Gate(data_dir()).analyze("select 1 as x", [])
    assert zetasql_check._wasm_cache_file().stat().st_size > 10_000_000
