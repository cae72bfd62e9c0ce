"""`sam import-ga4-json`: BigQuery NDJSON exports of GA4 events -> Parquet shards per event_date.

Expected values below were read off the JSON fixtures by hand (tests/fixtures/ga4, see
tests/fixtures/NOTICE), not taken from the importer's output.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
from collections import Counter
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner, Result

from sam.cli import app
from sam.ga4.importer import CoercionError, coercer
from sam.ga4.schema import ShardKind, export_schema, full_schema

FIXTURES = Path(__file__).parent / "fixtures" / "ga4"
PUBLIC_ROWS = FIXTURES / "public_sample_rows.ndjson"
VELIR_ROW = FIXTURES / "raw_export_row_with_int64_strings.ndjson"

# Columns Google added after the public sample's 2020-2021 shards: absent there, NULL once imported.
NEWER_COLUMNS = [
    "collected_traffic_source",
    "is_active_user",
    "batch_event_index",
    "batch_ordering_id",
    "batch_page_id",
    "session_traffic_source_last_click",
]


def sam(*args: str | Path) -> Result:
    return CliRunner().invoke(app, ["import-ga4-json", *map(str, args)])


def shard_rows(path: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = pq.read_table(path).to_pylist()
    return rows


def params(row: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {p["key"]: p["value"] for p in row["event_params"]}


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result]:
    """Both reference files imported once into one data folder."""
    out = tmp_path_factory.mktemp("data")
    result = sam(PUBLIC_ROWS, VELIR_ROW, "--out", out)
    assert result.exit_code == 0, result.output
    return out, result


# --- the real 2022 row with INT64 values written as JSON strings -------------------------------


def test_velir_row_int64_strings_become_numbers(imported: tuple[Path, Result]) -> None:
    out, _ = imported
    [row] = shard_rows(out / "ga4" / "events_20220527.parquet")
    assert row["event_date"] == "20220527"
    assert row["event_timestamp"] == 1653679818347831
    assert type(row["event_timestamp"]) is int
    assert row["event_name"] == "session_start"
    assert row["event_bundle_sequence_id"] == 1445270839
    assert row["user_first_touch_timestamp"] == 1644156613242332
    assert row["stream_id"] == 1966637064
    assert row["user_pseudo_id"] == "745846450.1644156613"
    assert row["user_ltv"] == {"revenue": 0.0, "currency": "USD"}  # "0.0" in the JSON
    assert type(row["user_ltv"]["revenue"]) is float
    p = params(row)
    assert p["ga_session_id"]["int_value"] == 1653679817
    assert p["ga_session_number"]["int_value"] == 6
    assert p["session_engaged"] == {
        "string_value": None,
        "int_value": 1,
        "float_value": None,
        "double_value": None,
    }
    assert p["page_referrer"]["string_value"] == "https://www.google.com/"
    assert row["device"]["web_info"] == {
        "browser": "Chrome",
        "browser_version": "101.0.4951.61",
        "hostname": "www.velir.com",
    }
    assert row["device"]["browser"] is None
    assert row["geo"]["city"] == "Noida"
    assert row["traffic_source"] == {"name": "(organic)", "medium": "organic", "source": "google"}
    assert row["privacy_info"] == {
        "analytics_storage": None,
        "ads_storage": None,
        "uses_transient_token": "No",
    }
    assert row["user_properties"] == []
    assert row["items"] == []
    assert row["app_info"] is None
    for column in NEWER_COLUMNS:
        assert row[column] is None, column


# --- the 460 rows of Google's public sample -----------------------------------------------------


def test_public_sample_one_shard_per_date_with_five_rows(imported: tuple[Path, Result]) -> None:
    out, result = imported
    shards = sorted((out / "ga4").glob("events_2020*.parquet")) + sorted(
        (out / "ga4").glob("events_2021*.parquet")
    )
    # 2020-11-01 .. 2021-01-31 is 30 + 31 + 31 days.
    assert len(shards) == 92
    assert shards[0].name == "events_20201101.parquet"
    assert shards[-1].name == "events_20210131.parquet"
    for shard in shards:
        table = pq.read_table(shard)
        assert table.num_rows == 5, shard.name
        assert table.schema == full_schema(), shard.name
        assert set(table.column("event_date").to_pylist()) == {shard.stem[len("events_") :]}
    assert "461 rows into 93 daily shard(s)" in result.stdout
    assert "events_20201101 5," in result.stdout
    assert "events_20220527 1" in result.stdout


def test_public_sample_chosen_rows(imported: tuple[Path, Result]) -> None:
    out, _ = imported
    first = shard_rows(out / "ga4" / "events_20201101.parquet")[0]  # line 1 of the file
    assert first["event_timestamp"] == 1604192073036492
    assert first["event_name"] == "page_view"
    p = params(first)
    assert p["page_location"]["string_value"] == (
        "https://shop.googlemerchandisestore.com/Google+Redesign/Lifestyle/Drinkware"
    )
    assert p["ga_session_id"]["int_value"] == 4863244888
    assert p["session_engaged"]["string_value"] == "0"
    assert p["all_data"] == {
        "string_value": None,
        "int_value": None,
        "float_value": None,
        "double_value": None,
    }
    assert first["stream_id"] == 2100450278
    assert first["user_ltv"]["revenue"] == 0.0
    assert first["device"]["language"] == "zh"
    assert first["device"]["web_info"] == {
        "browser": "Chrome",
        "browser_version": "86.0",
        "hostname": None,
    }
    assert first["geo"]["city"] == "Delhi"
    assert first["ecommerce"]["transaction_id"] is None

    last = shard_rows(out / "ga4" / "events_20210131.parquet")[-1]  # last line of the file
    assert last["event_name"] == "session_start"
    assert last["event_timestamp"] == 1612069510766593
    assert params(last)["ga_session_id"]["int_value"] == 661084800
    assert (
        params(last)["page_location"]["string_value"] == "https://shop.googlemerchandisestore.com/"
    )
    assert last["geo"]["city"] == "San Carlos"


def test_obfuscated_int64_fields_are_null_strings(imported: tuple[Path, Result]) -> None:
    """The public sample types these INT64 (all NULL); the shards use the real STRING type."""
    out, _ = imported
    con = duckdb.connect()
    glob = f"{out}/ga4/events_*.parquet"
    described = con.execute(f"describe select * from read_parquet('{glob}')").fetchall()
    types = {name: typ for name, typ, *_ in described}
    assert types["privacy_info"] == (
        "STRUCT(analytics_storage VARCHAR, ads_storage VARCHAR, uses_transient_token VARCHAR)"
    )
    assert "mobile_os_hardware_model VARCHAR" in types["device"]
    assert "vendor_id VARCHAR" in types["device"]
    assert "advertising_id VARCHAR" in types["device"]
    assert types["user_properties"].startswith('STRUCT("key" VARCHAR, "value" STRUCT(')
    nulls = con.execute(
        f"""select count(*),
                   count(privacy_info.analytics_storage), count(privacy_info.ads_storage),
                   count(device.vendor_id), count(device.advertising_id),
                   count(device.mobile_os_hardware_model)
            from read_parquet('{glob}')"""
    ).fetchone()
    assert nulls == (461, 0, 0, 0, 0, 0)


def test_missing_columns_are_null(imported: tuple[Path, Result]) -> None:
    out, _ = imported
    table = pq.read_table(out / "ga4", columns=NEWER_COLUMNS)
    assert table.num_rows == 461
    for column in NEWER_COLUMNS:
        assert table.column(column).null_count == 461, column


def test_distinct_event_names(imported: tuple[Path, Result]) -> None:
    out, _ = imported
    names = (
        duckdb.connect()
        .execute(
            f"""select distinct event_name from read_parquet('{out}/ga4/events_202*.parquet')
            where event_date < '2022'"""
        )
        .fetchall()
    )
    assert sorted(n for (n,) in names) == [
        "add_payment_info",
        "first_visit",
        "page_view",
        "scroll",
        "session_start",
        "user_engagement",
        "view_item",
        "view_promotion",
        "view_search_results",
    ]


def test_unknown_keys_are_reported_once_and_dropped(imported: tuple[Path, Result]) -> None:
    _, result = imported
    # Every public sample row carries "_source_table", which no export column has.
    assert result.stderr.count("\n") == 1
    assert "dropped 1 key(s) not in the GA4 daily export schema" in result.stderr
    assert "_source_table x460" in result.stderr


def test_nested_unknown_keys_are_named_by_path(tmp_path: Path) -> None:
    row = json.loads(VELIR_ROW.read_text())
    row["device"]["screen"] = "1080x2400"
    row["event_params"][0]["value"]["extra"] = 1
    row["event_params"][1]["value"]["extra"] = 2
    source = tmp_path / "in.ndjson"
    source.write_text(json.dumps(row) + "\n")
    result = sam(source, "--out", tmp_path)
    assert result.exit_code == 0, result.output
    assert "device.screen x1" in result.stderr
    assert "event_params[].value.extra x2" in result.stderr
    assert shard_rows(tmp_path / "ga4" / "events_20220527.parquet")[0]["device"]["category"] == (
        "mobile"
    )


# --- the shards as DuckDB reads BigQuery's events_* wildcard -----------------------------------


def test_duckdb_reads_the_shards_with_a_table_suffix(tmp_path: Path) -> None:
    assert sam(first_lines(tmp_path, 15), "--out", tmp_path).exit_code == 0  # 3 dates
    intraday = sam(VELIR_ROW, "--out", tmp_path, "--kind", "intraday")
    assert intraday.exit_code == 0, intraday.output
    rows = (
        duckdb.connect()
        .execute(
            f"""select substr(parse_filename(filename, true), 8) as _table_suffix,
                   count(*) as n, min(event_date) as d
            from read_parquet('{tmp_path}/ga4/events_*.parquet', union_by_name=true,
                              filename=true)
            group by all order by 1"""
        )
        .fetchall()
    )
    assert rows == [
        ("20201101", 5, "20201101"),
        ("20201102", 5, "20201102"),
        ("20201103", 5, "20201103"),
        ("intraday_20220527", 1, "20220527"),  # as BigQuery's _TABLE_SUFFIX for events_*
    ]


def first_lines(tmp_path: Path, n: int) -> Path:
    """The first ``n`` lines of the public sample (5 a date) as a file of their own."""
    part = tmp_path / f"public_{n}.ndjson"
    with PUBLIC_ROWS.open() as rows:
        part.write_text("".join(next(rows) for _ in range(n)))
    return part


# --- intraday, replace, append, batches, .gz ----------------------------------------------------


def test_intraday_kind_writes_the_intraday_schema(tmp_path: Path) -> None:
    result = sam(VELIR_ROW, "--out", tmp_path, "--kind", "intraday")
    assert result.exit_code == 0, result.output
    table = pq.read_table(tmp_path / "ga4" / "events_intraday_20220527.parquet")
    assert table.schema == export_schema(dt.date.max, ShardKind.INTRADAY)
    assert "traffic_source" not in table.column_names
    # Intraday shards have no traffic_source / user_ltv: the input's values are reported as lost.
    assert "traffic_source x1" in result.stderr
    assert "user_ltv x1" in result.stderr
    assert table.column("stream_id").to_pylist() == [1966637064]


def test_default_replaces_the_dates_imported_and_keeps_the_others(tmp_path: Path) -> None:
    assert sam(first_lines(tmp_path, 10), VELIR_ROW, "--out", tmp_path).exit_code == 0
    again = sam(VELIR_ROW, "--out", tmp_path)
    assert again.exit_code == 0
    assert "(replaced per date): events_20220527 1" in again.stdout
    assert pq.read_table(tmp_path / "ga4" / "events_20220527.parquet").num_rows == 1
    assert sorted(p.name for p in (tmp_path / "ga4").iterdir()) == [
        "events_20201101.parquet",
        "events_20201102.parquet",
        "events_20220527.parquet",
    ]


def test_append_adds_to_existing_shards(tmp_path: Path) -> None:
    assert sam(VELIR_ROW, "--out", tmp_path).exit_code == 0
    result = sam(VELIR_ROW, "--out", tmp_path, "--append")
    assert result.exit_code == 0, result.output
    assert "events_20220527 1 (+1 kept)" in result.stdout
    rows = shard_rows(tmp_path / "ga4" / "events_20220527.parquet")
    assert [r["event_timestamp"] for r in rows] == [1653679818347831] * 2


def test_append_conforms_an_older_era_shard(tmp_path: Path) -> None:
    """A shard with fewer columns (an older era) gains NULL columns when appended to."""
    (tmp_path / "ga4").mkdir()
    old = export_schema(dt.date(2022, 5, 27))
    assert "session_traffic_source_last_click" not in old.names
    row = {"event_date": "20220527", "event_timestamp": 1, "event_bundle_sequence_id": 7}
    pq.write_table(
        pa.Table.from_pylist([row], schema=old), tmp_path / "ga4" / "events_20220527.parquet"
    )
    result = sam(VELIR_ROW, "--out", tmp_path, "--append")
    assert result.exit_code == 0, result.output
    merged = pq.read_table(tmp_path / "ga4" / "events_20220527.parquet")
    assert merged.schema == full_schema()
    assert merged.column("event_bundle_sequence_id").to_pylist() == [7, 1445270839]
    assert merged.column("session_traffic_source_last_click").null_count == 2


def test_small_batches_give_the_same_shards(imported: tuple[Path, Result], tmp_path: Path) -> None:
    assert sam(first_lines(tmp_path, 20), "--out", tmp_path, "--batch-rows", "7").exit_code == 0
    for day in ("20201101", "20201102", "20201103", "20201104"):
        shard = f"ga4/events_{day}.parquet"
        assert pq.read_table(tmp_path / shard).equals(pq.read_table(imported[0] / shard))
    # 5 rows a date, flushed every 7 rows: the second date's rows were written in two parts.
    assert pq.ParquetFile(tmp_path / "ga4/events_20201102.parquet").num_row_groups == 2


def test_gzipped_input(tmp_path: Path) -> None:
    packed = tmp_path / "export.json.gz"
    with gzip.open(packed, "wb") as handle:
        handle.write(VELIR_ROW.read_bytes())
    assert sam(packed, "--out", tmp_path).exit_code == 0
    assert shard_rows(tmp_path / "ga4" / "events_20220527.parquet")[0]["stream_id"] == 1966637064


# --- errors: exit 2, one line, and no shard touched ---------------------------------------------


def failing(tmp_path: Path, lines: list[str]) -> tuple[Path, Result]:
    """Import a file of ``lines`` over an existing shard; return the file and the result."""
    assert sam(VELIR_ROW, "--out", tmp_path).exit_code == 0
    source = tmp_path / "bad.ndjson"
    source.write_text("".join(line + "\n" for line in lines))
    result = sam(source, "--out", tmp_path)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1, result.stderr
    # The shard imported before is unchanged and nothing is left behind.
    assert len(shard_rows(tmp_path / "ga4" / "events_20220527.parquet")) == 1
    assert sorted(p.name for p in (tmp_path / "ga4").iterdir()) == ["events_20220527.parquet"]
    return source, result


def test_bad_json_line_names_file_and_line(tmp_path: Path) -> None:
    velir = VELIR_ROW.read_text().strip()
    source, result = failing(tmp_path, [velir, "", velir, '{"event_date": "20220527", oops}'])
    assert f"{source}:4: not JSON" in result.stderr


def test_line_that_is_not_an_object(tmp_path: Path) -> None:
    source, result = failing(tmp_path, ["[1, 2]"])
    assert f"{source}:1: not a JSON object" in result.stderr


@pytest.mark.parametrize("column", ["event_date", "event_timestamp"])
def test_row_without_required_column(tmp_path: Path, column: str) -> None:
    row = json.loads(VELIR_ROW.read_text())
    del row[column]
    source, result = failing(tmp_path, [VELIR_ROW.read_text().strip(), json.dumps(row)])
    assert f"{source}:2: row has no {column}" in result.stderr


def test_event_date_not_yyyymmdd(tmp_path: Path) -> None:
    row = json.loads(VELIR_ROW.read_text())
    row["event_date"] = "2022-05-27"
    source, result = failing(tmp_path, [json.dumps(row)])
    assert f"{source}:1: event_date '2022-05-27' is not YYYYMMDD" in result.stderr


def test_value_of_the_wrong_type(tmp_path: Path) -> None:
    row = json.loads(VELIR_ROW.read_text())
    row["event_params"][2]["value"]["int_value"] = "six"
    source, result = failing(tmp_path, [json.dumps(row)])
    assert f'{source}:1: event_params[].value.int_value: expected an INT64, got "six"' in (
        result.stderr
    )


def test_unreadable_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.ndjson"
    result = sam(VELIR_ROW, missing, "--out", tmp_path)
    assert result.exit_code == 2
    assert f"cannot read {missing}" in result.stderr
    assert not (tmp_path / "ga4").exists()  # checked before anything is written


# --- the coercion function on its own -----------------------------------------------------------

PARAM = full_schema().field("event_params").type


def coerce(typ: pa.DataType, value: Any) -> tuple[Any, Counter[str]]:
    unknown: Counter[str] = Counter()
    coerced = coercer(typ, unknown, "x")(value)
    # What Arrow makes of it is what lands in the shard.
    return pa.array([coerced], typ).to_pylist()[0], unknown


@pytest.mark.parametrize(
    ("typ", "value", "expected"),
    [
        (pa.int64(), "1653679818347831", 1653679818347831),
        (pa.int64(), "-12", -12),
        (pa.int64(), 3.0, 3),
        (pa.int64(), str(2**63 - 1), 2**63 - 1),
        (pa.float64(), "0.0", 0.0),
        (pa.float64(), "1.5e3", 1500.0),
        (pa.float64(), 2, 2.0),
        (pa.float64(), "-Infinity", float("-inf")),
        (pa.string(), "x", "x"),
        (pa.string(), 12, "12"),
        (pa.bool_(), "true", True),
        (pa.bool_(), False, False),
        (pa.int64(), None, None),
    ],
)
def test_coerce_scalars(typ: pa.DataType, value: Any, expected: Any) -> None:
    assert coerce(typ, value) == (expected, Counter())


@pytest.mark.parametrize(
    ("typ", "value", "message"),
    [
        (pa.int64(), "1.5", 'x: expected an INT64, got "1.5"'),
        (pa.int64(), 1.5, "x: expected an INT64, got 1.5"),
        (pa.int64(), True, "x: expected an INT64, got true"),
        (pa.int64(), str(2**63), "x: expected an INT64 in range"),
        (pa.float64(), "abc", 'x: expected a FLOAT64, got "abc"'),
        (pa.string(), {"a": 1}, 'x: expected a STRING, got {"a": 1}'),
        (pa.bool_(), "yes", 'x: expected a BOOL, got "yes"'),
        (PARAM, {"key": "k"}, 'x: expected an array, got {"key": "k"}'),
        (PARAM, ["k"], 'x[]: expected an object, got "k"'),
    ],
)
def test_coerce_rejects(typ: pa.DataType, value: Any, message: str) -> None:
    with pytest.raises(CoercionError, match=message.replace("[", r"\[").replace("]", r"\]")):
        coercer(typ, Counter(), "x")(value)


def test_coerce_recurses_through_lists_and_structs() -> None:
    value = [
        {"key": "a", "value": {"int_value": "5", "double_value": "0.5", "new": 1}},
        {"key": "b", "value": None, "other": "x"},
        {"key": "c"},
    ]
    coerced, unknown = coerce(PARAM, value)
    assert coerced == [
        {
            "key": "a",
            "value": {
                "string_value": None,
                "int_value": 5,
                "float_value": None,
                "double_value": 0.5,
            },
        },
        {"key": "b", "value": None},
        {"key": "c", "value": None},
    ]
    assert unknown == Counter({"x[].value.new": 1, "x[].other": 1})
