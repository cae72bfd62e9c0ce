"""Helper for the pytest files that run dbt on the GA4 models (not a test module itself).

Every run is private: its own data directory, DuckDB file, --target-path and --log-path, so tests
never clash with other runs in the shared target/ folder or data/sam.duckdb. Only the GA4 nodes are
selected (the CRM and ad sources are not in these data directories).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from sam.project import PROFILES_DIR, run_dbt

# The shard filters of a compiled base_ga4__events. The daily source is the wildcard `events_2*`,
# whose suffix is the date without its leading 2 (7 digits); the intraday one `events_intraday_*`
# (8 digits).
_SHARD_FILTER = re.compile(r"where _table_suffix between '(\d{7,8})' and '(\d{7,8})'")


def shard_windows(compiled_sql: str) -> dict[str, tuple[str, str]]:
    """{'daily' | 'intraday': (first, last) as YYYYMMDD} read from a compiled base_ga4__events;
    an open bound is 00000000 / 99999999 for both sources."""
    open_bounds = {"0000000": "00000000", "9999999": "99999999"}
    windows: dict[str, tuple[str, str]] = {}
    for first, last in _SHARD_FILTER.findall(compiled_sql):
        if len(first) == 7:
            windows["daily"] = (
                open_bounds.get(first, "2" + first),
                open_bounds.get(last, "2" + last),
            )
        else:
            windows["intraday"] = (first, last)
    return windows


# Nodes downstream of GA4 that also read another source (spend's campaign match reads
# fct_sessions and the ad platforms; attribution reads the CRM) cannot build from a GA4-only data
# directory: left out.
OTHER_SOURCES = (
    "google_ads",
    "facebook_ads",
    "linkedin_ads",
    "microsoft_ads",
    "fx",
    "hubspot",
    "salesforce",
)
GA4_SELECTION = (
    "--select",
    "source:ga4+",
    "ga4_source_categories",
    "--exclude",
    *(f"source:{s}+" for s in OTHER_SOURCES),
)

# The GA4 selection without the ad platforms the GA4 channel step can read campaign types from.
GA4_ONLY_VARS = {"sam_google_ads_enabled": False, "sam_microsoft_ads_enabled": False}

# Every relation the GA4 selection builds, with its materialization in dbt_project.yml / config.
GA4_RELATIONS = (
    "base_ga4__events",  # incremental
    "stg_ga4__events",  # view
    "stg_ga4__lead_events",  # view
    "int_ga4__sessions_sourced",  # incremental
    "int_ga4__session_channels",  # incremental
    "int_ga4__visitor_user_ids",  # view
    "int_ga4__sessions",  # incremental
    "fct_sessions",  # table
    "rpt_ga4__event_coverage",  # table
)


@dataclass(frozen=True)
class DbtWorkspace:
    """One data directory, one DuckDB file and one private dbt target folder."""

    data_dir: Path
    database: Path
    work: Path  # holds target/ and logs/

    @property
    def target(self) -> Path:
        return self.work / "target"

    def dbt(
        self, *args: str, check: bool = True, dbt_vars: dict[str, Any] | None = None
    ) -> subprocess.CompletedProcess[str]:
        """`dbt <args>` with this workspace's data dir, database and private folders; `dbt_vars`
        are added to the --vars (which give sam_data_dir)."""
        self.database.parent.mkdir(parents=True, exist_ok=True)
        result = run_dbt(
            [
                *args,
                "--target-path",
                str(self.target),
                "--log-path",
                str(self.work / "logs"),
                "--vars",
                # every shard tested, as `sam build` does on local files
                json.dumps(
                    {
                        "sam_data_dir": str(self.data_dir),
                        "sam_ga4_test_all_shards": True,
                        **(dbt_vars or {}),
                    }
                ),
            ],
            env={"SAM_DATA_DIR": str(self.data_dir), "SAM_DUCKDB_PATH": str(self.database)},
            capture=True,
        )
        if check:
            assert result.returncode == 0, f"dbt {' '.join(args)} failed:\n{result.stdout[-6000:]}"
        return result

    def build(
        self, *extra: str, check: bool = True, dbt_vars: dict[str, Any] | None = None
    ) -> subprocess.CompletedProcess[str]:
        """`dbt build` of the GA4 nodes with their data tests (unit tests do not read the data
        and are left to the main build, to keep these runs short)."""
        return self.dbt(
            "build",
            *GA4_SELECTION,
            # Only tests whose every parent is selected (the selection leaves out other layers).
            "--indirect-selection",
            "cautious",
            "--exclude-resource-type",
            "unit_test",
            *extra,
            check=check,
            # The GA4 layer alone: the channel step's Google / Microsoft Ads campaign-type lookup
            # (issue 17) is another layer's source, so it is switched off here.
            dbt_vars={**GA4_ONLY_VARS, **(dbt_vars or {})},
        )

    def compiled_sql(self, model_path: str) -> str:
        """The SQL the last run compiled for `model_path` (relative to models/)."""
        return (self.target / "compiled" / "sam" / "models" / model_path).read_text()

    def run_results(self) -> dict[str, str]:
        """{node name: status} of the last dbt invocation (the project's on-run-start hook, which
        checks the vars, left out)."""
        results = json.loads((self.target / "run_results.json").read_text())["results"]
        return {
            r["unique_id"].split(".")[-1]: r["status"]
            for r in results
            if not r["unique_id"].startswith("operation.")
        }

    @contextmanager
    def connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-only connection, closed on exit (dbt cannot write while it is open)."""
        con = duckdb.connect(str(self.database), read_only=True)
        try:
            yield con
        finally:
            con.close()

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        with self.connect() as con:
            return con.execute(sql).fetchall()

    def dicts(self, sql: str) -> list[dict[str, Any]]:
        """The rows of `sql` as dicts keyed by column name."""
        with self.connect() as con:
            cur = con.execute(sql)
            names = [d[0] for d in cur.description]
            return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def scalar(self, sql: str) -> Any:
        rows = self.query(sql)
        assert len(rows) == 1 and len(rows[0]) == 1, f"{sql!r} gave {rows!r}"
        return rows[0][0]


