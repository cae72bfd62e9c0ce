"""Shared by scripts/bench_ga4_base.py and scripts/bench_ga4_sessions.py (not a script itself).

Both time queries alternately with issue 18's minimal query (sam.bench), each run in its own
process, so that every ratio is to a baseline measured under the same load (the machine is
shared), and print the same table: the median wall and CPU time of each, their ratios to the
minimal query's, and the peak RSS.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from sam.bench import _BASELINE_SCRIPT, MINIMAL_QUERY
from sam.project import REPO_ROOT

# (wall time s, peak RSS MiB, CPU time s) of one run.
Timing = tuple[float, float, float]

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


def measure(cmd: Sequence[str]) -> Timing:
    """Run `cmd` in a fresh launcher: its wall time (s), peak RSS (MiB) and CPU time (s)."""
    with tempfile.NamedTemporaryFile(prefix="sam-bench-base-") as out:
        done = subprocess.run(
            [sys.executable, "-c", _LAUNCHER, out.name, *cmd], cwd=REPO_ROOT, check=False
        )
        if done.returncode != 0:
            raise SystemExit(f"`{' '.join(cmd)[:200]}` exited with {done.returncode}")
        wall, rss_kib, cpu = (float(x) for x in Path(out.name).read_text().split())
    return wall, rss_kib / 1024, cpu


def minimal_query(data: Path) -> list[str]:
    """The command running issue 18's minimal query over the GA4 export in `data`."""
    return [sys.executable, "-c", _BASELINE_SCRIPT, MINIMAL_QUERY.format(data=data)]


def alternate(
    data: Path,
    baseline_label: str,
    variants: Sequence[tuple[str, Callable[[int], Timing]]],
    repeat: int,
) -> dict[str, list[Timing]]:
    """`repeat` rounds of the minimal query over `data` then each variant's run (given the round,
    from 0); every label's timings, the baseline's first."""
    baseline = minimal_query(data)
    times: dict[str, list[Timing]] = {baseline_label: []}
    for round_number in range(repeat):
        times[baseline_label].append(measure(baseline))
        for label, run in variants:
            times.setdefault(label, []).append(run(round_number))
    return times


def print_table(title: str, times: dict[str, list[Timing]], ratio_decimals: int) -> None:
    """The medians of `times` (its first label the baseline) as a Markdown table under `title`."""
    base_runs = next(iter(times.values()))
    base_wall = statistics.median(w for w, _, _ in base_runs)
    base_cpu = statistics.median(c for _, _, c in base_runs)
    print(f"\n{title} (median of {len(base_runs)} runs)\n")
    print("| what | wall time | x minimal query | CPU time | x minimal query | peak RSS |")
    print("|---|---:|---:|---:|---:|---:|")
    for what, runs in times.items():
        wall = statistics.median(w for w, _, _ in runs)
        cpu = statistics.median(c for _, _, c in runs)
        peak = max(p for _, p, _ in runs)
        print(
            f"| {what} | {wall:.1f} s | {wall / base_wall:.{ratio_decimals}f}x | {cpu:.1f} s "
            f"| {cpu / base_cpu:.{ratio_decimals}f}x | {peak:,.0f} MiB |"
        )
