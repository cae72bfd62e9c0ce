"""The GA4 models on hand-crafted shards: each mess of the real export, one small case at a time.

The shards are written with the export's own Arrow schema (sam.ga4.schema), built with dbt (GA4
nodes only, data tests included) and every expected value below is worked out by hand from the
rows written here.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from ga4_dbt import DbtWorkspace, shard_windows

from sam.ga4.schema import ShardKind, export_schema, shard_filename

UTC = dt.UTC
STREAM = 4_200_000_001
SITE = "https://www.example.com"
RECONCILE = "assert_ga4_events_reconcile_with_raw_shards"


# --- building export rows ---------------------------------------------------------------------


def at(text: str) -> dt.datetime:
    """'2024-11-01 23:59:00' as a UTC datetime (the crafted property's time zone is UTC)."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=UTC)


def session_id(start: str) -> int:
    """ga_session_id: the session's start in Unix seconds."""
    return int(at(start).timestamp())


def param(key: str, value: str | int | float) -> dict[str, Any]:
    """One event_params entry, the value in the slot GA4 uses for its Python type."""
    slot = {str: "string_value", int: "int_value", float: "double_value"}[type(value)]
    return {"key": key, "value": {slot: value}}


def event(
    when: str,
    name: str,
    user: str | None,
    session: int | None,
    last_click: dict[str, Any] | None = None,
    **params: str | int | float,
) -> dict[str, Any]:
    """One exported event row: `user` is user_pseudo_id (None: a cookieless ping), `session` the
    ga_session_id (None: none sent), `params` more event_params (page_location, source, ...)."""
    t = at(when)
    event_params = [param(k, v) for k, v in params.items()]
    if session is not None:
        event_params += [param("ga_session_id", session), param("ga_session_number", 1)]
    return {
        "event_date": f"{t:%Y%m%d}",
        "event_timestamp": int(t.timestamp()) * 1_000_000 + t.microsecond,
        "event_name": name,
        "event_params": event_params,
        "user_pseudo_id": user,
        "privacy_info": {"analytics_storage": "No" if user is None else "Yes"},
        "device": {"category": "desktop", "web_info": {"browser": "Chrome"}},
        "geo": {"country": "Germany", "city": "Berlin"},
        "stream_id": STREAM,
        "platform": "WEB",
        "session_traffic_source_last_click": last_click,
    }


def landing(
    when: str, user: str, session: int, page: str, **params: str | int | float
) -> list[dict[str, Any]]:
    """A session's first two events: session_start and the landing page_view, same time."""
    return [
        event(when, "session_start", user, session, page_location=page, **params),
        event(when, "page_view", user, session, page_location=page, entrances=1, **params),
    ]


def write_shard(
    data_dir: Path, day: dt.date, rows: list[dict[str, Any]], kind: ShardKind = ShardKind.DAILY
) -> int:
    """Write `rows` as the shard of `day` with the columns a real shard of that day has."""
    assert all(r["event_date"] == f"{day:%Y%m%d}" for r in rows)
    schema = export_schema(day, kind)
    path = data_dir / "ga4" / shard_filename(day, kind)
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), path)
    return len(rows)


# --- the crafted export -----------------------------------------------------------------------

NOV1, NOV2 = dt.date(2024, 11, 1), dt.date(2024, 11, 2)

MIDNIGHT = ("111.1", session_id("2024-11-01 23:59:00"))
DUPLICATED = ("333.3", session_id("2024-11-01 12:00:00"))
GCLID_ORGANIC = ("444.4", session_id("2024-11-01 13:00:00"))
BING_WITH_GCLID = ("555.5", session_id("2024-11-01 14:00:00"))
LAST_CLICK = ("666.6", session_id("2024-11-01 15:00:00"))
MIXED_CASE = ("777.7", session_id("2024-11-01 16:00:00"))
# Two visitors who started a session in the same second: the same ga_session_id, two sessions.
ENGAGED_STRING = ("888.8", session_id("2024-11-01 17:00:00"))
ENGAGED_INT = ("999.9", session_id("2024-11-01 17:00:00"))
NOT_ENGAGED = ("123.4", session_id("2024-11-01 18:00:00"))
SESSIONS = (
    MIDNIGHT,
    DUPLICATED,
    GCLID_ORGANIC,
    BING_WITH_GCLID,
    LAST_CLICK,
    MIXED_CASE,
    ENGAGED_STRING,
    ENGAGED_INT,
    NOT_ENGAGED,
)

