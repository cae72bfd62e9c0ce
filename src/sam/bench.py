"""`sam bench`: how far SAM's build is from the least work the GA4 data needs (issue 18).

On a demo data directory at a given scale (generated when it has no manifest.json, reused
otherwise) it runs, each in its own process so that its time and peak RSS are its own:

1. baseline: the minimal query, a `create table` of the sessions with their source straight from
   the daily shards in a fresh in-memory DuckDB with memory_limit 6GB (issue 18's text). Every
   ratio is taken against its wall time.
2. full: `sam build` into a fresh database (every model and test); the base model's own time is
   dbt's timing of base_ga4__events in that build.
   base-write: that built base_ga4__events copied into a fresh DuckDB file (same memory limit):
   the cost of persisting the model's output alone, a floor under any base model that writes
   these rows and columns.
3. no-new-data: the scheduler's daily run (NIGHTLY: the `nightly` selector - no unit tests -
   with the raw-export tests and the generic tests of the incremental models on the window the
   run rewrote, vars sam_ga4_test_all_shards false and sam_test_recent_days) on the same data
   into the same database: the fixed cost of a daily run, dbt's start-up and parse included.
4. incremental: the next day's data (the generator with as_of + 1 day, same seed: the same
   events plus a new day, late events and the intraday shard turned daily) built by that daily
   run into the same database.
5. incremental-build: the same next day built with a plain `sam build` (every unit test, every
   test over whole history) into a copy of the database taken after the full build: the figure
   the earlier benchmarks recorded as "incremental".

Each dbt step's note adds dbt's elapsed time and its nodes by kind with their summed time (from
run_results.json), so the build's fixed cost - start-up and parse (wall time minus dbt's
elapsed), and hundreds of nodes of a few hundredths of a second each - shows beside the data work.
Peak RSS is the child's (os.wait4: the process and the processes it waited for, i.e. sam and the
dbt it runs). Nothing here asserts a time; docs/benchmarks.md records the figures.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sam.project import REPO_ROOT

SEED = 42
START = "2024-06-01"
AS_OF = "2024-12-31"
BASE_MODEL = "base_ga4__events"
STEPS = ("baseline", "full", "base-write", "no-new-data", "incremental", "incremental-build")
# What a scheduler's daily run adds to `sam build` (docs/scheduling.md): the nightly selector
# (no unit tests: they test logic on fixtures, CI runs them) and tests on the partitions the run
# rewrote (sam_ga4_late_days 3 + the day before + the new day + one spare = 6 days).
NIGHTLY_TEST_RECENT_DAYS = 6
NIGHTLY = (
    "--selector",
    "nightly",
    "--vars",
    json.dumps(
        {"sam_ga4_test_all_shards": False, "sam_test_recent_days": NIGHTLY_TEST_RECENT_DAYS}
    ),
)
INCREMENTAL_STEPS = ("no-new-data", "incremental", "incremental-build")

MINIMAL_QUERY = """
with e as (
  select user_pseudo_id, event_timestamp, event_name,
    [p.value.int_value for p in event_params if p.key = 'ga_session_id'][1] as sid,
    coalesce(collected_traffic_source.manual_source,
             [p.value.string_value for p in event_params if p.key = 'source'][1]) as src,
    coalesce(collected_traffic_source.manual_medium,
             [p.value.string_value for p in event_params if p.key = 'medium'][1]) as med
  from read_parquet('{data}/ga4/events_2*.parquet', union_by_name = true))
select user_pseudo_id, sid, min(event_timestamp) as started,
  arg_min(src, event_timestamp) filter (where src is not null) as src,
  arg_min(med, event_timestamp) filter (where med is not null) as med, count(*) as events
