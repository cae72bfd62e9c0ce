"""Benchmark `sam build` (dbt build on DuckDB) on a demo data folder: wall time, peak RSS of the
dbt process, and the slowest nodes. Prints markdown for docs/benchmarks.md.

    .venv/bin/python scripts/bench_dbt_build.py --scale 7.4 --data /tmp/demo10m   # ~10 M events

Generates the data folder first when it has no manifest.json (not timed). The database is a
fresh file beside the data folder, so every run is a full build.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--data", type=Path, required=True, help="demo data folder")
    parser.add_argument("--select", default=None, help="dbt selection (default: everything)")
    parser.add_argument("--top", type=int, default=5, help="slowest nodes to list")
    args = parser.parse_args()

    data = args.data.resolve()
    if not (data / "manifest.json").exists():
        subprocess.run(
            [str(BIN / "sam"), "demo-data", "--out", str(data), "--scale", str(args.scale)]
            + ["--quiet"],
            check=True,
        )
    manifest = json.loads((data / "manifest.json").read_text())
    database = data.with_suffix(".bench.duckdb")
    database.unlink(missing_ok=True)
    target = data.with_suffix(".bench-target")
    env = dict(os.environ, SAM_DATA_DIR=str(data), SAM_DUCKDB_PATH=str(database))
    cmd = [str(BIN / "sam"), "build", "--target-path", str(target), "--quiet"]
    if args.select:
        cmd += ["--select", args.select]

    t0 = time.perf_counter()
    result = subprocess.run(cmd, env=env, cwd=REPO, check=False)
    wall = time.perf_counter() - t0
    peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    if result.returncode != 0:
        sys.exit(f"sam build failed with exit code {result.returncode}")

    run_results = json.loads((target / "run_results.json").read_text())
    nodes = sorted(run_results["results"], key=lambda r: -r["execution_time"])
    slowest = ", ".join(
        f"{r['unique_id'].split('.')[-1]} {r['execution_time']:.1f} s" for r in nodes[: args.top]
    )
    print(
        f"| {manifest['ga4']['events']:,} events (scale {args.scale:g}) | {len(nodes)} nodes "
        f"| {wall:.0f} s | {peak_mib:,.0f} MiB | {slowest} |"
    )


if __name__ == "__main__":
    main()