LINKEDIN_LAST_CLICK = {
    "cross_channel_campaign": {
        "campaign_id": "987",
        "campaign_name": "q4-abm",
        "source": "linkedin",
        "medium": "paid_social",
        "default_channel_group": "Paid Social",
        "primary_channel_group": "Paid Social",
    }
}


def nov1_rows() -> list[dict[str, Any]]:
    u, s = DUPLICATED
    duplicated_view = event("2024-11-01 12:00:05", "page_view", u, s, page_location=f"{SITE}/a")
    rows = [
        # the first half of the session crossing midnight
        *landing("2024-11-01 23:59:00", *MIDNIGHT, f"{SITE}/night"),
        # consent-mode cookieless pings: no user_pseudo_id, no ga_session_id, each page a "new"
        # first_visit / session_start
        event("2024-11-01 10:00:00", "first_visit", None, None, page_location=f"{SITE}/p1"),
        event("2024-11-01 10:00:00", "session_start", None, None, page_location=f"{SITE}/p1"),
        event("2024-11-01 10:00:00", "page_view", None, None, page_location=f"{SITE}/p1"),
        event("2024-11-01 10:05:00", "page_view", None, None, page_location=f"{SITE}/p2"),
        # a visitor's event without ga_session_id
        event("2024-11-01 11:00:00", "page_view", "222.2", None, page_location=f"{SITE}/x"),
        # an exact duplicate (the same page_view twice)
        *landing("2024-11-01 12:00:00", *DUPLICATED, f"{SITE}/a"),
        duplicated_view,
        dict(duplicated_view),
        # not a duplicate: the same visitor, time, name and batch position, other parameters (the
        # DuckDB duplicate removal first groups those scalar columns alone)
        event("2024-11-01 12:00:05", "page_view", u, s, page_location=f"{SITE}/b"),
        # auto-tagged Google Ads click that arrived as google / organic
        *landing(
            "2024-11-01 13:00:00",
            *GCLID_ORGANIC,
            f"{SITE}/pricing?gclid=abc",
            source="google",
            medium="organic",
        ),
        # explicit non-Google tags with a gclid: kept
        *landing(
            "2024-11-01 14:00:00",
            *BING_WITH_GCLID,
            f"{SITE}/demo?utm_source=bing&utm_medium=cpc&gclid=x",
        ),
        # GA4's own last-click attribution with its channel group (shard after 2024-10-10)
        *[
            event(
                "2024-11-01 15:00:00",
                name,
                *LAST_CLICK,
                last_click=LINKEDIN_LAST_CLICK,
                page_location=f"{SITE}/abm",
            )
            for name in ("session_start", "page_view")
        ],
        # mixed-case UTMs in the URL only
        *landing(
            "2024-11-01 16:00:00",
            *MIXED_CASE,
            f"{SITE}/lp?utm_source=LinkedIn&utm_medium=Paid_Social&utm_campaign=ABM_Q4",
        ),
        # session_engaged as the string '1' and as the int 1
        *landing("2024-11-01 17:00:00", *ENGAGED_STRING, f"{SITE}/e"),
        event(
            "2024-11-01 17:00:20",
            "user_engagement",
            *ENGAGED_STRING,
            page_location=f"{SITE}/e",
            session_engaged="1",
            engagement_time_msec=20_000,
        ),
        event(
            "2024-11-01 17:01:00",
            "generate_lead",
            *ENGAGED_STRING,
            page_location=f"{SITE}/e",
            value=100.0,
            currency="EUR",
        ),
        *landing("2024-11-01 17:00:00", *ENGAGED_INT, f"{SITE}/e"),
        event(
            "2024-11-01 17:00:30",
            "user_engagement",
            *ENGAGED_INT,
            page_location=f"{SITE}/e",
            session_engaged=1,
            engagement_time_msec=30_000,
        ),
        *landing("2024-11-01 18:00:00", *NOT_ENGAGED, f"{SITE}/bounce"),
        event(
            "2024-11-01 18:00:01",
            "user_engagement",
            *NOT_ENGAGED,
            page_location=f"{SITE}/bounce",
            session_engaged="0",
            engagement_time_msec=1_000,
        ),
    ]
    return rows


