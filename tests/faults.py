"""The fault-injection suite's machinery (tests/test_faults.py; docs/reliability.md).

One tiny demo (scale 0.03, three months), made the way a HubSpot-only, single-currency company
would have it: no Salesforce, no HubSpot lists / list members / merge audits / deal companies, no
FX table, every amount in USD. One baseline `sam build` of it; then each fault copies the data
directory, changes one table with DuckDB SQL, and either
  - runs `sam build` and expects it to stop before dbt with one line naming the fault, or
  - copies the baseline database and rebuilds only the nodes downstream of the changed tables
    (`sam build --select source:<source>.<table>+`), then checks the named bucket / warning and
    that the marts are otherwise unchanged (rows compared with the baseline, floats rounded).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parents[1]
SAM = str(Path(sys.executable).parent / "sam")
# Every build of the suite passes the same vars, so dbt parses the project once (partial parsing).
SUITE_VARS = {"sam_manual_costs_enabled": False}
OPTIONAL_TABLES = (
    "hubspot/contact_list",
    "hubspot/contact_list_member",
    "hubspot/contact_merge_audit",
    "hubspot/deal_company",
)


@dataclass
class Suite:
    root: Path
    data: Path  # the baseline data directory
    database: Path  # the baseline build
    target: Path  # dbt's target path for the suite (partial parse kept between builds)

    def env(self, data: Path, database: Path) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            SAM_DATA_DIR=str(data),
            SAM_DUCKDB_PATH=str(database),
            DBT_TARGET_PATH=str(self.target),
            DBT_LOG_PATH=str(self.target / "logs"),
            SAM_DUCKDB_MEMORY_LIMIT="1GB",
        )
        env.pop("SAM_DEBUG", None)
        return env

    def sam(
        self, args: Sequence[str], data: Path | None = None, database: Path | None = None
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [SAM, *args],
            env=self.env(data or self.data, database or self.database),
            cwd=self.root,
            text=True,
            capture_output=True,
            check=False,
        )

    def build(
        self, data: Path, database: Path, select: Sequence[str] = (), extra: Sequence[str] = ()
    ) -> subprocess.CompletedProcess[str]:
        args = ["build", "--vars", json.dumps(SUITE_VARS), *extra]
        if select:
            args += ["--select", *select, "--exclude-resource-type", "unit_test"]
        return self.sam(args, data, database)

    def copy_data(self, name: str) -> Path:
        target = self.root / name / "data"
        shutil.copytree(self.data, target)
        return target

    def copy_database(self, name: str) -> Path:
        target = self.root / name / "sam.duckdb"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(self.database, target)
        return target


def make_suite(root: Path) -> Suite:
    """Generate the tiny demo, make it HubSpot-only and single-currency, build it once."""
    data = root / "baseline" / "data"
    done = subprocess.run(
        [
            SAM,
            "demo-data",
            "--out",
            str(data),
            "--scale",
            "0.03",
            "--start",
            "2024-10-01",
            "--as-of",
            "2024-12-31",
            "--quiet",
        ],
        text=True,
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    shutil.rmtree(data / "salesforce")
    shutil.rmtree(data / "ground_truth", ignore_errors=True)
    shutil.rmtree(data / "fx")
    for table in OPTIONAL_TABLES:
        (data / f"{table}.parquet").unlink()
    rewrite(
        data / "hubspot" / "deal.parquet", "select * replace ('USD' as property_deal_currency_code)"
    )
    rewrite(
        data / "facebook_ads" / "account_history.parquet", "select * replace ('USD' as currency)"
    )
    rewrite(
        data / "linkedin_ads" / "account_history.parquet", "select * replace ('USD' as currency)"
    )
    suite = Suite(root, data, root / "baseline" / "sam.duckdb", root / "target")
    built = suite.build(data, suite.database)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-2000:]
    return suite


def rewrite(path: Path, select: str) -> None:
    """Replace a Parquet file by `<select> from <the file> as t` (DuckDB SQL)."""
    replace_with(path, f"{select} from {{src}} as t")


def replace_with(path: Path, query: str) -> None:
    """Replace a Parquet file by a DuckDB query in which {src} reads the file as it was."""
    scratch = path.with_suffix(".new.parquet")
    con = duckdb.connect()
    sql = query.replace("{src}", f"read_parquet('{path.as_posix()}')")
    con.execute(f"copy ({sql}) to '{scratch.as_posix()}' (format parquet)")
    con.close()
    scratch.replace(path)


def add_copies(path: Path, rows: int, change: str = "*") -> None:
    """Append copies of the file's first `rows` rows (`change`: the select list, e.g. a
    `* replace (...)`)."""
    replace_with(
        path,
        f"select * from {{src}} union all by name "
        f"select {change} from (select * from {{src}} limit {rows})",
    )


def query(database: Path, sql: str) -> list[tuple[object, ...]]:
    con = duckdb.connect(str(database), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def changed_rows(baseline: Path, faulted: Path, table: str, keep: str = "true") -> int:
    """Rows of `table` (restricted by the SQL condition `keep`) that differ between the two
    builds, both ways; floats rounded to 6 decimals (parallel sums differ in the last bits)."""
    con = duckdb.connect()
    try:
        con.execute(f"attach '{baseline.as_posix()}' as base (read_only)")
        con.execute(f"attach '{faulted.as_posix()}' as fault (read_only)")
        columns = con.execute(f"describe base.main.{table}").fetchall()
        select = ", ".join(
            f"round({name}, 6)" if kind in ("DOUBLE", "FLOAT") else name
            for name, kind, *_ in columns
        )
        sql = f"""
            select count(*) from (
                (select {select} from base.main.{table} where {keep}
                 except all select {select} from fault.main.{table} where {keep})
                union all
                (select {select} from fault.main.{table} where {keep}
                 except all select {select} from base.main.{table} where {keep})
            )"""
        result = con.execute(sql).fetchone()
        return int(result[0]) if result else 0
    finally:
        con.close()


def run_results(suite: Suite) -> dict[str, tuple[str, int | None]]:
    """The last dbt run's node name -> (status, failures)."""
    results = json.loads((suite.target / "run_results.json").read_text())["results"]
    return {r["unique_id"].split(".")[2]: (str(r["status"]), r.get("failures")) for r in results}


def one_line_error(done: subprocess.CompletedProcess[str]) -> str:
    """The single line a failed `sam` command printed (asserting there is exactly one and no
    traceback)."""
    assert done.returncode != 0, done.stdout[-2000:]
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert "Traceback" not in done.stderr and "Traceback" not in done.stdout, done.stderr
    assert len(lines) == 1, done.stderr
    return lines[0]
