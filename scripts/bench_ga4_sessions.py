"""Time the GA4 session models one by one against the minimal query, in the same run (issue 18).

Each model's compiled full-refresh SQL runs as `create table` in a copy of a database where
`sam build` (or main's build) made its inputs, in its own process (memory_limit 2GB, 2 threads,
preserve_insertion_order false, as the profile), alternated with the issue's minimal query, so
that the ratio is to a baseline measured under the same load. It reports wall and CPU time (user +
system, all threads: compare CPU times on a shared machine) and, with --compare, whether the rows
equal the database's own table of the model (EXCEPT ALL both ways over every column, untimed).

    nice .venv/bin/python scripts/bench_ga4_sessions.py --database BUILT.duckdb --data DIR
        [--sql LABEL:MODEL=compiled.sql ...] [--repeat 2] [--compare]

Without --sql it compiles this checkout's session models for DIR against the database.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from _bench_alternating import Timing, alternate, measure, print_table

from sam.project import REPO_ROOT, dbt_env

MODELS = (
    "int_ga4__sessions_sourced",
    "int_ga4__session_channels",
    "int_ga4__sessions",
    "fct_sessions",
    "int_ga4__ad_clicks",
    "int_ga4__visitor_ads_consent",
)

# Child process: the profile's settings, the model as `create table bench__<label>__<model>`.
_MODEL_SCRIPT = """
import sys, duckdb
database, table, sql_file = sys.argv[1:4]
con = duckdb.connect(database, config={
    "memory_limit": "2GB", "preserve_insertion_order": False, "threads": 2})
con.execute(f"create or replace table main.{table} as (" + open(sql_file).read() + ")")
"""

# Another child, not timed: EXCEPT ALL both ways against the model's table in the same database.
_COMPARE_SCRIPT = """
import sys, duckdb
database, table, model = sys.argv[1:4]
con = duckdb.connect(database, config={"memory_limit": "2GB", "threads": 2})
cols = ", ".join(f'"{c[0]}"' for c in con.execute(f"describe main.{model}").fetchall())
a, b = f"select {cols} from main.{table}", f"select {cols} from main.{model}"
left = con.execute(f"select count(*) from ({a} except all {b})").fetchone()[0]
right = con.execute(f"select count(*) from ({b} except all {a})").fetchone()[0]
rows = con.execute(f"select count(*) from main.{table}").fetchone()[0]
print(f"{table}: {rows:,} rows, {left} only here, {right} only in {model}", flush=True)
"""


def compile_models(data: Path, database: Path, work: Path) -> list[tuple[str, str, Path]]:
    """This checkout's session models compiled (full refresh) for `data` against `database`."""
    target = work / "target"
    env = dbt_env({"SAM_DATA_DIR": str(data), "SAM_DUCKDB_PATH": str(database)})
    cmd = [str(Path(sys.executable).with_name("dbt")), "compile", "-q", "--full-refresh"]
    cmd += ["-s", *MODELS, "--target-path", str(target)]
    subprocess.run(cmd, env=env, cwd=REPO_ROOT, check=True, stdout=subprocess.DEVNULL)
    return [("now", m, next(target.glob(f"compiled/sam/models/**/{m}.sql"))) for m in MODELS]


def model_run(
    database: Path, table: str, model: str, sql: Path, compare: bool
) -> Callable[[int], Timing]:
    """A variant's run for `alternate`: `sql` into `table`; after the first round's, with
    `compare`, its rows against the model's own table (untimed)."""

    def run(round_number: int) -> Timing:
        timing = measure([sys.executable, "-c", _MODEL_SCRIPT, str(database), table, str(sql)])
        if compare and round_number == 0:
            cmd = [sys.executable, "-c", _COMPARE_SCRIPT, str(database), table, model]
            subprocess.run(cmd, check=True)
        return timing

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", type=Path, required=True, help="a built SAM database")
    parser.add_argument("--data", type=Path, required=True, help="its data directory")
    parser.add_argument("--sql", action="append", default=[], help="LABEL:MODEL=compiled.sql")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--compare", action="store_true", help="EXCEPT ALL against the table")
    args = parser.parse_args()
    data = args.data.resolve()
    with tempfile.TemporaryDirectory(prefix="sam-bench-sessions-") as tmp:
        work = Path(tmp)
        # The compiled SQL names the catalog after the file: the copy is sam.duckdb too.
        database = work / "sam.duckdb"
        shutil.copyfile(args.database, database)
        variants = []
        for spec in args.sql:
            label_model, sql = spec.split("=", 1)
            label, model = label_model.split(":", 1)
            variants.append((label, model, Path(sql).resolve()))
        variants = variants or compile_models(data, database, work)
        runs = [
            (
                f"{model} ({label})",
                model_run(database, f"bench__{label}__{model}", model, sql, args.compare),
            )
            for label, model, sql in variants
        ]
        times = alternate(data, "minimal query", runs, args.repeat)
    print_table(f"GA4 session models, {data}", times, ratio_decimals=2)


if __name__ == "__main__":
    main()