def nov2_rows() -> list[dict[str, Any]]:
    return [
        # the second half of the session crossing midnight
        event(
            "2024-11-02 00:01:00",
            "page_view",
            *MIDNIGHT,
            page_location=f"{SITE}/night/2",
            engagement_time_msec=60_000,
        ),
        event(
            "2024-11-02 00:01:30",
            "user_engagement",
            *MIDNIGHT,
            page_location=f"{SITE}/night/2",
            engagement_time_msec=30_000,
        ),
    ]


# Counted by hand from the rows above.
NOV1_ROWS = 2 + 4 + 1 + 5 + 2 + 2 + 2 + 2 + 4 + 3 + 3  # 30 rows written
NOV1_COOKIELESS = 4
NOV1_NO_SESSION_ID = 1
NOV1_DUPLICATES = 1


@pytest.fixture(scope="module")
def edge(tmp_path_factory: pytest.TempPathFactory) -> DbtWorkspace:
    tmp = tmp_path_factory.mktemp("ga4_edge")
    ws = DbtWorkspace(tmp / "data", tmp / "edge.duckdb", tmp / "dbt")
    assert write_shard(ws.data_dir, NOV1, nov1_rows()) == NOV1_ROWS
    write_shard(ws.data_dir, NOV2, nov2_rows())
    ws.build()
    return ws


def sessions_by_user(ws: DbtWorkspace) -> dict[str, dict[str, Any]]:
    rows = ws.dicts("select * from main.fct_sessions")
    by_user = {r["user_pseudo_id"]: r for r in rows}
    assert len(by_user) == len(rows), "two sessions of one visitor in the crafted data"
    return by_user


def naive(text: str) -> dt.datetime:
    """The UTC timestamp as DuckDB returns a TIMESTAMP (naive)."""
    return at(text).replace(tzinfo=None)


# --- the tests --------------------------------------------------------------------------------


def test_one_row_per_session(edge: DbtWorkspace) -> None:
    sessions = sessions_by_user(edge)
    assert set(sessions) == {user for user, _ in SESSIONS}
    for user, sid in SESSIONS:
        assert sessions[user]["ga_session_id"] == sid
    # The two visitors sharing a ga_session_id are two sessions with different keys.
    assert sessions[ENGAGED_STRING[0]]["session_key"] != sessions[ENGAGED_INT[0]]["session_key"]


def test_without_intraday_shards_only_the_daily_source_is_read(edge: DbtWorkspace) -> None:
    # The edge data has daily shards only: a glob / wildcard matching nothing is an error on both
    # engines, so base_ga4__events must not name the intraday source at all.
    sql = edge.compiled_sql("staging/ga4/base_ga4__events.sql")
    assert shard_windows(sql) == {"daily": ("00000000", "99999999")}
    assert "events_intraday_" not in sql


def test_session_crossing_midnight(edge: DbtWorkspace) -> None:
    s = sessions_by_user(edge)[MIDNIGHT[0]]
    assert s["is_crossing_midnight"] is True
    assert s["events"] == 4  # 2 in the 20241101 shard + 2 in the 20241102 shard
    assert s["page_views"] == 2
    assert s["engagement_time_msec"] == 90_000
    assert s["session_start_at"] == naive("2024-11-01 23:59:00")
    assert s["session_end_at"] == naive("2024-11-02 00:01:30")
    assert s["session_date"] == NOV1
    assert s["landing_page"] == f"{SITE}/night"
    assert (s["source"], s["medium"], s["source_rule"], s["channel"]) == (
        "(direct)",
        "(none)",
        "direct",
        "Direct",
    )
    # The only session that crosses midnight.
    assert [u for u, r in sessions_by_user(edge).items() if r["is_crossing_midnight"]] == [
        MIDNIGHT[0]
    ]


