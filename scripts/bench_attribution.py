"""Benchmark the data-driven attribution models (Markov, Shapley, path reports) on DuckDB: a
generated set of journeys with a fixed number of distinct channel paths, then `dbt build` of
those models and their data tests only. Prints markdown for docs/benchmarks.md.

    .venv/bin/python scripts/bench_attribution.py --journeys 100000 --paths 10000

The journeys are written straight into the relations the models read (int_attribution__journeys
and int_attribution__conversions) in a fresh DuckDB file; the upstream models are not selected,
so dbt reads these tables as they are. Unit tests are excluded (they do not read data).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import tempfile
import time
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from sam.project import run_dbt

MODELS = (
    "int_attribution__markov_transitions",
    "int_attribution__markov_state_probabilities",
    "int_attribution__markov_removal_effects",
    "int_attribution__credits_markov",
    "int_attribution__credits_shapley",
    "rpt_markov_removal_effects",
    "rpt_attribution__paths",
    "rpt_attribution__path_distributions",
)
CHANNELS = (
    "Direct",
    "Organic Search",
    "Paid Search",
    "Organic Social",
    "Paid Social",
    "Email",
    "Referral",
    "Display",
    "Affiliates",
    "Organic Video",
    "Paid Video",
    "Cross-network",
    "Organic Shopping",
    "Paid Shopping",
    "Offline",
)
TYPES = ("lead_created", "mql", "sql", "opportunity_created", "closed_won")
END = dt.datetime(2024, 12, 31)


def distinct_paths(rng: random.Random, count: int, max_length: int) -> list[tuple[str, ...]]:
    """`count` distinct channel sequences; lengths roughly geometric, channels skewed."""
    weights = [1.0 / (rank + 1) for rank in range(len(CHANNELS))]
    paths: set[tuple[str, ...]] = set()
    while len(paths) < count:
        length = min(1 + int(rng.expovariate(1 / 3)), max_length)
        paths.add(tuple(rng.choices(CHANNELS, weights, k=length)))
    return sorted(paths)


def journeys_table(args: argparse.Namespace) -> tuple[pa.Table, pa.Table]:
    """(journeys, conversions) as Arrow tables with the contract columns."""
    rng = random.Random(args.seed)
    paths = distinct_paths(rng, args.paths, args.max_length)
    # every path once, the rest by a Zipf-like popularity
    popularity = [1.0 / (rank + 1) ** 0.8 for rank in range(len(paths))]
    rng.shuffle(popularity)
    chosen = list(range(len(paths)))
    chosen += rng.choices(range(len(paths)), popularity, k=args.journeys - len(paths))
    columns: dict[str, list[Any]] = {
        name: []
        for name in [
            "conversion_type",
            "journey_id",
            "is_converting",
            "conversion_id",
            "converted_at",
            "conversion_value",
            "touch_number",
            "touch_count",
            "touchpoint_id",
            "touch_type",
            "channel",
            "campaign",
            "touched_at",
            "is_ft",
            "is_lc",
            "is_oc",
            "is_cw",
        ]
    }
    conversions: dict[str, list[Any]] = {
        name: []
        for name in ("conversion_type", "conversion_id", "converted_at", "conversion_value")
    }
    types = TYPES[: args.types]
    for number, path_index in enumerate(chosen):
        path = paths[path_index]
        conversion_type = types[number % len(types)]
        journey_id = f"j{number}"
        converting = rng.random() < min(0.02 + 0.04 * len(set(path)), 0.6)
        converted_at = END - dt.timedelta(hours=rng.randint(0, 24 * 180)) if converting else None
        value = round(rng.uniform(100, 50_000), 2) if converting else 0.0
        last = converted_at or END
        gaps = sorted((rng.uniform(0, 90) for _ in path), reverse=True)
        for touch, (channel, days_before) in enumerate(zip(path, gaps, strict=True), start=1):
            row = (
                conversion_type,
                journey_id,
                converting,
                journey_id if converting else None,
                converted_at,
                value,
                touch,
                len(path),
                f"{journey_id}-{touch}",
                "web",
                channel,
                None,
                last - dt.timedelta(days=days_before),
                touch == 1,
                touch == len(path),
                False,
                False,
            )
            for name, cell in zip(columns, row, strict=True):
                columns[name].append(cell)
        if converting:
            for name, cell in zip(
                conversions, (conversion_type, journey_id, converted_at, value), strict=True
            ):
                conversions[name].append(cell)
    return pa.table(columns), pa.table(conversions)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--journeys", type=int, default=100_000)
    parser.add_argument("--paths", type=int, default=10_000)
    parser.add_argument("--types", type=int, default=1, help="conversion types (1-5)")
    parser.add_argument("--max-length", type=int, default=12)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--work", type=Path, default=None, help="folder (default: a temp one)")
    args = parser.parse_args()

    work = args.work or Path(tempfile.mkdtemp(prefix="sam-bench-attribution-"))
    work.mkdir(parents=True, exist_ok=True)
    database = work / "bench.duckdb"
    database.unlink(missing_ok=True)

    journeys, conversions = journeys_table(args)
    con = duckdb.connect(str(database))
    con.register("journeys_arrow", journeys)
    con.register("conversions_arrow", conversions)
    con.execute("create table int_attribution__journeys as select * from journeys_arrow")
    con.execute(
        "create table int_attribution__conversions as select *, "
        "cast(null as varchar) as person_id, cast(null as varchar) as deal_id "
        "from conversions_arrow"
    )
    stats = con.execute(
        "select count(distinct journey_id), count(distinct case when is_converting then "
        "journey_id end), count(*), count(distinct channel) from int_attribution__journeys"
    ).fetchone()
    con.close()
    assert stats is not None

    target = work / "target"
    started = time.perf_counter()
    result = run_dbt(
        ["build", "--select", *MODELS, "--exclude-resource-type", "unit_test"]
        + ["--target-path", str(target), "--log-path", str(work / "logs")],
        env={"SAM_DUCKDB_PATH": str(database)},
        capture=True,
    )
    wall = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"dbt build failed:\n{result.stdout[-4000:]}")

    results = json.loads((target / "run_results.json").read_text())["results"]
    timing = {r["unique_id"]: r["execution_time"] for r in results}
    models = {uid.split(".")[-1]: t for uid, t in timing.items() if uid.startswith("model.")}
    tests = sum(t for uid, t in timing.items() if uid.startswith("test."))
    markov = sum(t for name, t in models.items() if "markov" in name)
    print(
        f"Input: {stats[0]:,} journeys ({stats[1]:,} converting) over {args.paths:,} distinct "
        f"paths, {stats[2]:,} touches, {stats[3]} channels, {args.types} conversion type(s)."
    )
    print()
    print("| model | build time |")
    print("|---|---:|")
    for name in MODELS:
        print(f"| `{name}` | {models[name]:.2f} s |")
    print(f"| Markov models together | {markov:.2f} s |")
    print(f"| {len(timing) - len(models)} data tests together | {tests:.2f} s |")
    print(f"| `dbt build` wall time (parse included) | {wall:.1f} s |")


if __name__ == "__main__":
    main()
