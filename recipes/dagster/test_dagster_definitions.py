"""The Dagster recipe's definitions load and hold every SAM model and seed as an asset (no
Dagster daemon, no warehouse). Run by `make recipes-test` in the recipe's own venv with SAM_ROOT
and SAM_DBT_MANIFEST set."""

from __future__ import annotations

import json
import os
from pathlib import Path

from dagster import Definitions
from sam_dagster.definitions import defs


def test_definitions_load_with_every_sam_model_and_seed() -> None:
    Definitions.validate_loadable(defs)
    manifest = json.loads(Path(os.environ["SAM_DBT_MANIFEST"]).read_text())
    expected = {
        node["name"]
        for node in manifest["nodes"].values()
        if node["resource_type"] in ("model", "seed") and node["package_name"] == "sam"
    }
    graph = defs.resolve_asset_graph()
    keys = {key.path[-1] for key in graph.get_all_asset_keys()}
    assert len(expected) > 90
    assert expected <= keys, sorted(expected - keys)[:10]
    # fct_channel_daily is upstream of rpt_channel_scorecard, as the refs say
    scorecard = next(k for k in graph.get_all_asset_keys() if k.path[-1] == "rpt_channel_scorecard")
    parents = {k.path[-1] for k in graph.get(scorecard).parent_keys}
    assert "fct_channel_daily" in parents
    # the daily build and the gate + export jobs are scheduled
    assert {s.job_name for s in defs.schedules or []} == {"sam_build", "sam_gate_and_export"}
    gate_job = defs.resolve_job_def("sam_gate_and_export")
    assert [n.name for n in gate_job.nodes_in_topological_order] == ["sam_check", "sam_export"]
