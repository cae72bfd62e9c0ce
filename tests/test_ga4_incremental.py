"""Incremental GA4 builds give exactly what a full refresh gives.

The demo is generated as of day X and built; then, day after day up to Y, it is regenerated as of
that day (same seed: the same events, plus new days, late events completing the previous 3 shards,
and the intraday shard of the previous as-of replaced by its daily shard) and built incrementally
into the same database. A fresh database built with --full-refresh from the as-of-Y data must
hold the same rows in every GA4 relation.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from ga4_dbt import GA4_RELATIONS, DbtWorkspace, assert_same_rows, shard_windows

from sam.demo.generator import DemoConfig, generate

SEED = 42
SCALE = 0.05
START = dt.date(2024, 10, 1)
# X after 2024-10-10 (the first daily shard carrying default_channel_group) and Y = X + 4: the
# window of the last run starts after the first run's newest day, so every kind of change
# (new days, late events, intraday -> daily) has gone through an incremental run.
X = dt.date(2024, 10, 12)
Y = X + dt.timedelta(days=4)
LATE_DAYS = 3  # dbt_project.yml sam_ga4_late_days

BASE_MODEL = "staging/ga4/base_ga4__events.sql"


@dataclass
class IncrementalRun:
    as_of: dt.date
    newest_loaded_before: dt.date  # max(event_date_dt) in base before the run
    window_start: str  # the lower _table_suffix bound the run compiled


@dataclass
class History:
    inc: DbtWorkspace
    full: DbtWorkspace
    first_window_start: str
    full_window_start: str
    runs: list[IncrementalRun] = field(default_factory=list)
    # {event_date: (rows, intraday rows)} in base after the first and after the last run
    first_counts: dict[dt.date, tuple[int, int]] = field(default_factory=dict)
    last_counts: dict[dt.date, tuple[int, int]] = field(default_factory=dict)


def _generate(out: Path, as_of: dt.date) -> None:
    generate(DemoConfig(out, seed=SEED, start=START, as_of=as_of, scale=SCALE))


def _window_start(ws: DbtWorkspace) -> str:
    windows = shard_windows(ws.compiled_sql(BASE_MODEL))
    assert "daily" in windows, "no daily shard window in the compiled base_ga4__events"
    # Both sources are read over the same window.
    assert windows.get("intraday", windows["daily"]) == windows["daily"], windows
    return windows["daily"][0]


def _counts(ws: DbtWorkspace) -> dict[dt.date, tuple[int, int]]:
    rows = ws.query(
        """select event_date_dt, count(*), count(*) filter (where is_intraday_shard)
        from main.base_ga4__events group by 1"""
    )
    return {d: (n, i) for d, n, i in rows}


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> History:
    tmp = tmp_path_factory.mktemp("ga4_incremental")
    data = tmp / "data"
    inc = DbtWorkspace(data, tmp / "db_inc.duckdb", tmp / "inc")
    full = DbtWorkspace(data, tmp / "db_full.duckdb", tmp / "full")

    _generate(data, X)
    inc.build()
    first_window_start = _window_start(inc)
    first_counts = _counts(inc)

    runs = []
    day = X
    while day < Y:
        day += dt.timedelta(days=1)
        newest = inc.scalar("select max(event_date_dt) from main.base_ga4__events")
        _generate(data, day)
        inc.build()  # no --full-refresh: an incremental run on the existing table
        runs.append(IncrementalRun(day, newest, _window_start(inc)))

    full.build("--full-refresh")
    return History(
        inc=inc,
        full=full,
        first_window_start=first_window_start,
        full_window_start=_window_start(full),
        runs=runs,
        first_counts=first_counts,
        last_counts=_counts(inc),
    )


@pytest.mark.parametrize("relation", GA4_RELATIONS)
def test_incremental_equals_full_refresh(history: History, relation: str) -> None:
    assert_same_rows(history.inc, history.full, relation)


def test_runs_were_incremental(history: History) -> None:
    # The first build (empty database) and the full refresh read every shard.
    assert history.first_window_start == "00000000"
    assert history.full_window_start == "00000000"
    assert [r.as_of for r in history.runs] == [
        X + dt.timedelta(days=i) for i in range(1, (Y - X).days + 1)
    ]
    previous_as_of = X
    for run in history.runs:
        # The newest date loaded is the previous as-of day (its intraday shard)...
        assert run.newest_loaded_before == previous_as_of, run
        # ...and the run re-read only the shards from 3 days before it on.
        expected = run.newest_loaded_before - dt.timedelta(days=LATE_DAYS)
        assert run.window_start == f"{expected:%Y%m%d}", run
        previous_as_of = run.as_of


def test_late_events_arrived(history: History) -> None:
    day_before = X - dt.timedelta(days=1)
    first_rows, _ = history.first_counts[day_before]
    last_rows, _ = history.last_counts[day_before]
    assert last_rows > first_rows, f"shard {day_before}: {first_rows} -> {last_rows} rows"


def test_intraday_replaced_by_daily(history: History) -> None:
    # After the first run, day X came from its intraday shard only, and nothing else did.
    rows_x, intraday_x = history.first_counts[X]
    assert rows_x > 0 and intraday_x == rows_x
    assert all(i == 0 for d, (_, i) in history.first_counts.items() if d != X)
    # After the last run only day Y is intraday; day X is its daily shard (which has at least
    # every event its intraday shard had: late ones only add).
    assert {d for d, (_, i) in history.last_counts.items() if i} == {Y}
    assert history.last_counts[Y][1] == history.last_counts[Y][0]
    assert history.last_counts[X][1] == 0
    assert history.last_counts[X][0] >= rows_x
    assert sorted(history.last_counts) == [
        START + dt.timedelta(days=i) for i in range((Y - START).days + 1)
    ]
    # No event twice in the incremental base.
    assert history.inc.query(
        "select count(*) - count(distinct event_key) from main.base_ga4__events"
    ) == [(0,)]
