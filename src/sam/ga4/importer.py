"""Import BigQuery's newline-delimited JSON export of GA4 events into SAM's Parquet shard layout.

``bq extract --destination_format NEWLINE_DELIMITED_JSON`` writes one event per line, with INT64
values as JSON strings (``"1653679818347831"``), FLOAT64 values as numbers or strings (``"0.0"``),
nulls, missing keys and, in copies people pass around, keys that are not export columns at all.
``pyarrow.json`` cannot read that: with an explicit schema it refuses a string where it expects an
int64 ("changed from number to string") and a number where it expects a string, so the rows are
parsed with :mod:`json` and coerced by :func:`coercer`, which is driven by the Arrow schema of
:mod:`sam.ga4.schema` and recurses through structs and lists.

Rows are grouped by ``event_date`` and flushed every ``batch_rows`` rows into part files in a
staging folder next to the shards, so memory stays bounded by the batch, not the export. Only when
every input has been read do the parts become ``events_YYYYMMDD.parquet`` (or
``events_intraday_YYYYMMDD.parquet``): a bad line anywhere leaves existing shards untouched.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import math
import os
import re
import shutil
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, cast

import pyarrow as pa
import pyarrow.parquet as pq

from sam.ga4.schema import ShardKind, export_schema, full_schema, shard_filename

Coerce = Callable[[Any], Any]

_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1
_INTEGER = re.compile(r"-?[0-9]+")
_EVENT_DATE = re.compile(r"[0-9]{8}")
DEFAULT_BATCH_ROWS = 10_000  # ~150 MB of parsed rows when an event is ~3 KB of JSON


class ImportFailed(Exception):
    """A one-line reason the import stopped; nothing was written to the shard folder."""


class CoercionError(ValueError):
    """A JSON value that cannot become the schema's type at ``path``."""

    def __init__(self, path: str, expected: str, value: object) -> None:
        shown = json.dumps(value)
        if len(shown) > 60:
            shown = shown[:57] + "..."
        super().__init__(f"{path or 'row'}: expected {expected}, got {shown}")


def output_schema(kind: ShardKind) -> pa.Schema:
    """Every column a shard of ``kind`` can have: the newest export's (intraday lacks a few)."""
    return full_schema() if kind is ShardKind.DAILY else export_schema(dt.date.max, kind)


def _int64(path: str) -> Coerce:
    def coerce(value: Any) -> int | None:
        if value is None or (type(value) is int and _INT64_MIN <= value <= _INT64_MAX):
            return value
        if isinstance(value, bool):
            raise CoercionError(path, "an INT64", value)
        if isinstance(value, int):
            number = value
        elif (isinstance(value, str) and _INTEGER.fullmatch(value)) or (
            isinstance(value, float) and value.is_integer()
        ):
            number = int(value)
        else:
            raise CoercionError(path, "an INT64", value)
        if not _INT64_MIN <= number <= _INT64_MAX:
            raise CoercionError(path, "an INT64 in range", value)
        return number

    return coerce


def _float64(path: str) -> Coerce:
    def coerce(value: Any) -> float | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise CoercionError(path, "a FLOAT64", value)
        try:
            # float() also reads BigQuery's "NaN", "Infinity" and "-Infinity".
            return float(value)
        except ValueError:
            raise CoercionError(path, "a FLOAT64", value) from None

    return coerce


def _string(path: str) -> Coerce:
    def coerce(value: Any) -> str | None:
        if value is None or isinstance(value, str):
            return value
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int) or (isinstance(value, float) and math.isfinite(value)):
            # A field the source typed as a number (the public sample types some STRING
            # fields INT64): keep its JSON text.
            return json.dumps(value)
        raise CoercionError(path, "a STRING", value)

    return coerce


def _bool(path: str) -> Coerce:
    def coerce(value: Any) -> bool | None:
        if value is None or isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in ("true", "false"):
            return value.lower() == "true"
        raise CoercionError(path, "a BOOL", value)

    return coerce


def _list(element: Coerce, path: str) -> Coerce:
    def coerce(value: Any) -> list[Any] | None:
        if value is None:
            return None
        if not isinstance(value, list):
            raise CoercionError(path, "an array", value)
        for index, item in enumerate(value):
            coerced = element(item)
            if coerced is not item:
                value[index] = coerced
        return value

    return coerce


# Leaf types whose values need no coercion when JSON already gives this Python type
# (INT64 is not here: its values are range-checked).
_NATIVE: dict[pa.DataType, type] = {pa.string(): str, pa.float64(): float, pa.bool_(): bool}


