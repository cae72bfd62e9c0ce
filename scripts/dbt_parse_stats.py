"""How much of a test run's dbt time went into parsing: reads every dbt.log under the given folders
(e.g. a pytest --basetemp) and prints, per kind of parse, the invocations and their seconds.

    python scripts/dbt_parse_stats.py /tmp/bt [--by-file]

Each invocation in a dbt.log starts with a `=== <time> | <invocation id> ===` banner. Its parse is
timed from the state check (the `checksum: ..., vars: ...` line) to the first line after parsing
(`Found ...`, `Performance info`, or the first `Concurrency` / `Wrote artifact` line); its total
from `Command ... after N seconds`; its CPU seconds (user + system, the process's own) from dbt's
resource report. The kind: full (no saved parse, or the saved one rejected: vars / profile /
version changed), partial (some files re-parsed), reused (nothing changed).
"""

from __future__ import annotations

import argparse
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

_BANNER = re.compile(r"^=+ (\d\d:\d\d:\d\d\.\d+) \| [0-9a-f-]+ =+$")
_STAMP = re.compile(r"(\d\d:\d\d:\d\d\.\d+) \[")
_END_OF_PARSE = re.compile(r"\]: (Found \d+|Performance info|Concurrency:|Wrote artifact)")
_RESOURCES = re.compile(r"Resource report: (\{.*\})")
_COMMAND_DONE = re.compile(r"Command `dbt (\w+)` \w+ at [\d:.]+ after ([\d.]+) seconds")


@dataclass
class Invocation:
    log: Path
    command: str = "?"
    kind: str = "none"  # full | partial | reused | none (no parse line seen)
    parse_seconds: float = 0.0
    total_seconds: float = 0.0
    cpu_seconds: float = 0.0
    reason: str = ""


def _seconds(start: str, end: str) -> float:
    fmt = "%H:%M:%S.%f"
    delta = (datetime.strptime(end, fmt) - datetime.strptime(start, fmt)).total_seconds()
    return delta + 86400 if delta < 0 else delta


def invocations(log: Path) -> list[Invocation]:
    found: list[Invocation] = []
    current: Invocation | None = None
    parse_start: str | None = None
    for line in log.read_text(errors="replace").splitlines():
        line = re.sub(r"\x1b\[[0-9;]*m", "", line)
        if _BANNER.match(line):
            current = Invocation(log)
            found.append(current)
            parse_start = None
            continue
        if current is None:
            continue
        stamp = _STAMP.search(line)
        if "]: checksum: " in line and ", vars: " in line and stamp:
            parse_start = stamp.group(1)
            current.kind = "full"
        elif "Unable to do partial parsing because" in line:
            current.kind = "full"
            current.reason = line.split("because", 1)[1].strip()
        elif "Partial parsing enabled:" in line:
            current.kind = "partial"
        elif "Partial parsing enabled, no changes found" in line:
            current.kind = "reused"
        elif parse_start and stamp and _END_OF_PARSE.search(line):
            current.parse_seconds = _seconds(parse_start, stamp.group(1))
            parse_start = None
        resources = _RESOURCES.search(line)
        if resources:
            report = json.loads(resources.group(1))
            current.cpu_seconds = float(report.get("process_user_time", 0)) + float(
                report.get("process_kernel_time", 0)
            )
        done = _COMMAND_DONE.search(line)
        if done:
            current.command = done.group(1)
            current.total_seconds = float(done.group(2))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--by-file", action="store_true", help="one line per invocation")
    args = parser.parse_args()
    runs = [
        run
        for folder in args.folders
        for log in sorted(folder.rglob("dbt.log"))
        for run in invocations(log)
    ]
    totals: dict[str, list[float]] = defaultdict(lambda: [0, 0.0, 0.0, 0.0])
    for run in runs:
        if args.by_file:
            print(
                f"{run.kind:8} parse {run.parse_seconds:6.1f} s  total {run.total_seconds:6.1f} s"
                f"  cpu {run.cpu_seconds:6.1f} s"
                f"  {run.command:10} {run.log}  {run.reason}"
            )
        row = totals[run.kind]
        row[0] += 1
        row[1] += run.parse_seconds
        row[2] += run.total_seconds
        row[3] += run.cpu_seconds
    print(f"{'kind':8} {'runs':>5} {'parse s':>9} {'dbt s':>9} {'cpu s':>9}")
    for kind, (count, parse, total, cpu) in sorted(totals.items()):
        print(f"{kind:8} {int(count):5d} {parse:9.1f} {total:9.1f} {cpu:9.1f}")
    print(
        f"{'all':8} {len(runs):5d} {sum(r.parse_seconds for r in runs):9.1f} "
        f"{sum(r.total_seconds for r in runs):9.1f} {sum(r.cpu_seconds for r in runs):9.1f}"
    )


if __name__ == "__main__":
    main()