def test_cookieless_pings_are_counted_not_sessionized(edge: DbtWorkspace) -> None:
    assert edge.scalar("select count(*) from main.fct_sessions where user_pseudo_id is null") == 0
    cov = edge.dicts(
        "select * from main.rpt_ga4__event_coverage where event_date_dt = '2024-11-01'"
    )
    assert len(cov) == 1
    assert cov[0]["cookieless_events"] == NOV1_COOKIELESS
    assert cov[0]["no_session_id_events"] == NOV1_NO_SESSION_ID
    assert edge.query(
        """select count(*), count(session_key), count(distinct unsessionized_reason)
        from main.stg_ga4__events where user_pseudo_id is null"""
    ) == [(NOV1_COOKIELESS, 0, 1)]


def test_exact_duplicates(edge: DbtWorkspace) -> None:
    u, _ = DUPLICATED
    kept = edge.query(
        f"""select event_name, page_location, duplicate_rows from main.base_ga4__events
        where user_pseudo_id = '{u}' order by event_timestamp, page_location, event_name desc"""
    )
    # session_start, landing page_view, one of the two identical page_views (absorbing the other),
    # and the page_view of the same second with another page_location (not a duplicate)
    assert kept == [
        ("session_start", f"{SITE}/a", 0),
        ("page_view", f"{SITE}/a", 0),
        ("page_view", f"{SITE}/a", 1),
        ("page_view", f"{SITE}/b", 0),
    ]
    assert sessions_by_user(edge)[u]["events"] == 4
    cov = edge.dicts("select * from main.rpt_ga4__event_coverage order by event_date_dt")
    assert [
        (c["event_date_dt"], c["exported_rows"], c["distinct_events"], c["duplicate_rows"])
        for c in cov
    ] == [
        (NOV1, NOV1_ROWS, NOV1_ROWS - NOV1_DUPLICATES, NOV1_DUPLICATES),
        (NOV2, 2, 2, 0),
    ]
    distinct_nov1 = NOV1_ROWS - NOV1_DUPLICATES
    assert cov[0]["sessionized_events"] == distinct_nov1 - NOV1_COOKIELESS - NOV1_NO_SESSION_ID
    assert cov[0]["sessions_with_events"] == len(SESSIONS)  # every session has a Nov 1 event
    assert cov[1]["sessions_with_events"] == 1
    assert (
        edge.scalar("select count(*) - count(distinct event_key) from main.base_ga4__events") == 0
    )


# Each session's sourcing and channel, by hand (source / medium / campaign compared lowercased).
SOURCING: dict[str, tuple[tuple[str, int], dict[str, str | None]]] = {
    # a gclid turns google / organic into google / cpc
    "gclid_as_google_organic": (
        GCLID_ORGANIC,
        {"source": "google", "medium": "cpc", "campaign": None, "gclid": "abc"}
        | {"source_rule": "gclid", "channel": "Paid Search", "channel_rule": "rule_04_paid_search"},
    ),
    # explicit non-Google UTMs are kept despite the gclid (bing: search source, cpc: paid)
    "bing_with_gclid": (
        BING_WITH_GCLID,
        {"source": "bing", "medium": "cpc", "campaign": None, "gclid": "x"}
        | {"source_rule": "page_location_utm", "channel": "Paid Search"}
        | {"channel_rule": "rule_04_paid_search"},
    ),
    # GA4's own last click, and its default_channel_group as the channel
    "ga4_last_click": (
        LAST_CLICK,
        {"source": "linkedin", "medium": "paid_social", "campaign": "q4-abm", "gclid": None}
        | {"source_rule": "ga4_last_click", "channel": "Paid Social", "channel_rule": "ga4_native"},
    ),
    # 'LinkedIn' / 'Paid_Social' in the URL only: a social source and a paid medium once
    # lowercased, so Google's rule 5
    "mixed_case_utms": (
        MIXED_CASE,
        {"source": "linkedin", "medium": "paid_social", "campaign": "abm_q4", "gclid": None}
        | {"source_rule": "page_location_utm", "channel": "Paid Social"}
        | {"channel_rule": "rule_05_paid_social"},
    ),
}


@pytest.mark.parametrize("case", SOURCING)
def test_session_source_and_channel(edge: DbtWorkspace, case: str) -> None:
    (user, _), expected = SOURCING[case]
    s = sessions_by_user(edge)[user]
    got = {k: s[k] for k in expected}
    for k in ("source", "medium", "campaign"):
        got[k] = None if got[k] is None else got[k].lower()
    assert got == expected


