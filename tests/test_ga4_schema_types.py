"""The Parquet shards' DuckDB types match the BigQuery export types field by field.

The BigQuery side is docs/ga4_export_schema.sql, parsed with sqlglot (nothing here copies its
columns). Its types are mapped to DuckDB types by the small table below and compared, column by
column, with what DuckDB's ``DESCRIBE SELECT * FROM read_parquet(file)`` says of:

(a) Parquet written from ``sam.ga4.schema.full_schema()``, empty and with a few rows;
(b) the shards ``sam import-ga4-json`` writes from the reference rows (daily and intraday);
(c) the shards of the demo generator (``sam demo-data``), or of any data folder named by
    SAM_GA4_SHARDS_DIR, each against the DDL restricted to its era's columns.

And docs/ga4_export_schema.sql itself cannot drift from Google's: every field of the public
sample's DDL keeps its type there, except the fields the sample obfuscates.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.util
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import sqlglot
import typer
from sqlglot import exp
from typer.testing import CliRunner

from sam.cli import app
from sam.ga4.schema import CHANNEL_GROUP_SINCE, LAST_CLICK_SINCE, full_schema

ROOT = Path(__file__).parents[1]
DOCS_DDL = ROOT / "docs" / "ga4_export_schema.sql"
FIXTURES = Path(__file__).parent / "fixtures" / "ga4"
PUBLIC_DDL = FIXTURES / "public_sample_events_ddl.sql"
PUBLIC_ROWS = FIXTURES / "public_sample_rows.ndjson"
VELIR_ROW = FIXTURES / "raw_export_row_with_int64_strings.ndjson"

# Set to a data folder (with ga4/) or a shard folder to check its shards too.
SHARDS_ENV = "SAM_GA4_SHARDS_DIR"

# BigQuery scalar type -> DuckDB type. ARRAY<T> -> T[], STRUCT<a T, ...> -> STRUCT("a" T, ...).
BQ_TO_DUCKDB = {"STRING": "VARCHAR", "INT64": "BIGINT", "FLOAT64": "DOUBLE", "BOOL": "BOOLEAN"}

# Fields the public sample nulls out everywhere and types INT64: the only ones whose type
# docs/ga4_export_schema.sql may change (checked: INT64 there, and NULL in all 460 rows).
OBFUSCATED = {
    "privacy_info.analytics_storage",
    "privacy_info.ads_storage",
    "user_properties[].key",
    "user_properties[].value.string_value",
    "user_properties[].value.float_value",
    "user_properties[].value.double_value",
    "device.mobile_os_hardware_model",
    "device.vendor_id",
    "device.advertising_id",
}

# Columns Google does not write to intraday shards (Google's export schema documentation).
INTRADAY_ABSENT = {
    "traffic_source",
    "user_ltv",
    "is_active_user",
    "session_traffic_source_last_click",
}
CROSS_CHANNEL = "session_traffic_source_last_click.cross_channel_campaign"


def ddl_columns(path: Path) -> dict[str, exp.DataType]:
    """Column name -> sqlglot type of the CREATE TABLE in ``path``, in order."""
    create = sqlglot.parse_one(path.read_text(), read="bigquery")
    assert isinstance(create, exp.Create), path
    return {column.name: column.args["kind"] for column in create.this.expressions}


def struct_fields(typ: exp.DataType) -> list[tuple[str, exp.DataType]]:
    return [(field.name, field.args["kind"]) for field in typ.expressions]


def duckdb_type(typ: exp.DataType, path: str = "", absent: frozenset[str] = frozenset()) -> str:
    """The DuckDB spelling of a BigQuery type, leaving out the fields at ``absent`` paths."""
    if typ.this == exp.DataType.Type.ARRAY:
        return duckdb_type(typ.expressions[0], f"{path}[]", absent) + "[]"
    if typ.this == exp.DataType.Type.STRUCT:
        fields = [
            f'"{name}" {duckdb_type(kind, f"{path}.{name}", absent)}'
            for name, kind in struct_fields(typ)
            if f"{path}.{name}" not in absent
        ]
        return f"STRUCT({', '.join(fields)})"
    return BQ_TO_DUCKDB[typ.sql("bigquery")]


def leaf_types(columns: dict[str, exp.DataType]) -> dict[str, str]:
    """``a.b[].c`` -> BigQuery scalar type, for every leaf of every column."""
    leaves: dict[str, str] = {}

    def walk(typ: exp.DataType, path: str) -> None:
        if typ.this == exp.DataType.Type.ARRAY:
            walk(typ.expressions[0], f"{path}[]")
        elif typ.this == exp.DataType.Type.STRUCT:
            for name, kind in struct_fields(typ):
                walk(kind, f"{path}.{name}")
        else:
            leaves[path] = typ.sql("bigquery")

    for name, typ in columns.items():
        walk(typ, name)
    return leaves


@pytest.fixture(scope="module")
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect()
    yield connection
    connection.close()


@functools.cache
def expected_types(absent: frozenset[str] = frozenset()) -> tuple[tuple[str, str], ...]:
    """(column, DuckDB type) of docs/ga4_export_schema.sql, DuckDB's own spelling, in order."""
    expected = []
    with duckdb.connect() as con:
        for name, typ in ddl_columns(DOCS_DDL).items():
            if name in absent:
                continue
            spelled = duckdb_type(typ, name, absent)
            # Let DuckDB print the type it parsed, so quoting follows its rules, not ours.
            row = con.execute(f"select typeof(cast(null as {spelled}))").fetchone()
            assert row is not None
            expected.append((name, row[0]))
    return tuple(expected)


