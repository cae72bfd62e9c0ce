"""Bytes each model scans on BigQuery in a daily (incremental) run, estimated offline.

For every model of the incremental compile (`sam bq-check` writes it), ZetaSQL (with unused
columns pruned) names exactly the columns the query reads from each table; the bytes are those
columns' BigQuery logical size (on-demand billing: STRING 2 + UTF-8 bytes, INT64 / FLOAT64 /
DATE / TIMESTAMP 8, NUMERIC 16, BOOL 1, NULL 0, STRUCT and ARRAY the sum of what they hold)
summed over the rows the query can reach:
- a GA4 wildcard: only the shards whose suffix lies in the compiled constant `_table_suffix`
  bounds (BigQuery prunes the others before billing);
- any other table: all of it (SAM's downstream models are full rebuilds with no partition filter).
Whole STRUCT / ARRAY columns are counted, so the figure is an upper bound where a query reads a
few fields of a record (BigQuery bills the leaf fields read). On-demand billing also charges at
least 10 MB per table a query references; the `billed` column applies that minimum.

Run: `python -m sam.bq_scan_estimate --database <duckdb of the same data> --data-dir <dir>`.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, fields, is_dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from sam import zetasql_check
from sam.bq_check import WORK_DIR
from sam.project import REPO_ROOT

MIN_BILLED = 10 * 1024 * 1024
SUFFIX_BOUNDS = re.compile(
    r"`([^`]*)`\.`([^`]*)`\.`([^`]*\*)`\s+as\s+\w+\s+where\s+_table_suffix\s+between\s+'(\w+)'\s+and\s+'(\w+)'",
    re.I,
)
FIXED_WIDTH = {1: (pa.types.is_boolean,), 16: (pa.types.is_decimal,)}


def logical_bytes(arr: pa.Array | pa.ChunkedArray) -> int:
    """BigQuery's logical size of a column's values (NULL 0)."""
    if isinstance(arr, pa.ChunkedArray):
        return sum(logical_bytes(chunk) for chunk in arr.chunks)
    t = arr.type
    valid = int(len(arr) - arr.null_count)
    if pa.types.is_struct(t):
        return sum(logical_bytes(arr.field(i)) for i in range(t.num_fields))
    if pa.types.is_list(t) or pa.types.is_large_list(t):
        return logical_bytes(arr.flatten())
    if pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_binary(t):
        lengths = int(pc.sum(pc.binary_length(arr)).as_py() or 0)
        return lengths + 2 * valid
    if pa.types.is_boolean(t):
        return valid
    if pa.types.is_decimal(t):
        return 16 * valid
    return 8 * valid


def _walk(node: Any) -> Iterator[Any]:
    yield node
    if is_dataclass(node):
        for f in fields(node):
            yield from _walk(getattr(node, f.name))
    elif isinstance(node, list):
        for item in node:
            yield from _walk(item)


def scanned_columns(stmt: Any) -> dict[str, set[str]]:
    """Table name -> the columns a resolved statement reads from it."""
    from zetasql.types import ResolvedTableScan

    out: dict[str, set[str]] = {}
    for node in _walk(stmt):
        if isinstance(node, ResolvedTableScan) and node.table is not None:
            cols = out.setdefault(str(node.table.name), set())
            cols.update(c.name for c in node.column_list if c.name != "_TABLE_SUFFIX")
    return out


@dataclass
class Scan:
    model: str
    table: str
    columns: int
    rows: int
    bytes: int


def table_bytes(
    path: tuple[str, ...], columns: set[str], con: duckdb.DuckDBPyConnection, data_dir: Path,
    bounds: tuple[str, str] | None,
) -> tuple[int, int]:  # fmt: skip
    """(rows, logical bytes of `columns`) of one table the query reads."""
    name = path[-1]
    if name.endswith("*"):
        prefix = name[:-1]
        rows = total = 0
        kind = "events_intraday_" if prefix.startswith("events_intraday") else "events_"
        for shard in sorted((data_dir / "ga4").glob(f"{kind}*.parquet")):
            if kind == "events_" and shard.stem.startswith("events_intraday"):
                continue
            suffix = shard.stem[len(prefix) :]
            if not shard.stem.startswith(prefix):
                continue
            if bounds and not (bounds[0] <= suffix <= bounds[1]):
                continue
            present = [c for c in columns if c in pq.read_schema(shard).names]
            table = pq.read_table(shard, columns=present)
            rows += table.num_rows
            total += sum(logical_bytes(table.column(c)) for c in present)
        return rows, total
    parquet = data_dir / path[-2] / f"{name}.parquet"
    if parquet.exists():
        table = pq.read_table(parquet)
    else:
        table = con.execute(f'select * from "{name}"').to_arrow_table()
    present = [c for c in table.column_names if c in columns]
    return table.num_rows, sum(logical_bytes(table.column(c)) for c in present)


def estimate(database: Path, data_dir: Path) -> list[Scan]:
    """Scans of every table / incremental model of the incremental compile."""
    from zetasql.types import AnalyzerOptions

    full, incremental = WORK_DIR / "full_refresh", WORK_DIR / "incremental"
    gate = zetasql_check.Gate(data_dir)
    result = zetasql_check.GateResult()
    zetasql_check.analyze_target(gate, full, "full", result)
    if result.findings:
        raise RuntimeError("the GoogleSQL gate fails: run `sam bq-check` first")
    gate._options = AnalyzerOptions(
        language_options=gate._options.language_options,
        error_message_mode=gate._options.error_message_mode,
        prune_unused_columns=True,
    )
    nodes, manifest = zetasql_check.load_nodes(incremental)
    sources = {
        uid: zetasql_check.relation_path(s["relation_name"])
        for uid, s in manifest["sources"].items()
    }
    scans: list[Scan] = []
    con = duckdb.connect(str(database), read_only=True)
    try:
        for uid in zetasql_check.dag_order(nodes):
            node = nodes[uid]
            if node.resource_type != "model" or node.materialized in ("ephemeral", "view"):
                continue
            if node.compiled is None or node.relation is None:
                continue
            sql = node.compiled.read_text()
            deps = [
                sources[d] if d in sources else nodes[d].relation
                for d in zetasql_check._expand(uid, nodes)
                if d in sources or (d in nodes and nodes[d].relation)
            ]
            if node.materialized == "incremental":
                deps.append(node.relation)
            stmt, error = gate.analyze(sql, [d for d in deps if d is not None])
            if error:
                raise RuntimeError(f"{uid}: {error}")
            bounds = {m.group(3): (m.group(4), m.group(5)) for m in SUFFIX_BOUNDS.finditer(sql)}
            paths = {p[-1]: p for p in gate.tables}
            for table, columns in sorted(scanned_columns(stmt).items()):
                path = paths.get(table)
                if path is None:
                    continue
                rows, size = table_bytes(path, columns, con, data_dir, bounds.get(table))
                scans.append(Scan(node.unique_id.split(".")[-1], table, len(columns), rows, size))
    finally:
        con.close()
    return scans


def markdown(scans: Sequence[Scan]) -> str:
    lines = [
        "| model | reads | columns | rows | bytes | billed (10 MB min.) |",
        "|---|---|---:|---:|---:|---:|",
    ]
    per_model: dict[str, tuple[int, int]] = {}
    for s in scans:
        billed = max(s.bytes, MIN_BILLED)
        lines.append(
            f"| {s.model} | {s.table} | {s.columns} | {s.rows:,} | {s.bytes:,} | {billed:,} |"
        )
        raw, bill = per_model.get(s.model, (0, 0))
        per_model[s.model] = (raw + s.bytes, bill + billed)
    total_raw = sum(v[0] for v in per_model.values())
    total_billed = sum(v[1] for v in per_model.values())
    lines.append(f"| **all {len(per_model)} models** | | | | {total_raw:,} | {total_billed:,} |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Bytes each model scans on a daily BigQuery run")
    parser.add_argument("--database", type=Path, required=True)
    parser.add_argument("--data-dir", type=Path, default=REPO_ROOT / "data" / "demo-small")
    args = parser.parse_args(argv)
    print(markdown(estimate(args.database, args.data_dir)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
