"""Prove that two builds of `base_ga4__events` hold the same rows: EXCEPT ALL both ways over
every column but the two fingerprints, whose values depend on the engine's hash function
(sam.row_fingerprint), and for those the same partition of the rows (event_key unique in both;
session_key one-to-one with stream, visitor and ga_session_id in both).

    .venv/bin/python scripts/compare_ga4_base.py OLD.duckdb NEW.duckdb

Exit 1, with the counts, when they differ.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import duckdb

TABLE = "main.base_ga4__events"
KEYS = ("event_key", "session_key")


def compare(old: Path, new: Path) -> list[str]:
    """The differences between the two tables (empty: the same rows)."""
    # 10 M wide rows on each side: bounded memory, spilling beside the new database
    spill = new.with_name(new.name + ".compare.tmp")
    con = duckdb.connect(config={"memory_limit": "3GB", "temp_directory": str(spill)})
    con.execute(f"attach '{old}' as old (read_only)")
    con.execute(f"attach '{new}' as new (read_only)")
    columns = [
        r[0]
        for r in con.execute(
            "select column_name from information_schema.columns "
            "where table_catalog = 'old' and table_name = 'base_ga4__events' "
            "order by ordinal_position"
        ).fetchall()
    ]
    kept = ", ".join(f'"{c}"' for c in columns if c not in KEYS)
    problems: list[str] = []
    for a, b in (("old", "new"), ("new", "old")):
        (n,) = con.execute(
            f"select count(*) from (select {kept} from {a}.{TABLE} "
            f"except all select {kept} from {b}.{TABLE})"
        ).fetchone() or (0,)
        if n:
            problems.append(f"{n} rows of {a} are not in {b}")
    for db in ("old", "new"):
        rows, keys, sessions, tuples, pairs = con.execute(
            f"""select count(*), count(distinct event_key), count(distinct session_key),
                count(distinct (stream_id, user_pseudo_id, ga_session_id))
                    filter (where session_key is not null),
                count(distinct (session_key, stream_id, user_pseudo_id, ga_session_id))
                    filter (where session_key is not null)
            from {db}.{TABLE}"""
        ).fetchone() or (0, 0, 0, 0, 0)
        print(f"{db}: {rows:,} rows, {keys:,} event keys, {sessions:,} session keys")
        if keys != rows:
            problems.append(f"{db}: event_key is not unique ({keys} keys for {rows} rows)")
        if not sessions == tuples == pairs:
            problems.append(
                f"{db}: session_key is not one-to-one with (stream, visitor, ga_session_id): "
                f"{sessions} keys, {tuples} tuples, {pairs} pairs"
            )
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    args = parser.parse_args()
    problems = compare(args.old, args.new)
    for problem in problems:
        print(problem)
    print("same rows" if not problems else "DIFFERENT")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