def _struct(typ: pa.StructType, path: str, unknown: Counter[str]) -> Coerce:
    prefix = f"{path}." if path else ""
    fields = [(f.name, coercer(f.type, unknown, prefix + f.name), _NATIVE.get(f.type)) for f in typ]
    names = frozenset(name for name, _, _ in fields)

    def coerce(value: Any) -> dict[str, Any] | None:
        # Coerces in place. Missing keys stay missing and extra keys stay: pyarrow reads a
        # missing struct field as NULL and ignores a key the struct type does not have.
        if value is None:
            return None
        if not isinstance(value, dict):
            raise CoercionError(path, "an object", value)
        if not names.issuperset(value):
            unknown.update(prefix + key for key in value if key not in names)
        for name, convert, native in fields:
            item = value.get(name)
            if item is not None and type(item) is not native:
                value[name] = convert(item)
        return value

    return coerce


def coercer(typ: pa.DataType, unknown: Counter[str], path: str = "") -> Coerce:
    """A function turning a parsed JSON value into a Python value of Arrow type ``typ``.

    Parsed JSON objects and arrays are coerced in place and returned. Numbers written as strings
    become numbers; missing struct fields are left missing (Arrow reads them as NULL); keys a
    struct does not have are counted in ``unknown`` (by dotted path, ``[]`` for list elements)
    and left for Arrow to ignore. A value that cannot be coerced raises :class:`CoercionError`.
    """
    if pa.types.is_struct(typ):
        return _struct(typ, path, unknown)
    if pa.types.is_list(typ):
        return _list(coercer(typ.value_type, unknown, f"{path}[]"), path)
    if pa.types.is_int64(typ):
        return _int64(path)
    if pa.types.is_float64(typ):
        return _float64(path)
    if pa.types.is_string(typ):
        return _string(path)
    if pa.types.is_boolean(typ):
        return _bool(path)
    raise TypeError(f"{path}: no JSON coercion for Arrow type {typ}")


def row_coercer(schema: pa.Schema, unknown: Counter[str]) -> Coerce:
    """:func:`coercer` for a whole row: a JSON object with the schema's columns as keys."""
    return coercer(pa.struct(list(schema)), unknown)


@dataclass
class ShardWrite:
    """What the import did to one shard file."""

    path: Path
    rows: int
    kept_rows: int = 0  # rows the shard had before, kept with --append


@dataclass
class ImportResult:
    shards: list[ShardWrite] = field(default_factory=list)
    dropped_keys: Counter[str] = field(default_factory=Counter)

    @property
    def rows(self) -> int:
        return sum(shard.rows for shard in self.shards)


def _open(path: Path) -> IO[bytes]:
    try:
        if path.suffix == ".gz":
            return cast(IO[bytes], gzip.open(path, "rb"))
        return path.open("rb")
    except OSError as err:
        raise ImportFailed(f"cannot read {path}: {err.strerror or err}") from None


def _lines(path: Path) -> Iterator[tuple[int, bytes]]:
    with _open(path) as handle:
        try:
            yield from enumerate(handle, start=1)
        except (OSError, EOFError) as err:
            raise ImportFailed(f"cannot read {path}: {err}") from None


def _shard_date(event_date: str, where: str, seen: dict[str, dt.date]) -> dt.date:
    day = seen.get(event_date)
    if day is None:
        try:
            day = dt.datetime.strptime(event_date, "%Y%m%d").date()
        except ValueError:
            day = None
        if day is None or not _EVENT_DATE.fullmatch(event_date):
            raise ImportFailed(f"{where}: event_date {event_date!r} is not YYYYMMDD")
        seen[event_date] = day
    return day


def _leaf_paths(typ: pa.DataType, path: str = "") -> set[str]:
    if pa.types.is_struct(typ):
        return set().union(*(_leaf_paths(f.type, f"{path}.{f.name}".lstrip(".")) for f in typ))
    if pa.types.is_list(typ):
        return _leaf_paths(typ.value_type, f"{path}[]")
    return {path}


def _conform(batch: pa.RecordBatch, schema: pa.Schema) -> pa.RecordBatch:
    """``batch`` with ``schema``'s columns: absent ones NULL, the others cast by field name."""
    columns = [
        batch.column(f.name).cast(f.type)
        if f.name in batch.schema.names
        else pa.nulls(batch.num_rows, f.type)
        for f in schema
    ]
    return pa.RecordBatch.from_arrays(columns, schema=schema)


def _copy_existing(shard: Path, schema: pa.Schema, writer: pq.ParquetWriter) -> int:
    """Write the rows of an existing shard (for --append); refuse if that would lose fields."""
    rows = 0
    try:
        existing = pq.ParquetFile(shard)
        have = _leaf_paths(pa.struct(list(existing.schema_arrow)))
        lost = have - _leaf_paths(pa.struct(list(schema)))
        if lost:
            raise ImportFailed(
                f"cannot append to {shard}: it has fields the import schema lacks "
                f"({', '.join(sorted(lost))}); import without --append to replace it"
            )
        for batch in existing.iter_batches():
            writer.write_batch(_conform(batch, schema))
            rows += batch.num_rows
    except pa.ArrowException as err:
        raise ImportFailed(f"cannot append to {shard}: {err}") from None
    return rows


