"""Issue 18: the whole chain, from the export to the daily facts, built incrementally day after day
holds exactly the rows a full refresh holds - sessions (incremental by session date), touchpoints,
journeys, credits and the daily facts (rebuilt whole from them: their yml says why).

The demo (its GA4 export, both CRM states and the ad platforms) is generated as of FIRST and built;
then regenerated as of each later day in AS_OF (same seed: the same events, plus the new days, late
events completing the last 3 shards, the previous as-of's intraday shard replaced by its daily
shard, and the CRM as it stands that day) and built incrementally into the same database. The
replay covers 31 days of data (October 2024) with three incremental runs, not thirty: each run is
a dbt run of the whole chain (~30 s here), and runs 7 and 13 days apart read the same kinds of
change as daily ones (the window is anchored on the data, not the clock). A fresh database built
with --full-refresh from the last day's data must hold the same rows, with late events, exact
duplicates and cookieless pings in the data (asserted below, not assumed). Before the first
incremental run, int_ga4__session_channels and int_ga4__ad_clicks are put back in their
pre-issue-18 shape (no session_date): that run must rebuild them whole.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from dataclasses import dataclass

import duckdb
import pytest
from ga4_dbt import DbtWorkspace, assert_same_rows

from sam.dbt_runner import vars_for_data_dir
from sam.demo.generator import DemoConfig, generate

SEED = 42
SCALE = 0.1
START = dt.date(2024, 10, 1)
FIRST = dt.date(2024, 10, 4)
AS_OF = (dt.date(2024, 10, 11), dt.date(2024, 10, 18), dt.date(2024, 10, 31))

# The end models of the chain; dbt builds them and everything they read.
ENDS = ("fct_channel_daily", "fct_campaign_daily", "rpt_ga4__event_coverage", "int_ga4__ad_clicks")
CHAIN = (
    "base_ga4__events",
    "int_ga4__sessions_sourced",
    "int_ga4__session_channels",
    "int_ga4__sessions",
    "fct_sessions",
    "int_ga4__ad_clicks",
    "int_identity__person_visitors",
    "int_leads__form_submits",
    "int_attribution__touchpoints",
    "int_attribution__conversions",
    "int_attribution__journeys",
    "int_attribution__credits_rule_based",
    "int_attribution__credits_markov",
    "int_attribution__credits_shapley",
    "fct_attribution_credits",
    "fct_leads",
    "fct_spend_daily",
    "fct_channel_daily",
    "fct_campaign_daily",
    "rpt_ga4__event_coverage",
)

# The session tables put back in their pre-issue-18 shape (no session_date) before the first
# incremental run (ga4_session_window_upgrade must rebuild them whole).
UPGRADED = ("int_ga4__session_channels", "int_ga4__ad_clicks")


@dataclass
class Replay:
    inc: DbtWorkspace
    full: DbtWorkspace
    session_windows: list[str]  # the rewrite filter each incremental run compiled
    upgrade_log: str  # dbt's output of the first incremental run


def _build(ws: DbtWorkspace, *extra: str) -> str:
    """dbt's output."""
    return ws.dbt(
        "build",
        "--select",
        *(f"+{end}" for end in ENDS),
        "--resource-type",
        "model",
        "--resource-type",
        "seed",
        *extra,
        dbt_vars=vars_for_data_dir(ws.data_dir),
    ).stdout


def _session_window(ws: DbtWorkspace) -> str:
    sql = ws.compiled_sql("intermediate/ga4/int_ga4__sessions.sql")
    marker = "aggregated.session_date >= cast('"
    return sql.split(marker, 1)[1][:10] if marker in sql else "full"


@pytest.fixture(scope="module")
def replay(tmp_path_factory: pytest.TempPathFactory) -> Replay:
    tmp = tmp_path_factory.mktemp("chain")
    data = tmp / "data"
    inc = DbtWorkspace(data, tmp / "chain_inc.duckdb", tmp / "inc")
    full = DbtWorkspace(data, tmp / "chain_full.duckdb", tmp / "full")
    generate(DemoConfig(data, seed=SEED, start=START, as_of=FIRST, scale=SCALE))
    _build(inc)
    # A build from before issue 18: int_ga4__session_channels and int_ga4__ad_clicks were tables
    # without session_date. The next run must drop them and build them whole (an incremental run
    # would keep their old rows).
    con = duckdb.connect(str(inc.database))
    for relation in UPGRADED:
        con.execute(f"alter table main.{relation} drop column session_date")
    con.close()
    windows = [_session_window(inc)]
    logs = []
    for day in AS_OF:
        generate(DemoConfig(data, seed=SEED, start=START, as_of=day, scale=SCALE))
        logs.append(_build(inc))  # no --full-refresh: the incremental models run incrementally
        windows.append(_session_window(inc))
    _build(full, "--full-refresh")
    return Replay(inc, full, windows, logs[0])


