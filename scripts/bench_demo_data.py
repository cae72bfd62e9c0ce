"""Benchmark `sam demo-data`: run it in a subprocess and print one markdown table row with the
wall time, the GA4 events written and the peak RSS of the generator process.

    python scripts/bench_demo_data.py --scale 7.4            # ~10 M events
    python scripts/bench_demo_data.py --scale 1 --header     # default scale, with the table head
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--start", default="2024-06-01")
    parser.add_argument("--as-of", default="2024-12-31")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--out", type=Path, help="Keep the data here (default: a temp folder).")
    parser.add_argument("--header", action="store_true", help="Print the table head first.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sam-bench-") as tmp:
        out = args.out or Path(tmp)
        cmd = [
            sys.executable,
            "-m",
            "sam.cli",
            "demo-data",
            "--out",
            str(out),
            "--quiet",
            "--seed",
            str(args.seed),
            "--start",
            args.start,
            "--as-of",
            args.as_of,
            "--scale",
            str(args.scale),
        ]
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True)
        wall = time.perf_counter() - t0
        peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KiB on Linux
        manifest = json.loads((out / "manifest.json").read_text())
        size_mib = sum(p.stat().st_size for p in out.rglob("*.parquet")) / 2**20
    if args.header:
        print("| scale | days | GA4 events | wall time | events/s | peak RSS | files on disk |")
        print("|---:|---|---:|---:|---:|---:|---:|")
    events = manifest["ga4"]["events"]
    print(
        f"| {args.scale:g} | {args.start}..{args.as_of} | {events:,} | {wall:.1f} s "
        f"| {events / wall:,.0f} | {peak_mib:,.0f} MiB | {size_mib:,.0f} MiB |"
    )


if __name__ == "__main__":
    main()
