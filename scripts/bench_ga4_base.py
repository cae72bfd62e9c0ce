"""Time `base_ga4__events` alone against the minimal query, in the same run (issue 18).

`sam bench` is a full build; this is the base model's compiled SQL as `create table` in a fresh
DuckDB file (memory_limit 2GB, preserve_insertion_order false, as the profile sets), each run in
its own process, alternated with the issue's minimal query (sam.bench, memory_limit 6GB) so that
the ratio is taken against a baseline measured under the same load (the machine is shared). It
reports wall time and CPU time (user + system of all threads); on a loaded machine compare the
CPU times, which the other processes inflate much less.

    nice .venv/bin/python scripts/bench_ga4_base.py --data DIR [--repeat 2]
        [--sql LABEL=compiled.sql ...] [--keep DIR] [--explain FILE]

Without --sql it compiles the model of this checkout (`dbt compile`, full-refresh SQL) for DIR.
--keep leaves each variant's database in DIR/<label>.duckdb (for scripts/compare_ga4_base.py);
--explain writes EXPLAIN ANALYZE of the first variant to FILE (one more run, not timed).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from _bench_alternating import Timing, alternate, measure, print_table

from sam.project import REPO_ROOT, dbt_env

MODEL = "base_ga4__events"

# Child process: a fresh database file, the profile's settings, the model as `create table`.
_MODEL_SCRIPT = """
import sys, duckdb
database, sql_file, explain = sys.argv[1], sys.argv[2], sys.argv[3]
con = duckdb.connect(database, config={
    "memory_limit": "2GB", "preserve_insertion_order": False, "temp_directory": database + ".tmp"})
sql = "create table main.base_ga4__events as (" + open(sql_file).read() + ")"
if explain:
    with open(explain, "w") as out:
        for _, plan in con.execute("explain analyze " + sql).fetchall():
            out.write(plan)
else:
    con.execute(sql)
    print(con.execute("select count(*) from main.base_ga4__events").fetchone()[0], "rows")
"""


def compile_model(data: Path, work: Path) -> Path:
    """The model's compiled SQL for `data`, as a first (full-refresh) run would execute it."""
    target = work / "target"
    env = dbt_env({"SAM_DATA_DIR": str(data), "SAM_DUCKDB_PATH": str(work / "compile.duckdb")})
    cmd = [str(Path(sys.executable).with_name("dbt")), "compile", "-q", "-s", MODEL]
    subprocess.run([*cmd, "--target-path", str(target)], env=env, cwd=REPO_ROOT, check=True)
    return next(target.glob(f"compiled/sam/models/**/{MODEL}.sql"))


def run_model(sql: Path, database: Path, explain: Path | None = None) -> Timing:
    for stale in (database, database.with_name(database.name + ".wal")):
        stale.unlink(missing_ok=True)
    return measure(
        [sys.executable, "-c", _MODEL_SCRIPT, str(database), str(sql), str(explain or "")]
    )


def model_run(sql: Path, database: Path) -> Callable[[int], Timing]:
    """A variant's run for `alternate`, the same in every round (a fresh database each time)."""
    return lambda _round: run_model(sql, database)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="a demo data directory")
    parser.add_argument("--sql", action="append", default=[], help="LABEL=compiled.sql")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="keep each variant's database here")
    parser.add_argument("--explain", type=Path, help="EXPLAIN ANALYZE of the first variant")
    args = parser.parse_args()
    data = args.data.resolve()
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="sam-bench-base-") as tmp:
        work = Path(tmp)
        variants = [(s.split("=", 1)[0], s.split("=", 1)[1]) for s in args.sql]
        variants = variants or [("now", str(compile_model(data, work)))]
        keep = args.keep or work
        runs = [(label, model_run(Path(sql), keep / f"{label}.duckdb")) for label, sql in variants]
        times = alternate(data, "baseline", runs, args.repeat)
        if args.explain:
            label, sql = variants[0]
            run_model(Path(sql), work / "explain.duckdb", args.explain)
    print_table(f"{MODEL} alone, {data}", times, ratio_decimals=1)


if __name__ == "__main__":
    main()
