"""Issue 18, from the offline BigQuery compile (sam bq-check's): every incremental model rewrites
whole day partitions and its incremental SQL reads only a bounded window of them - a constant
lower bound on the partitions it reads, which BigQuery prunes on; and every table below the GA4
export is partitioned by day and clustered, or named here with the reason it is not."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from sam import bq_check

# The session models' window, offline: the newest loaded session date is fixed at 2024-12-31 and
# sam_ga4_late_days is 3, so shards from 2024-12-28 are re-read, sessions from 2024-12-27 are
# rewritten and events from 2024-12-26 are read (macros/ga4/ga4_session_window.sql).
REWRITE_FROM = "2024-12-27"
READ_FROM = "2024-12-26"
# The event dates each incremental model's SQL reads from (`event_date_dt >= ...`): the session
# models and the ad clicks read one day before the sessions they rewrite (a session that started
# then keeps its row); the models over sessions read no event; the coverage report recounts the
# days it rewrites.
EVENT_READS = {
    "int_ga4__sessions_sourced": [READ_FROM],
    "int_ga4__sessions": [READ_FROM],
    "int_ga4__ad_clicks": [READ_FROM],
    "int_ga4__session_channels": [],
    "fct_sessions": [],
    "rpt_ga4__event_coverage": [REWRITE_FROM],
}

# Tables below the export that are not partitioned, and why (views cannot be).
UNPARTITIONED = {
    "int_identity__person_visitors": "an identity edge has no date; clustered on person_id",
    "int_ga4__visitor_ads_consent": "one row per visitor, latest consent: no date",
    "int_exports__person_ads_consent": "one row per person: no date",
    "dim_channels": "a dimension of a few rows",
    "dim_ad_campaigns": "a dimension, one row per campaign",
    "int_attribution__markov_transitions": "aggregate over all journeys, no date",
    "int_attribution__markov_state_probabilities": "aggregate over all journeys, no date",
    "int_attribution__markov_removal_effects": "aggregate over all journeys, no date",
    "rpt_markov_removal_effects": "aggregate report, no date",
    "rpt_attribution__paths": "aggregate report, no date",
    "rpt_attribution__path_distributions": "aggregate report, no date",
    "rpt_attribution__touch_coverage": "aggregate report, no date",
    "rpt_identity__match_rates": "aggregate report, no date",
    "rpt_channel_scorecard": "aggregate over the reporting window, no date",
    "rpt_campaign_scorecard": "aggregate over the reporting window, no date",
    "rpt_spend__channels_without_conversions": "aggregate report, no date",
    "rpt_spend__unmatched_campaigns": "aggregate report, no date",
    "exp_ga4_measurement_protocol": "a small send queue read whole by sam export",
    "exp_google_ads_click_conversions": "a small send queue read whole by sam export",
    "exp_meta_conversions_api": "a small send queue read whole by sam export",
}


@pytest.fixture(scope="module")
def compiled() -> dict[str, Any]:
    """{'manifest', 'incremental': {path: sql}, 'full': {path: sql}}: the incremental models
    compiled for BigQuery offline with both is_incremental() answers; the manifest holds every
    node's BigQuery config (partition_by is resolved when the project is parsed)."""
    out: dict[str, Any] = {}
    for incremental in (True, False):
        label = "incremental" if incremental else "full"
        folder = bq_check.compile_for_bigquery(
            incremental, "config.materialized:incremental", name=f"layers_{label}"
        )
        out[label] = {
            str(path.relative_to(folder / "sam")): path.read_text(encoding="utf-8")
            for path in folder.rglob("*.sql")
        }
        if incremental:
            manifest_path = folder.parent / "manifest.json"
            out["manifest"] = json.loads(manifest_path.read_text(encoding="utf-8"))
    return out


def _models(compiled: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The models below the export (base_ga4__events and everything downstream), by name."""
    manifest = compiled["manifest"]
    nodes, children = manifest["nodes"], manifest["child_map"]
    found: dict[str, dict[str, Any]] = {}
    todo = ["model.sam.base_ga4__events"]
    while todo:
        unique_id = todo.pop()
        node = nodes.get(unique_id)
        if not node or node["resource_type"] != "model" or node["name"] in found:
            continue
        found[node["name"]] = node
        todo += children.get(unique_id, [])
    return found


def test_the_session_chain_is_incremental(compiled: dict[str, Any]) -> None:
    incremental = sorted(
        name
        for name, node in _models(compiled).items()
        if node["config"]["materialized"] == "incremental"
    )
    assert incremental == [
        "base_ga4__events",
        "fct_sessions",
        "int_ga4__ad_clicks",
        "int_ga4__session_channels",
        "int_ga4__sessions",
        "int_ga4__sessions_sourced",
        "rpt_ga4__event_coverage",
    ]


def test_incremental_models_overwrite_whole_days_and_filter_what_they_read(
    compiled: dict[str, Any],
) -> None:
    checked = []
    for name, node in _models(compiled).items():
        config = node["config"]
        if config["materialized"] != "incremental":
            continue
        path = node["original_file_path"]
        inc_sql, full_sql = compiled["incremental"][path], compiled["full"][path]
        field = config["partition_by"]["field"]
        assert config["partition_by"]["granularity"] == "day", name
        assert config["incremental_strategy"] == "insert_overwrite", name
        assert config["cluster_by"], name
        if name == "base_ga4__events":
            # The export's shards: constant _table_suffix bounds (tests/test_ga4_bigquery_sql.py
            # checks the window itself).
            assert "_table_suffix between '0241228'" in inc_sql
            assert "_table_suffix between '0000000'" in full_sql
        else:
            # The events read from read_from on, the rows written from rewrite_from on (both
            # constants), and the partition column is what the rewrite filter is on.
            reads = re.findall(r"event_date_dt >= cast\('(\d{4}-\d{2}-\d{2})' as date\)", inc_sql)
            writes = re.findall(
                rf"\b{field} >= cast\('(\d{{4}}-\d{{2}}-\d{{2}})' as date\)", inc_sql
            )
            assert writes and set(writes) == {REWRITE_FROM}, (name, writes)
            assert reads == EVENT_READS[name], (name, reads)
            # A full refresh reads and writes every day.
            assert not re.search(r">= cast\('\d{4}-\d{2}-\d{2}' as date\)", full_sql), name
        checked.append(name)
    assert sorted(checked) == sorted(["base_ga4__events", *EVENT_READS])


def test_every_table_below_the_export_is_partitioned_by_day_and_clustered(
    compiled: dict[str, Any],
) -> None:
    missing = []
    for name, node in sorted(_models(compiled).items()):
        config = node["config"]
        if config["materialized"] == "view" or name in UNPARTITIONED:
            continue
        partition = config.get("partition_by") or {}
        if partition.get("granularity") != "day" or not config.get("cluster_by"):
            missing.append(name)
    assert missing == []
    # The allowlist names only real models (no stale entries).
    assert set(UNPARTITIONED) <= set(_models(compiled))