def parquet_types(con: duckdb.DuckDBPyConnection, shard: Path) -> list[tuple[str, str]]:
    described = con.execute(f"describe select * from read_parquet('{shard}')").fetchall()
    return [(name, typ) for name, typ, *_ in described]


def mismatches(
    con: duckdb.DuckDBPyConnection, shard: Path, absent: frozenset[str] = frozenset()
) -> list[str]:
    """What differs between a shard's columns and the DDL's, one line a column."""
    expected = expected_types(absent)
    actual = parquet_types(con, shard)
    found = [
        f"{shard.name}: {name}: parquet {dict(actual).get(name, 'missing')} != DDL {typ}"
        for name, typ in expected
        if dict(actual).get(name) != typ
    ]
    found += [
        f"{shard.name}: {name}: in the parquet, not in the DDL for its date and kind"
        for name, _ in actual
        if name not in dict(expected)
    ]
    if not found and [n for n, _ in actual] != [n for n, _ in expected]:
        found.append(f"{shard.name}: column order differs from the DDL")
    return found


def era_absent(shard: Path) -> frozenset[str]:
    """The DDL paths a shard of this name's date and kind does not have."""
    intraday = shard.name.startswith("events_intraday_")
    day = dt.datetime.strptime(shard.stem[-8:], "%Y%m%d").date()
    absent = set(INTRADAY_ABSENT) if intraday else set()
    if day < LAST_CLICK_SINCE:
        absent.add("session_traffic_source_last_click")
    elif day < CHANNEL_GROUP_SINCE:
        absent |= {
            f"{CROSS_CHANNEL}.default_channel_group",
            f"{CROSS_CHANNEL}.primary_channel_group",
        }
    return frozenset(absent)


# --- (a) Parquet written from sam.ga4.schema.full_schema() --------------------------------------

A_FEW_ROWS: list[dict[str, Any]] = [
    {"event_date": "20241011", "event_timestamp": 1728604800000000},
    {
        "event_date": "20241011",
        "event_timestamp": 1728604800000001,
        "event_name": "page_view",
        "event_params": [
            {"key": "ga_session_id", "value": {"int_value": 1728604800}},
            {"key": "page_location", "value": {"string_value": "https://example.com/?a=1"}},
        ],
        "user_properties": [{"key": "plan", "value": {"string_value": "pro"}}],
        "privacy_info": {"analytics_storage": "Yes", "ads_storage": "No"},
        "device": {"category": "desktop", "web_info": {"hostname": "example.com"}},
        "items": [{"item_id": "sku-1", "price": 9.5, "quantity": 2}],
        "collected_traffic_source": {"manual_source": "google", "gclid": "abc"},
        "is_active_user": True,
        "batch_event_index": 0,
        "session_traffic_source_last_click": {
            "cross_channel_campaign": {"default_channel_group": "Paid Search"}
        },
    },
    {"event_date": "20241011", "event_timestamp": 1728604800000002, "items": []},
]


@pytest.mark.parametrize("rows", [[], A_FEW_ROWS], ids=["no rows", "a few rows"])
def test_full_schema_parquet_matches_the_ddl(
    con: duckdb.DuckDBPyConnection, tmp_path: Path, rows: list[dict[str, Any]]
) -> None:
    shard = tmp_path / "events_20241011.parquet"
    pq.write_table(pa.Table.from_pylist(rows, schema=full_schema()), shard)
    assert mismatches(con, shard) == []