from e where user_pseudo_id is not null and sid is not null group by all
"""

# Run in a child python: the baseline must not share this process's memory or its DuckDB.
_BASELINE_SCRIPT = """
import sys, duckdb
con = duckdb.connect(config={"memory_limit": "6GB"})
con.execute("create table sessions as " + sys.argv[1])
print(con.execute("select count(*), sum(events) from sessions").fetchone())
"""

# The floor under any base model that persists this output: copy the finished base_ga4__events
# (read from the full build's database, attached read-only) into a fresh DuckDB file with the
# profile's settings. Reading a DuckDB table is cheap next to writing one, so this is ~the cost
# of writing the model's rows and columns alone, before reading a shard or extracting a parameter.
_BASE_WRITE_SCRIPT = """
import os, sys, duckdb
source, out, memory_limit = sys.argv[1:4]
con = duckdb.connect(out)
con.execute(f"set memory_limit = '{memory_limit}'")
con.execute("set preserve_insertion_order = false")
con.execute(f"attach '{source}' as built (read_only)")
con.execute("create table base_copy as select * from built.main.base_ga4__events")
con.execute("checkpoint")
print(con.execute("select count(*) from base_copy").fetchone()[0])
"""


class BenchError(RuntimeError):
    """A step of the bench failed (its command and exit code are in the message)."""


@dataclass
class Step:
    """One measured step: wall time (s), peak RSS (MiB) of its process tree, and what it made."""

    name: str
    seconds: float
    peak_mib: float
    note: str = ""


@dataclass
class BenchReport:
    scale: float
    data: Path
    events: int
    steps: list[Step] = field(default_factory=list)

    def step(self, name: str) -> Step | None:
        return next((s for s in self.steps if s.name == name), None)

    def markdown(self) -> str:
        """The table for docs/benchmarks.md: each step's time, peak RSS and ratio to the baseline;
        the incremental build also as a share of the full build."""
        baseline = self.step("baseline")
        full = self.step("full")
        lines = [
            f"{self.events:,} GA4 events (scale {self.scale:g}, {self.data})",
            "",
            "| step | wall time | peak RSS | x minimal query | note |",
            "|---|---:|---:|---:|---|",
        ]
        for s in self.steps:
            ratio = f"{s.seconds / baseline.seconds:.1f}x" if baseline and baseline.seconds else ""
            note = s.note
            if s.name in INCREMENTAL_STEPS and full and full.seconds:
                note = f"{100 * s.seconds / full.seconds:.0f} % of the full build; {note}"
            rss = f"{s.peak_mib:,.0f} MiB" if s.peak_mib else "(in full)"
            lines.append(f"| {s.name} | {s.seconds:.1f} s | {rss} | {ratio} | {note.strip('; ')} |")
        return "\n".join(lines)


# Linux gives an exec'd child the peak RSS of the process it was forked from (exec records the
# old memory map's high-water mark in ru_maxrss), so a big parent (a pytest worker, a notebook)
# would inflate the figure. A small fresh Python launches the command and reports that child's
# own wait4 figure: the floor is the launcher's ~10-20 MiB.
_LAUNCHER = """
import os, subprocess, sys
child = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(child.pid, 0)
with open(sys.argv[1], "w") as out:
    out.write(str(usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status))