class _Staging:
    """Per-date part files in a hidden folder beside the shards, turned into shards at the end."""

    def __init__(self, shard_dir: Path, schema: pa.Schema, kind: ShardKind) -> None:
        self.shard_dir = shard_dir
        self.schema = schema
        self.kind = kind
        self.dir = Path(tempfile.mkdtemp(prefix=".sam-import-", dir=shard_dir))
        self.buffers: defaultdict[dt.date, list[dict[str, Any]]] = defaultdict(list)
        self.buffered = 0
        self.parts: defaultdict[dt.date, list[Path]] = defaultdict(list)
        self.rows: Counter[dt.date] = Counter()

    def add(self, day: dt.date, row: dict[str, Any], batch_rows: int) -> None:
        self.buffers[day].append(row)
        self.buffered += 1
        if self.buffered >= batch_rows:
            self.flush()

    def flush(self) -> None:
        for day, rows in self.buffers.items():
            part = self.dir / f"{day:%Y%m%d}-{len(self.parts[day]):05d}.parquet"
            pq.write_table(pa.Table.from_pylist(rows, schema=self.schema), part)
            self.parts[day].append(part)
            self.rows[day] += len(rows)
        self.buffers.clear()
        self.buffered = 0

    def publish(self, append: bool) -> list[ShardWrite]:
        """Turn each date's parts into its shard (replacing it, or after its rows with append)."""
        self.flush()
        written = []
        for day in sorted(self.parts):
            shard = self.shard_dir / shard_filename(day, self.kind)
            staged = self.dir / shard.name
            parts = self.parts[day]
            kept = 0
            if len(parts) == 1 and not (append and shard.exists()):
                parts[0].rename(staged)  # already the whole shard
            else:
                with pq.ParquetWriter(staged, self.schema) as writer:
                    if append and shard.exists():
                        kept = _copy_existing(shard, self.schema, writer)
                    for part in parts:
                        writer.write_table(pq.read_table(part))
            written.append(ShardWrite(shard, self.rows[day], kept))
        # Only rename once every shard is staged, so a failure above changes no shard.
        for shard_write in written:
            os.replace(self.dir / shard_write.path.name, shard_write.path)
        return written

    def remove(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)


def import_ga4_json(
    inputs: Sequence[Path],
    out: Path,
    kind: ShardKind = ShardKind.DAILY,
    append: bool = False,
    batch_rows: int | None = None,
) -> ImportResult:
    """Import NDJSON exports into ``out/ga4/<kind>_YYYYMMDD.parquet``, one shard per event_date.

    Shards of the dates in the input are replaced, or extended with ``append``; other shards are
    left alone. Raises :class:`ImportFailed` (and writes no shard) for an unreadable input, a
    line that is not a JSON object, a row without event_date or event_timestamp, or a value that
    does not fit its column's type. At most ``batch_rows`` parsed rows (default
    ``DEFAULT_BATCH_ROWS``) are held in memory.
    """
    for path in inputs:
        _open(path).close()  # fail on an unreadable input before reading any
    schema = output_schema(kind)
    result = ImportResult()
    to_row = row_coercer(schema, result.dropped_keys)
    shard_dir = out / "ga4"
    try:
        shard_dir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ImportFailed(f"cannot create {shard_dir}: {err.strerror or err}") from None
    staging = _Staging(shard_dir, schema, kind)
    dates: dict[str, dt.date] = {}
    flush_at = batch_rows or DEFAULT_BATCH_ROWS
    try:
        for path in inputs:
            for number, line in _lines(path):
                if not line.strip():
                    continue
                where = f"{path}:{number}"
                try:
                    parsed = json.loads(line)
                except ValueError as err:
                    reason = err.msg if isinstance(err, json.JSONDecodeError) else str(err)
                    raise ImportFailed(f"{where}: not JSON ({reason})") from None
                if not isinstance(parsed, dict):
                    raise ImportFailed(f"{where}: not a JSON object")
                try:
                    row = to_row(parsed)
                except CoercionError as err:
                    raise ImportFailed(f"{where}: {err}") from None
                for required in ("event_date", "event_timestamp"):
                    if row.get(required) is None:
                        raise ImportFailed(f"{where}: row has no {required}")
                staging.add(_shard_date(row["event_date"], where, dates), row, flush_at)
        result.shards = staging.publish(append)
    except OSError as err:
        raise ImportFailed(f"cannot write shards in {shard_dir}: {err}") from None
    finally:
        staging.remove()
    return result
