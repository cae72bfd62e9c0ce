"""Helper for the data-driven attribution tests (not a test module itself).

The Markov solve is written in its three models; the credits of Markov and Shapley are macros in
macros/attribution/ (shared by both models). This helper renders the models' text (their refs
pointed at relation names of its own) and those macros once with `dbt compile --inline` and runs
the rendered SQL, in the models' order, on small tables in an in-memory DuckDB: the tests exercise
the project's own SQL on inputs they make up, without a CRM or GA4 build.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from sam.project import REPO_ROOT, run_dbt

SPLIT = "-- @@attribution-macro@@"

MODELS = REPO_ROOT / "models" / "intermediate" / "attribution"

# The helper's table for each model the rendered SQL refers to.
TABLES = {
    "int_attribution__journeys": "journeys",
    "int_attribution__markov_transitions": "transitions",
    "int_attribution__markov_state_probabilities": "state_probabilities",
}


def model_jinja(name: str) -> str:
    """A model's text with its config() dropped and each ref() replaced by the helper's table."""
    text = (MODELS / f"{name}.sql").read_text()
    text = re.sub(r"\{\{\s*config\(.*?\)\s*\}\}", "", text, flags=re.S)
    text = re.sub(r"\{\{\s*ref\('(\w+)'\)\s*\}\}", lambda m: TABLES[m.group(1)], text)
    text = re.sub(r"\bref\('(\w+)'\)", lambda m: repr(TABLES[m.group(1)]), text)
    assert "ref(" not in text, name
    return text


# (table the step creates, the Jinja rendering it): the model DAG, in order.
STEPS = (
    ("transitions", model_jinja("int_attribution__markov_transitions")),
    ("state_probabilities", model_jinja("int_attribution__markov_state_probabilities")),
    ("removal_effects", model_jinja("int_attribution__markov_removal_effects")),
    (
        "channel_credits",
        "{{ sam.markov_channel_credits('removal_effects', 'journeys', 'conversions') }}",
    ),
    (
        "credits_markov",
        "{{ sam.data_driven_credits('journeys', 'markov', 'removal_effects') }}",
    ),
    ("credits_shapley", "{{ sam.data_driven_credits('journeys', 'shapley') }}"),
)

JOURNEY_COLUMNS = """
    conversion_type varchar, journey_id varchar, is_converting boolean, conversion_id varchar,
    converted_at timestamp, conversion_value double, touch_number integer, touch_count integer,
    touchpoint_id varchar, touch_type varchar, channel varchar, campaign varchar,
    touched_at timestamp, is_ft boolean, is_lc boolean, is_oc boolean, is_cw boolean
"""
CONVERSION_COLUMNS = """
    conversion_type varchar, conversion_id varchar, converted_at timestamp,
    conversion_value double, person_id varchar, deal_id varchar
"""
CONVERTED_AT = dt.datetime(2024, 6, 30, 12, 0)


def render_macros(work: Path, dbt_vars: dict[str, Any] | None = None) -> dict[str, str]:
    """{table: its SELECT} for every step, rendered in one `dbt compile --inline`."""
    inline = f"\n{SPLIT}\n".join(jinja for _, jinja in STEPS)
    args = ["compile", "--quiet", "--inline", inline]
    args += ["--target-path", str(work / "target"), "--log-path", str(work / "logs")]
    if dbt_vars:
        args += ["--vars", json.dumps(dbt_vars)]
    result: subprocess.CompletedProcess[str] = run_dbt(
        args, env={"SAM_DUCKDB_PATH": str(work / "compile.duckdb")}, capture=True
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    parts = result.stdout.split(SPLIT)
    assert len(parts) == len(STEPS), result.stdout[:2000]
    return {table: sql for (table, _), sql in zip(STEPS, parts, strict=True)}


@dataclass(frozen=True)
class Journey:
    """One journey: its channels in touch order, whether it converted, and its value."""

    channels: Sequence[str]
    converting: bool
    value: float = 0.0
    conversion_type: str = "closed_won"


def run(
    sql: dict[str, str],
    journeys: Sequence[Journey],
    untouched_conversions: Sequence[tuple[str, str, float]] = (),
) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB holding `journeys` (as int_attribution__journeys rows), the
    conversions (the converting journeys plus `untouched_conversions`: (type, id, value) without
    any touch) and every step's table built from them."""
    con = duckdb.connect()
    con.execute(f"create table journeys ({JOURNEY_COLUMNS})")
    con.execute(f"create table conversions ({CONVERSION_COLUMNS})")
    journey_rows: list[tuple[Any, ...]] = []
    conversion_rows: list[tuple[Any, ...]] = []
    for number, journey in enumerate(journeys, start=1):
        journey_id = f"j{number}"
        conversion_id = journey_id if journey.converting else None
        converted_at = CONVERTED_AT if journey.converting else None
        value = journey.value if journey.converting else 0.0
        if journey.converting:
            conversion_rows.append(
                (journey.conversion_type, journey_id, converted_at, value, journey_id, None)
            )
        count = len(journey.channels)
        for touch, channel in enumerate(journey.channels, start=1):
            journey_rows.append(
                (
                    journey.conversion_type,
                    journey_id,
                    journey.converting,
                    conversion_id,
                    converted_at,
                    value,
                    touch,
                    count,
                    f"{journey_id}-t{touch}",
                    "web",
                    channel,
                    f"campaign of {channel}",
                    CONVERTED_AT - dt.timedelta(days=count - touch + 1),
                    touch == 1,
                    touch == count,
                    False,
                    False,
                )
            )
    for conversion_type, conversion_id, value in untouched_conversions:
        conversion_rows.append(
            (conversion_type, conversion_id, CONVERTED_AT, value, conversion_id, None)
        )
    if journey_rows:
        con.executemany(f"insert into journeys values ({', '.join('?' * 17)})", journey_rows)
    if conversion_rows:
        con.executemany(f"insert into conversions values ({', '.join('?' * 6)})", conversion_rows)
    for table, _ in STEPS:
        con.execute(f"create table {table} as {sql[table]}")
    return con


def rows(con: duckdb.DuckDBPyConnection, query: str) -> list[tuple[Any, ...]]:
    return con.execute(query).fetchall()
