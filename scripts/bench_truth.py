"""Truth benchmark: per channel, won revenue SAM credits under first touch (or --model) vs the
demo's ground truth — the share of won revenue on its true channel and the share credited to
'(no web touch)'. Markdown, for docs/benchmarks.md.

    .venv/bin/python scripts/bench_truth.py [--database data/sam.duckdb] [--data data/demo]
        [--model first_touch]

Needs a database built from the demo data directory (`make demo-data build`).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import duckdb

from sam.project import duckdb_path
from sam.truth import benchmark, markdown


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", type=Path, default=None)
    parser.add_argument("--data", type=Path, default=Path("data/demo"))
    parser.add_argument("--model", default="first_touch")
    args = parser.parse_args()
    database = args.database or duckdb_path()
    with duckdb.connect(str(database), read_only=True) as con:
        print(markdown(benchmark(con, args.data.resolve(), args.model)))


if __name__ == "__main__":
    main()