# --------------------------------------------------------------------------------------------
# Incremental runs against a full refresh (tests/test_ga4_incremental.py,
# tests/test_incremental_chain.py): the same relation in two databases holds the same rows.

FLOAT_TYPES = ("DOUBLE", "FLOAT", "REAL")


def _columns(con: duckdb.DuckDBPyConnection, db: str, relation: str) -> list[tuple[str, str]]:
    return [
        (str(r[0]), str(r[1]))
        for r in con.execute(
            """select column_name, data_type from information_schema.columns
            where table_catalog = ? and table_schema = 'main' and table_name = ?
            order by ordinal_position""",
            [db, relation],
        ).fetchall()
    ]


def _count(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    row = con.execute(sql).fetchone()
    assert row is not None
    return int(row[0])


def assert_same_rows(inc: DbtWorkspace, full: DbtWorkspace, relation: str) -> None:
    """`relation` in the incremental build `inc` and the full refresh `full`: the same columns
    (names and types, in order) and the same rows as a multiset, and not empty. Floating values
    are compared rounded to 1e-9: the order DuckDB adds them in is not fixed between two builds
    of the same rows."""
    con = duckdb.connect()
    # Attached under the names dbt gave the databases (the file stems): the views' SQL names its
    # database.
    db_inc, db_full = inc.database.stem, full.database.stem
    try:
        con.execute(f"attach '{inc.database}' as {db_inc} (read_only)")
        con.execute(f"attach '{full.database}' as {db_full} (read_only)")
        columns = _columns(con, db_inc, relation)
        assert columns, f"{relation} missing from the incremental database"
        assert columns == _columns(con, db_full, relation)
        select = ", ".join(
            f"round({name}, 9) as {name}" if kind in FLOAT_TYPES else name for name, kind in columns
        )
        inc_rows = f"(select {select} from {db_inc}.main.{relation})"
        full_rows = f"(select {select} from {db_full}.main.{relation})"
        n_inc = _count(con, f"select count(*) from {inc_rows}")
        n_full = _count(con, f"select count(*) from {full_rows}")
        only_inc = _count(con, f"select count(*) from ({inc_rows} except all {full_rows})")
        only_full = _count(con, f"select count(*) from ({full_rows} except all {inc_rows})")
    finally:
        con.close()
    assert n_full > 0, f"{relation} is empty: the comparison proves nothing"
    assert (n_inc, only_inc, only_full) == (n_full, 0, 0), (
        f"{relation}: {n_inc} rows incremental vs {n_full} full refresh, "
        f"{only_inc} only in the incremental build, {only_full} only in the full refresh"
    )


# --------------------------------------------------------------------------------------------
# A tiny generated demo run with plain dbt / `sam` commands (tests/test_ga4_properties_freshness.py,
# tests/test_multi_sources_faults.py): its database, target and logs beside its data directory.


def tiny_demo(out: Path) -> Path:
    """`sam demo-data` at 3 % scale, 2024-11-15 to 2024-12-31 (every source, both CRMs) into
    `out`."""
    done = subprocess.run(
        [str(Path(sys.executable).parent / "sam"), "demo-data", "--out", str(out),
         "--scale", "0.03", "--start", "2024-11-15", "--as-of", "2024-12-31", "--quiet"],
        text=True, capture_output=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return out


def env_beside(data: Path) -> dict[str, str]:
    """The environment of a `sam` / dbt command on `data`: the DuckDB file sam.duckdb, dbt's
    target/ and target/logs/ in data's parent folder."""
    env = dict(os.environ)
    env.update(
        SAM_DATA_DIR=str(data),
        SAM_DUCKDB_PATH=str(data.parent / "sam.duckdb"),
        DBT_PROFILES_DIR=str(PROFILES_DIR),
        DBT_TARGET_PATH=str(data.parent / "target"),
        DBT_LOG_PATH=str(data.parent / "target" / "logs"),
    )
    return env
