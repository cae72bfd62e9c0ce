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
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from sam.bench import _BASELINE_SCRIPT, MINIMAL_QUERY
from sam.project import REPO_ROOT, dbt_env

MODEL = "base_ga4__events"

# A fresh small launcher (as sam.bench's): the child's wall time, peak RSS and CPU time (user +
# system, all its threads). CPU time is what to compare on a shared machine: wall time there
# grows with the other processes' load, the CPU a query needs much less.
_LAUNCHER = """
import os, subprocess, sys, time
t0 = time.perf_counter()
child = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(child.pid, 0)
with open(sys.argv[1], "w") as out:
    out.write(f"{time.perf_counter() - t0} {usage.ru_maxrss} {usage.ru_utime + usage.ru_stime}")
sys.exit(os.waitstatus_to_exitcode(status))
"""


def measure(cmd: list[str]) -> tuple[float, float, float]:
    """Run `cmd` in a fresh launcher: its wall time (s), peak RSS (MiB) and CPU time (s)."""
    with tempfile.NamedTemporaryFile(prefix="sam-bench-base-") as out:
        done = subprocess.run(
            [sys.executable, "-c", _LAUNCHER, out.name, *cmd], cwd=REPO_ROOT, check=False
        )
        if done.returncode != 0:
            raise SystemExit(f"`{' '.join(cmd)[:200]}` exited with {done.returncode}")
        wall, rss_kib, cpu = (float(x) for x in Path(out.name).read_text().split())
    return wall, rss_kib / 1024, cpu


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


def run_model(sql: Path, database: Path, explain: Path | None = None) -> tuple[float, float, float]:
    for stale in (database, database.with_name(database.name + ".wal")):
        stale.unlink(missing_ok=True)
    return measure(
        [sys.executable, "-c", _MODEL_SCRIPT, str(database), str(sql), str(explain or "")]
    )


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
        baseline_cmd = [sys.executable, "-c", _BASELINE_SCRIPT, MINIMAL_QUERY.format(data=data)]
        times: dict[str, list[tuple[float, float, float]]] = {"baseline": []}
        for _ in range(args.repeat):
            times["baseline"].append(measure(baseline_cmd))
            for label, sql in variants:
                database = (args.keep or work) / f"{label}.duckdb"
                times.setdefault(label, []).append(run_model(Path(sql), database))
        if args.explain:
            label, sql = variants[0]
            run_model(Path(sql), work / "explain.duckdb", args.explain)
    base_wall = statistics.median(w for w, _, _ in times["baseline"])
    base_cpu = statistics.median(c for _, _, c in times["baseline"])
    print(f"\n{MODEL} alone, {data} (median of {args.repeat} runs)\n")
    print("| what | wall time | x minimal query | CPU time | x minimal query | peak RSS |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, runs in times.items():
        wall = statistics.median(w for w, _, _ in runs)
        cpu = statistics.median(c for _, _, c in runs)
        peak = max(p for _, p, _ in runs)
        print(
            f"| {label} | {wall:.1f} s | {wall / base_wall:.1f}x | {cpu:.1f} s "
            f"| {cpu / base_cpu:.1f}x | {peak:,.0f} MiB |"
        )


if __name__ == "__main__":
    main()