def test_a_wrong_type_is_caught(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    """The comparison itself can fail: stream_id as a string, a struct field missing."""
    schema = full_schema()
    schema = schema.set(schema.get_field_index("stream_id"), pa.field("stream_id", pa.string()))
    geo = schema.field("geo").type
    schema = schema.set(schema.get_field_index("geo"), pa.field("geo", pa.struct(list(geo)[:-1])))
    shard = tmp_path / "events_20241011.parquet"
    pq.write_table(schema.empty_table(), shard)
    found = mismatches(con, shard)
    assert [line.split(": ")[1] for line in found] == ["geo", "stream_id"]


# --- (b) the shards `sam import-ga4-json` writes ------------------------------------------------


@pytest.fixture(scope="module")
def imported_shards(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    out = tmp_path_factory.mktemp("imported")
    runner = CliRunner()
    for args in (
        [str(PUBLIC_ROWS), str(VELIR_ROW)],
        [str(VELIR_ROW), "--kind", "intraday"],
    ):
        result = runner.invoke(app, ["import-ga4-json", *args, "--out", str(out)])
        assert result.exit_code == 0, result.output
    return sorted((out / "ga4").glob("events_*.parquet"))


def test_imported_shards_match_the_ddl(
    con: duckdb.DuckDBPyConnection, imported_shards: list[Path]
) -> None:
    assert len(imported_shards) == 92 + 1 + 1
    found = []
    for shard in imported_shards:
        # The importer writes every column of the newest export, whatever the date.
        intraday = shard.name.startswith("events_intraday_")
        found += mismatches(con, shard, frozenset(INTRADAY_ABSENT) if intraday else frozenset())
    assert found == []


# --- (c) the demo generator's shards, once it exists --------------------------------------------


@pytest.fixture(scope="module")
def generator_shards(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Shards of $SAM_GA4_SHARDS_DIR if set, else of a tiny `sam demo-data` run, else skip."""
    named = os.environ.get(SHARDS_ENV)
    if named:
        folder = Path(named) / "ga4" if (Path(named) / "ga4").is_dir() else Path(named)
        shards = sorted(folder.glob("events_*.parquet"))
        assert shards, f"{SHARDS_ENV}={named}: no events_*.parquet there"
        return shards
    if importlib.util.find_spec("sam.demo") is None:
        pytest.skip("sam.demo (the demo generator) does not exist yet: its shards are unchecked")
    if "demo-data" not in typer.main.get_command(app).commands:  # type: ignore[attr-defined]
        pytest.skip("sam.demo exists but `sam demo-data` is not a command yet: shards unchecked")
    out = tmp_path_factory.mktemp("demo")
    args = ["--scale", "0.02", "--start", "2024-10-08", "--as-of", "2024-10-12"]
    result = CliRunner().invoke(app, ["demo-data", "--out", str(out), *args])
    assert result.exit_code == 0, result.output
    shards = sorted((out / "ga4").glob("events_*.parquet"))
    assert shards, "sam demo-data wrote no ga4/events_*.parquet"
    return shards


def test_generator_shards_match_the_ddl_of_their_era(
    con: duckdb.DuckDBPyConnection, generator_shards: list[Path]
) -> None:
    found = []
    for shard in generator_shards:
        found += mismatches(con, shard, era_absent(shard))
    assert found == []


def test_era_restriction() -> None:
    """The era table the generator's shards are checked with."""
    assert era_absent(Path("events_20241009.parquet")) == {
        f"{CROSS_CHANNEL}.default_channel_group",
        f"{CROSS_CHANNEL}.primary_channel_group",
    }
    assert era_absent(Path("events_20241010.parquet")) == set()
    assert era_absent(Path("events_intraday_20240101.parquet")) == INTRADAY_ABSENT


# --- docs/ga4_export_schema.sql against Google's public sample DDL ------------------------------


def json_values(value: Any, path: list[str]) -> Iterator[Any]:
    """Every value at ``path`` (``name`` or ``name[]``) inside a parsed JSON row."""
    if not path:
        yield value
        return
    if value is None:
        return
    name, rest = path[0], path[1:]
    if name.endswith("[]"):
        for item in value.get(name[:-2]) or []:
            yield from json_values(item, rest)
    else:
        yield from json_values(value.get(name), rest)


def test_obfuscated_fields_are_int64_and_null_in_the_public_sample() -> None:
    public = leaf_types(ddl_columns(PUBLIC_DDL))
    assert {path: public[path] for path in OBFUSCATED} == dict.fromkeys(OBFUSCATED, "INT64")
    rows = [json.loads(line) for line in PUBLIC_ROWS.read_text().splitlines()]
    assert len(rows) == 460
    for path in OBFUSCATED:
        values = [v for row in rows for v in json_values(row, path.split("."))]
        assert all(v is None for v in values), path


def test_ddl_keeps_the_public_sample_types() -> None:
    public = leaf_types(ddl_columns(PUBLIC_DDL))
    ours = leaf_types(ddl_columns(DOCS_DDL))
    drift = {
        path: (typ, ours.get(path, "missing"))
        for path, typ in public.items()
        if path not in OBFUSCATED and ours.get(path) != typ
    }
    assert drift == {}
    # And the obfuscated ones do get a real type.
    assert {path: ours[path] for path in OBFUSCATED if ours[path] == "INT64"} == {}