"""


def measure(cmd: Sequence[str], env: dict[str, str] | None = None) -> tuple[float, float, int]:
    """Run `cmd`; its wall time (s), peak RSS (MiB) and exit code. The RSS is what wait4 reports
    for the child: its own peak or that of a descendant it waited for, whichever is larger."""
    fd, rss_file = tempfile.mkstemp(prefix="sam-bench-rss-")
    os.close(fd)
    try:
        t0 = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", _LAUNCHER, rss_file, *cmd], env=env, cwd=REPO_ROOT, check=False
        )
        seconds = time.perf_counter() - t0
        max_rss_kib = int(Path(rss_file).read_text() or 0)  # ru_maxrss: KiB on Linux
    finally:
        os.unlink(rss_file)
    return seconds, max_rss_kib / 1024, done.returncode


def next_day(as_of: str) -> str:
    return (dt.date.fromisoformat(as_of) + dt.timedelta(days=1)).isoformat()


def ensure_data(data: Path, scale: float, as_of: str, seed: int = SEED) -> int:
    """Generate the demo data into `data` unless it already holds a complete generation (its
    manifest.json, written last) of the same scale, seed and as-of; the GA4 event count."""
    manifest = data / "manifest.json"
    if manifest.is_file():
        found = json.loads(manifest.read_text())
        wanted = {"scale": scale, "seed": seed, "as_of": as_of}
        got = {k: found.get(k) for k in wanted}
        if got != wanted:
            raise BenchError(f"{data} holds demo data of {got}, not {wanted}: use another --data")
    else:
        cmd = [sys.executable, "-m", "sam.cli", "demo-data", "--out", str(data), "--quiet"]
        cmd += ["--seed", str(seed), "--start", START, "--as-of", as_of, "--scale", str(scale)]
        subprocess.run(cmd, check=True)
    return int(json.loads(manifest.read_text())["ga4"]["events"])


def _sam(*args: str) -> list[str]:
    return [sys.executable, "-m", "sam.cli", *args]


def run_bench(
    data: Path,
    scale: float,
    work: Path | None = None,
    steps: Sequence[str] = STEPS,
    runner: Callable[[Sequence[str], dict[str, str] | None], tuple[float, float, int]] = measure,
) -> BenchReport:
    """Measure the steps on `data` (generated at `scale` if needed; its next day beside it,
    `<data>-next`, when the incremental step runs). The database and dbt's target go to `work`
    (default `<data>-bench`), emptied first."""
    unknown = set(steps) - set(STEPS)
    if unknown:
        raise BenchError(f"unknown steps {sorted(unknown)}: choose from {', '.join(STEPS)}")
    data = data.resolve()
    events = ensure_data(data, scale, AS_OF)
    report = BenchReport(scale=scale, data=data, events=events)
    work = (work or data.with_name(data.name + "-bench")).resolve()
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    database, target = work / "sam.duckdb", work / "target"

    def build_env(data_dir: Path) -> dict[str, str]:
        return dict(os.environ, SAM_DATA_DIR=str(data_dir), SAM_DUCKDB_PATH=str(database))

    def run(name: str, cmd: Sequence[str], env: dict[str, str] | None, note: str = "") -> Step:
        seconds, peak, code = runner(cmd, env)
        if code != 0:
            raise BenchError(f"{name}: `{' '.join(cmd)}` exited with {code}")
        if env is not None:  # a dbt build: where its time went, from its run_results.json
            note = f"{note}; {node_summary(target / 'run_results.json')}"
        step = Step(name, seconds, peak, note)
        report.steps.append(step)
        return step

    if "base-write" in steps and "full" not in steps:
        raise BenchError("base-write copies the full build's base model: add the full step")
    if "baseline" in steps:
        query = MINIMAL_QUERY.format(data=data)
        run("baseline", [sys.executable, "-c", _BASELINE_SCRIPT, query], None, "minimal query")
    build = _sam("build", "--quiet", "--target-path", str(target))
    nightly = [*build, *NIGHTLY]
    if set(steps) & {"full", *INCREMENTAL_STEPS}:
        run("full", build, build_env(data), "sam build")
        base_seconds = node_seconds(target / "run_results.json", BASE_MODEL)
        if base_seconds is not None:
            note = "its node time in the full build"
            report.steps.append(Step("base model", base_seconds, 0.0, note))
    if "base-write" in steps:
        out = work / "base-write.duckdb"
        limit = os.environ.get("SAM_DUCKDB_MEMORY_LIMIT", "2GB")
        note = "copy of the built base model into a fresh DuckDB file: its write alone"
        copy_cmd = [sys.executable, "-c", _BASE_WRITE_SCRIPT, str(database), str(out), limit]
        run("base-write", copy_cmd, None, note)
        out.unlink(missing_ok=True)
    copy = work / "sam-after-full.duckdb"
    if "incremental-build" in steps:
        shutil.copyfile(database, copy)
    next_data = data.with_name(data.name + "-next")
    if set(steps) & {"incremental", "incremental-build"}:
        ensure_data(next_data, scale, next_day(AS_OF))
    if "no-new-data" in steps:
        run("no-new-data", nightly, build_env(data), "daily run (nightly selector), same data")
    if "incremental" in steps:
        note = "daily run (nightly selector), next day's data"
        run("incremental", nightly, build_env(next_data), note)
    if "incremental-build" in steps:
        shutil.move(copy, database)
        note = "plain sam build (unit tests, whole-history tests), next day's data"
        run("incremental-build", build, build_env(next_data), note)
    return report


def node_summary(run_results: Path) -> str:
    """dbt's elapsed time and its nodes by kind with their summed execution time, e.g. "dbt 68.0 s:
    102 models 60.4 s, 671 data tests 27.4 s, ...": what the build's time is made of beyond the
    data (start-up and parse = wall time - dbt's elapsed; node times overlap across threads)."""
    if not run_results.is_file():
        return "no run_results.json"
    found = json.loads(run_results.read_text())
    kinds: dict[str, list[float]] = {}
    for result in found["results"]:
        kind = result["unique_id"].split(".")[0]
        kinds.setdefault(kind, []).append(float(result["execution_time"]))
    names = {"model": "model", "test": "data test", "unit_test": "unit test", "seed": "seed"}
    parts = [
        f"{len(times)} {names[kind]}{'s' if len(times) != 1 else ''} {sum(times):.1f} s"
        for kind, times in sorted(kinds.items(), key=lambda item: -sum(item[1]))
        if kind in names
    ]
    elapsed = found.get("elapsed_time")
    head = f"dbt {float(elapsed):.1f} s" if elapsed is not None else "dbt"
    return f"{head}: {', '.join(parts)}"


def node_seconds(run_results: Path, model: str) -> float | None:
    """dbt's own execution time of `model` in a run_results.json (None when it did not run)."""
    if not run_results.is_file():
        return None
    for result in json.loads(run_results.read_text())["results"]:
        if result["unique_id"].split(".")[-1] == model and result["unique_id"].startswith("model."):
            return float(result["execution_time"])
    return None
