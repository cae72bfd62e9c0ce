"""One way to write Parquet: deterministic bytes for the same table (no timestamps in metadata)."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

COMPRESSION = "zstd"


def write_parquet(table: pa.Table, path: Path, statistics: list[str] | None = None) -> None:
    """Write ``table`` to ``path`` atomically (a temp file renamed into place).

    ``statistics``: only these columns get min/max statistics (nested GA4 columns are costly to
    summarise and nobody prunes on them); default all.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    pq.write_table(
        table,
        tmp,
        compression=COMPRESSION,
        row_group_size=512 * 1024,
        write_statistics=True if statistics is None else statistics,
    )
    tmp.replace(path)