def test_runs_were_incremental(replay: Replay) -> None:
    # First build: every session. Then each run rewrites sessions from (the newest session date
    # loaded before it, i.e. the previous as-of day) - 3 late days - 1 (crossing midnight).
    previous = (FIRST, *AS_OF[:-1])
    expected = ["full"] + [f"{d - dt.timedelta(days=4):%Y-%m-%d}" for d in previous]
    assert replay.session_windows == expected


def test_a_session_table_built_before_issue_18_is_rebuilt_whole(replay: Replay) -> None:
    message = "was built before it was incremental (no session_date): rebuilt whole"
    for relation in UPGRADED:
        assert f'"{relation}" {message}' in replay.upgrade_log
    # Only those tables (the others had session_date already).
    assert replay.upgrade_log.count(message) == len(UPGRADED)
    # ...and they hold the full refresh's rows, session_date included (same columns in the same
    # order): test_incremental_equals_full_refresh below.


def test_the_replay_holds_late_duplicate_and_cookieless_events(replay: Replay) -> None:
    rows = replay.inc.dicts(
        """select sum(cookieless_events) as cookieless, sum(duplicate_rows) as duplicates,
        count(*) as days from main.rpt_ga4__event_coverage"""
    )[0]
    assert rows["cookieless"] > 0 and rows["duplicates"] > 0, rows
    assert rows["days"] == (AS_OF[-1] - START).days + 1
    # Sessions crossing midnight are in the data (late events: test_ga4_incremental.py shows
    # shards growing between runs with the same generator).
    crossing = "select count(*) from main.int_ga4__sessions where is_crossing_midnight"
    assert replay.inc.scalar(crossing) > 0


@pytest.mark.parametrize("relation", CHAIN)
def test_incremental_equals_full_refresh(replay: Replay, relation: str) -> None:
    assert_same_rows(replay.inc, replay.full, relation)


def test_the_daily_test_window_reads_only_recent_partitions(
    replay: Replay, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """var sam_test_recent_days (macros/get_where_subquery.sql): a generic test of an incremental
    model reads the rows from the table's newest date - N days on; null reads whole history."""
    tmp = tmp_path_factory.mktemp("window")
    ws = DbtWorkspace(replay.full.data_dir, tmp / "window.duckdb", tmp / "work")
    shutil.copy(replay.full.database, ws.database)
    con = duckdb.connect(str(ws.database))
    # One duplicated session on the first day (outside the window), one on the newest day.
    for day in ("min", "max"):
        con.execute(
            f"""insert into main.fct_sessions select * from main.fct_sessions
            where session_date = (select {day}(session_date) from main.fct_sessions) limit 1"""
        )
    con.close()

    def failures(dbt_vars: dict[str, object]) -> dict[str, int]:
        """{test name prefix: failures} of the unique tests of fct_sessions and stg_ga4__events
        (a view over base_ga4__events, meta sam_test_date_column)."""
        select = ("fct_sessions,test_name:unique", "stg_ga4__events,test_name:unique")
        ws.dbt(
            "test",
            "--select",
            *select,
            check=False,
            dbt_vars={**vars_for_data_dir(ws.data_dir), **dbt_vars},
        )
        results = json.loads((ws.target / "run_results.json").read_text())["results"]
        found = {
            r["unique_id"].split(".")[2]: r["failures"]
            for r in results
            if r["unique_id"].startswith("test.")
        }
        assert sorted(found) == [
            "unique_fct_sessions_session_key",
            "unique_stg_ga4__events_event_key",
        ]
        return {k: int(v or 0) for k, v in found.items()}

    # With the window: the newest day's duplicate only; whole history: both.
    assert failures({"sam_test_recent_days": 6})["unique_fct_sessions_session_key"] == 1
    compiled = list((ws.target / "compiled").rglob("unique_*.sql"))
    sql = {p.name.split(".")[0]: p.read_text() for p in compiled}
    first = AS_OF[-1] - dt.timedelta(days=6)
    fct = next(v for k, v in sql.items() if k.startswith("unique_fct_sessions"))
    stg = next(v for k, v in sql.items() if k.startswith("unique_stg_ga4__events"))
    assert f"session_date >= cast('{first:%Y-%m-%d}' as date)" in fct
    assert f"event_date_dt >= cast('{first:%Y-%m-%d}' as date)" in stg
    assert failures({}) == {
        "unique_fct_sessions_session_key": 2,
        "unique_stg_ga4__events_event_key": 0,
    }