def test_session_engaged_as_string_or_int(edge: DbtWorkspace) -> None:
    sessions = sessions_by_user(edge)
    engaged = {u: r["is_engaged"] for u, r in sessions.items()}
    assert engaged[ENGAGED_STRING[0]] is True
    assert engaged[ENGAGED_INT[0]] is True
    assert engaged[NOT_ENGAGED[0]] is False
    assert sessions[ENGAGED_STRING[0]]["engagement_time_msec"] == 20_000
    assert sessions[ENGAGED_INT[0]]["engagement_time_msec"] == 30_000
    # No other session sent session_engaged.
    assert {u for u, e in engaged.items() if e} == {ENGAGED_STRING[0], ENGAGED_INT[0]}


def test_lead_event(edge: DbtWorkspace) -> None:
    leads = edge.dicts("select * from main.stg_ga4__lead_events")
    assert [(r["user_pseudo_id"], r["event_name"], r["event_value"]) for r in leads] == [
        (ENGAGED_STRING[0], "generate_lead", 100.0)
    ]
    key = sessions_by_user(edge)[ENGAGED_STRING[0]]["session_key"]
    assert leads[0]["session_key"] == key


def test_reconciliation_passes_on_crafted_data(edge: DbtWorkspace) -> None:
    assert edge.run_results()[RECONCILE] == "pass"


@pytest.mark.parametrize(
    "tamper",
    [
        # the coverage report lost a day
        "delete from main.rpt_ga4__event_coverage where event_date_dt = '2024-11-02'",
        # the coverage report miscounts the exported rows of a day
        """update main.rpt_ga4__event_coverage set exported_rows = exported_rows - 1
        where event_date_dt = '2024-11-01'""",
        # the sessions lost an event
        f"update main.fct_sessions set events = events - 1 where user_pseudo_id = '{MIDNIGHT[0]}'",
    ],
    ids=["coverage_day_missing", "coverage_miscount", "session_lost_event"],
)
def test_reconciliation_fails_on_tampered_outputs(
    edge: DbtWorkspace, tmp_path: Path, tamper: str
) -> None:
    # One path for every case (a new profile path each time would make dbt re-parse).
    tampered = DbtWorkspace(edge.data_dir, edge.database.with_name("tampered.duckdb"), edge.work)
    shutil.copy(edge.database, tampered.database)
    con = duckdb.connect(str(tampered.database))
    try:
        con.execute(tamper)
    finally:
        con.close()
    result = tampered.dbt("test", "--select", RECONCILE, check=False)
    assert result.returncode != 0, result.stdout[-3000:]
    assert tampered.run_results() == {RECONCILE: "fail"}


def test_incremental_run_on_a_base_built_by_an_older_sam_stops_with_the_cure(
    edge: DbtWorkspace,
) -> None:
    """A base_ga4__events built before property_id (and the new event / session keys) is not
    extended with NULL properties and keys of another kind: the run stops, naming the table and
    the full refresh that rebuilds it (ga4_base_upgrade_check)."""
    old = DbtWorkspace(edge.data_dir, edge.database.with_name("older_sam.duckdb"), edge.work)
    shutil.copy(edge.database, old.database)
    con = duckdb.connect(str(old.database))
    try:
        con.execute("alter table main.base_ga4__events drop column property_id")
        rows_before = con.execute("select count(*) from main.base_ga4__events").fetchone()
    finally:
        con.close()
    result = old.dbt("run", "--select", "base_ga4__events", check=False)
    assert result.returncode != 0, result.stdout[-3000:]
    assert "base_ga4__events" in result.stdout
    assert "no property_id column" in result.stdout
    assert "--full-refresh --select base_ga4__events+" in result.stdout
    # nothing was written
    assert old.scalar("select count(*) from main.base_ga4__events") == rows_before[0]
    # the cure works: a full refresh brings property_id back
    old.dbt("run", "--select", "base_ga4__events", "--full-refresh")
    assert old.scalar("select count(*) from main.base_ga4__events where property_id is null") == 0


# --- intraday, then daily ---------------------------------------------------------------------

OCT31 = dt.date(2024, 10, 31)
EARLIER = ("10.1", session_id("2024-10-31 09:00:00"))
TODAY = ("20.2", session_id("2024-11-01 10:00:00"))


