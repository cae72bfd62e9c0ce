"""The GA4 models on 460 real rows of Google's public sample export (tests/fixtures/ga4, see
tests/fixtures/NOTICE), imported with `sam import-ga4-json` and built with dbt.

Every expected value is computed here from the NDJSON with the json module, independently of the
importer and the models.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from ga4_dbt import DbtWorkspace
from typer.testing import CliRunner

from sam.cli import app

PUBLIC_ROWS = Path(__file__).parent / "fixtures" / "ga4" / "public_sample_rows.ndjson"

# Three events, by (event_timestamp, event_name): session_engaged sent as the string '1', as the
# int 1, and not sent at all.
CHOSEN = [
    (1604674776615462, "page_view"),
    (1604850807057530, "first_visit"),
    (1604481671657014, "session_start"),
]

Row = dict[str, Any]


def load_rows() -> list[Row]:
    with PUBLIC_ROWS.open() as f:
        return [json.loads(line) for line in f if line.strip()]


def param(row: Row, key: str) -> dict[str, Any] | None:
    for p in row.get("event_params") or []:
        if p["key"] == key:
            value: dict[str, Any] = p["value"]
            return value
    return None


def string_param(row: Row, key: str) -> str | None:
    """A parameter as text: string_value, else int_value written out (how GA4 sends
    session_engaged: '1' or 1)."""
    v = param(row, key)
    if v is None:
        return None
    if v.get("string_value") is not None:
        return str(v["string_value"])
    return None if v.get("int_value") is None else str(int(v["int_value"]))


def int_param(row: Row, key: str) -> int | None:
    v = param(row, key)
    return None if v is None or v.get("int_value") is None else int(v["int_value"])


def event_date(row: Row) -> dt.date:
    d = row["event_date"]
    return dt.date(int(d[:4]), int(d[4:6]), int(d[6:8]))


def event_at(row: Row) -> dt.datetime:
    """event_timestamp (µs, UTC) as the naive UTC timestamp DuckDB returns."""
    micros = int(row["event_timestamp"])
    return dt.datetime(1970, 1, 1) + dt.timedelta(microseconds=micros)


def session_of(row: Row) -> tuple[str, int] | None:
    sid = int_param(row, "ga_session_id")
    if row["user_pseudo_id"] is None or sid is None:
        return None
    return (row["user_pseudo_id"], sid)


@pytest.fixture(scope="module")
def rows() -> list[Row]:
    return load_rows()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> DbtWorkspace:
    tmp = tmp_path_factory.mktemp("ga4_public")
    ws = DbtWorkspace(tmp / "data", tmp / "public.duckdb", tmp / "dbt")
    result = CliRunner().invoke(
        app, ["import-ga4-json", str(PUBLIC_ROWS), "--out", str(ws.data_dir)]
    )
    assert result.exit_code == 0, result.output
    ws.build()
    return ws


def test_fixture_is_what_the_tests_assume(rows: list[Row]) -> None:
    assert len(rows) == 460
    keys = [(r["event_timestamp"], r["event_name"]) for r in rows]
    for key in CHOSEN:
        assert keys.count(key) == 1, key


def test_chosen_events(built: DbtWorkspace, rows: list[Row]) -> None:
    for ts, name in CHOSEN:
        (row,) = [r for r in rows if (r["event_timestamp"], r["event_name"]) == (ts, name)]
        expected = {
            "event_date_dt": event_date(row),
            "event_name": name,
            "user_pseudo_id": row["user_pseudo_id"],
            "ga_session_id": int_param(row, "ga_session_id"),
            "page_location": string_param(row, "page_location"),
            "stream_id": str(int(row["stream_id"])),
            "device_category": row["device"]["category"],
            "geo_country": row["geo"]["country"],
            "first_user_source": row["traffic_source"]["source"],
        }
        base = built.dicts(
            f"""select * from main.base_ga4__events
            where event_timestamp = {ts} and event_name = '{name}'"""
        )
        assert len(base) == 1, (ts, name)
        got = {k: base[0][k] for k in expected}
        assert got == expected, (ts, name)
        engaged = string_param(row, "session_engaged")
        assert base[0]["session_engaged_param"] == engaged
        assert base[0]["shard_suffix"] == row["event_date"]
        assert base[0]["is_intraday_shard"] is False

        stg = built.dicts(
            f"""select * from main.stg_ga4__events
            where event_timestamp = {ts} and event_name = '{name}'"""
        )
        assert len(stg) == 1
        assert {k: stg[0][k] for k in expected if k != "first_user_source"} == {
            k: v for k, v in expected.items() if k != "first_user_source"
        }
        assert stg[0]["event_at"] == event_at(row)
        assert stg[0]["is_session_engaged_event"] is (None if engaged is None else engaged == "1")
        assert stg[0]["is_unsessionized"] is False
    # The three cover '1' as a string, 1 as an int, and no parameter.
    sent = [
        param(r, "session_engaged")
        for ts, name in CHOSEN
        for r in rows
        if (r["event_timestamp"], r["event_name"]) == (ts, name)
    ]
    assert sent[0] is not None and sent[0]["string_value"] == "1"
    assert sent[1] is not None and sent[1]["string_value"] is None and sent[1]["int_value"] == 1
    assert sent[2] is None


def test_event_counts(built: DbtWorkspace, rows: list[Row]) -> None:
    # What the models call the same event: stream, visitor, time, name and parameters.
    distinct = {
        (
            r["stream_id"],
            r["user_pseudo_id"],
            r["event_timestamp"],
            r["event_name"],
            json.dumps(r["event_params"], sort_keys=True),
        )
        for r in rows
    }
    assert built.scalar("select count(*) from main.base_ga4__events") == len(distinct) == 460
    per_day: dict[dt.date, int] = defaultdict(int)
    for r in rows:
        per_day[event_date(r)] += 1
    coverage = built.query(
        "select event_date_dt, exported_rows from main.rpt_ga4__event_coverage order by 1"
    )
    assert coverage == sorted(per_day.items())
    assert built.run_results()["assert_ga4_events_reconcile_with_raw_shards"] == "pass"


def test_sessions(built: DbtWorkspace, rows: list[Row]) -> None:
    sessions: dict[tuple[str, int], list[Row]] = defaultdict(list)
    for r in rows:
        key = session_of(r)
        if key is not None:
            sessions[key].append(r)
    assert len(sessions) == 130
    got = {
        (r["user_pseudo_id"], r["ga_session_id"]): r
        for r in built.dicts("select * from main.fct_sessions")
    }
    assert built.scalar("select count(*) from main.fct_sessions") == len(got) == len(sessions)
    assert set(got) == set(sessions)
    for key, events in sessions.items():
        s = got[key]
        assert s["events"] == len(events), key
        assert s["page_views"] == sum(e["event_name"] == "page_view" for e in events), key
        assert s["session_start_at"] == min(event_at(e) for e in events), key
        assert s["session_end_at"] == max(event_at(e) for e in events), key
        assert s["is_crossing_midnight"] is (len({e["event_date"] for e in events}) > 1), key
        assert s["is_engaged"] is any(string_param(e, "session_engaged") == "1" for e in events)
        msec = [int_param(e, "engagement_time_msec") for e in events]
        assert s["engagement_time_msec"] == sum(m for m in msec if m is not None), key
