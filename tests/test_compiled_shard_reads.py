"""No compiled node makes DuckDB hold the GA4 export in memory (issue 18, 100 M events).

DuckDB materializes a CTE referenced more than once. A CTE over the raw shards (or over such a
CTE) referenced twice therefore holds every raw row it selects until the query ends: at 100 M
events with the profile's 2 GB cap, the raw-shard reconciliation test did that and ran out of
memory together with the mart built beside it. Every such CTE must be `not materialized`
(sam.cte_not_materialized), so each reference streams the shards and reads only its columns.

One `dbt compile` of the GA4 sources' direct children (the base model and the raw-export tests)
on the DuckDB target; ~15 s.
"""

from __future__ import annotations

import re

import pytest

from sam.project import REPO_ROOT, run_dbt

DATA_DIR = REPO_ROOT / "data" / "demo"
# (compiled file, CTE) -> why DuckDB may materialize it: a CTE that aggregates the shards holds
# its few result rows, and inlining it would read the shards again per reference.
ALLOWED: dict[tuple[str, str], str] = {
    ("assert_ga4_shards_have_traffic_source_columns.sql", "per_shard"): "one row per shard",
}
CTE_START = re.compile(r"(?:\bwith|,)\s+(\w+)\s+as\s+(not\s+materialized\s+)?\(", re.IGNORECASE)


def ctes(sql: str) -> dict[str, tuple[str, bool]]:
    """CTE name -> (its body, whether it is `not materialized`)."""
    found: dict[str, tuple[str, bool]] = {}
    for match in CTE_START.finditer(sql):
        depth, end = 1, match.end()
        while depth and end < len(sql):
            depth += {"(": 1, ")": -1}.get(sql[end], 0)
            end += 1
        found[match.group(1).lower()] = (sql[match.end() : end - 1], bool(match.group(2)))
    return found


def references(sql: str, name: str) -> int:
    return len(re.findall(rf"\b(?:from|join)\s+{name}\b", sql, re.IGNORECASE))


def materialized_shard_reads(sql: str) -> list[str]:
    """CTEs that read the export (read_parquet, or a CTE that does), are referenced more than
    once and are not `not materialized`."""
    found = ctes(sql)
    reads = {name for name, (body, _) in found.items() if "read_parquet(" in body.lower()}
    grown = True
    while grown:  # a CTE over a CTE that reads the shards reads them too
        more = {n for n, (body, _) in found.items() if any(references(body, r) for r in reads)}
        grown = bool(more - reads)
        reads |= more
    return sorted(n for n in reads if references(sql, n) > 1 and not found[n][1])


@pytest.fixture(scope="module")
def compiled_shard_readers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """node file name -> compiled SQL of every node that reads a GA4 source directly."""
    if not (DATA_DIR / "manifest.json").exists():
        pytest.skip("no demo data (make demo-data)")
    work = tmp_path_factory.mktemp("compiled-shard-reads")
    command = ["compile", "--quiet", "--select", "source:ga4+1"]
    command += ["--target-path", str(work / "target"), "--log-path", str(work)]
    result = run_dbt(
        command,
        env={"SAM_DATA_DIR": str(DATA_DIR), "SAM_DUCKDB_PATH": str(work / "compile.duckdb")},
        capture=True,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    files = sorted((work / "target" / "compiled").rglob("*.sql"))
    return {p.name: p.read_text() for p in files if "read_parquet(" in p.read_text()}


def test_no_node_materializes_the_raw_shards(compiled_shard_readers: dict[str, str]) -> None:
    # the base model and the reconciliation test are among them, so the check has work to do
    assert {"base_ga4__events.sql", "assert_ga4_events_reconcile_with_raw_shards.sql"} <= set(
        compiled_shard_readers
    )
    found = {
        (name, cte)
        for name, sql in compiled_shard_readers.items()
        for cte in materialized_shard_reads(sql)
    }
    offenders = sorted(found - set(ALLOWED))
    assert not offenders, f"CTEs over the GA4 shards DuckDB would materialize: {offenders}"
    stale = sorted(set(ALLOWED) - found)
    assert not stale, f"materialized no more, drop from ALLOWED: {stale}"


def test_the_check_finds_a_materialized_double_read() -> None:
    sql = """
    with raw as (select k from read_parquet('x/ga4/events_*.parquet')),
    keyed as not materialized (select k from raw),
    dates as (select distinct k from keyed),
    once as (select k from read_parquet('x/ga4/events_*.parquet'))
    select * from keyed join dates using (k) join once using (k)
    """
    # raw: read once, directly; keyed: twice but not materialized; once: once
    assert materialized_shard_reads(sql) == []
    assert materialized_shard_reads(sql.replace("not materialized ", "")) == ["keyed"]
    doubled = sql.replace("from keyed join", "from raw join raw as r2 on true join keyed join")
    assert materialized_shard_reads(doubled) == ["raw"]