def intraday_rows() -> list[dict[str, Any]]:
    return [
        *landing("2024-11-01 10:00:00", *TODAY, f"{SITE}/t"),
        event("2024-11-01 10:02:00", "page_view", *TODAY, page_location=f"{SITE}/t2"),
    ]


def test_intraday_then_daily(tmp_path: Path) -> None:
    ws = DbtWorkspace(tmp_path / "data", tmp_path / "intraday.duckdb", tmp_path / "dbt")
    write_shard(ws.data_dir, OCT31, landing("2024-10-31 09:00:00", *EARLIER, f"{SITE}/y"))
    write_shard(ws.data_dir, NOV1, intraday_rows(), ShardKind.INTRADAY)
    ws.build()

    per_day = """select event_date_dt, shard_suffix, is_intraday_shard, count(*),
        count(distinct event_key) from main.base_ga4__events group by all order by all"""
    assert ws.query(per_day) == [
        (OCT31, "20241031", False, 2, 2),
        (NOV1, "intraday_20241101", True, 3, 3),
    ]
    s = sessions_by_user(ws)[TODAY[0]]
    assert (s["events"], s["has_intraday_events"]) == (3, True)

    # The daily shard of Nov 1 lands (one more event than the intraday shard had); the intraday
    # file is still there. An incremental run must keep only the daily rows.
    daily = [
        *intraday_rows(),
        event("2024-11-01 10:05:00", "user_engagement", *TODAY, engagement_time_msec=5_000),
    ]
    write_shard(ws.data_dir, NOV1, daily)
    ws.build()
    # It was an incremental run: from the newest loaded date (Nov 1) minus 3 days.
    assert shard_windows(ws.compiled_sql("staging/ga4/base_ga4__events.sql")) == {
        "daily": ("20241029", "99999999"),
        "intraday": ("20241029", "99999999"),
    }
    assert ws.query(per_day) == [
        (OCT31, "20241031", False, 2, 2),
        (NOV1, "20241101", False, 4, 4),
    ]
    s = sessions_by_user(ws)[TODAY[0]]
    assert (s["events"], s["has_intraday_events"], s["engagement_time_msec"]) == (4, False, 5_000)
    assert ws.query(
        """select event_date_dt, exported_rows, is_from_intraday_shard
        from main.rpt_ga4__event_coverage order by 1"""
    ) == [(OCT31, 2, False), (NOV1, 4, False)]
    assert ws.run_results()[RECONCILE] == "pass"


# --- export eras ------------------------------------------------------------------------------


def test_shards_older_than_the_newest_columns(tmp_path: Path) -> None:
    """Shards from before 2024-07-17 (no session_traffic_source_last_click) and before
    2024-10-10 (no default_channel_group): the export's older eras must build."""
    ws = DbtWorkspace(tmp_path / "data", tmp_path / "eras.duckdb", tmp_path / "dbt")
    july, sept = dt.date(2024, 7, 1), dt.date(2024, 9, 2)
    old = ("30.3", session_id("2024-07-01 09:00:00"))
    newer = ("40.4", session_id("2024-09-02 09:00:00"))
    last_click = {"cross_channel_campaign": {"source": "linkedin", "medium": "paid_social"}}
    write_shard(ws.data_dir, july, landing("2024-07-01 09:00:00", *old, f"{SITE}/o"))
    write_shard(
        ws.data_dir,
        sept,
        [
            event("2024-09-02 09:00:00", name, *newer, last_click=last_click, page_location=SITE)
            for name in ("session_start", "page_view")
        ],
    )
    assert "session_traffic_source_last_click" not in export_schema(july).names
    ws.build()
    sessions = sessions_by_user(ws)
    assert (sessions[old[0]]["source_rule"], sessions[old[0]]["channel"]) == ("direct", "Direct")
    s = sessions[newer[0]]
    assert (s["source"], s["medium"], s["source_rule"]) == (
        "linkedin",
        "paid_social",
        "ga4_last_click",
    )
    # No GA4 channel group before 2024-10-10: Google's rules decide.
    assert (s["channel"], s["channel_rule"]) == ("Paid Social", "rule_05_paid_social")
