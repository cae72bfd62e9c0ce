"""The Airflow recipe imports and lists SAM's nodes (no scheduler, no database, no warehouse).

Run by `make recipes-test` in the recipe's own venv, with SAM_ROOT and SAM_DBT_MANIFEST set (the
manifest of SAM's demo build, written by `dbt parse`).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from airflow.dag_processing.dagbag import DagBag

HERE = Path(__file__).parent


def _manifest_nodes() -> set[str]:
    manifest = json.loads(Path(os.environ["SAM_DBT_MANIFEST"]).read_text())
    return {
        node["name"]
        for node in manifest["nodes"].values()
        if node["resource_type"] in ("model", "seed") and node["package_name"] == "sam"
    }


def test_dag_imports_and_lists_every_sam_model_and_seed() -> None:
    bag = DagBag(dag_folder=str(HERE / "dags"))
    assert bag.import_errors == {}, bag.import_errors
    dag = bag.dags.get("sam_daily")  # no metadata database needed
    assert dag is not None
    task_ids = set(dag.task_ids)
    # cosmos: one group per model (<model>.run + <model>.test), one task per seed (<seed>_seed)
    listed = {task_id.split(".")[1] for task_id in task_ids if task_id.startswith("sam_dbt.")}
    listed = {name.removesuffix("_seed") for name in listed}
    expected = _manifest_nodes()
    assert len(expected) > 90
    assert expected <= listed, sorted(expected - listed)[:10]
    assert "sam_dbt.fct_leads.run" in task_ids and "sam_dbt.fct_leads.test" in task_ids
    # the gate after every model, the exports after the gate
    gate = dag.get_task("sam_check")
    assert any(t.startswith("sam_dbt.") for t in gate.upstream_task_ids)
    assert gate.downstream_task_ids == {
        "sam_export_ga4",
        "sam_export_google_ads",
        "sam_export_meta",
    }
    assert "export meta --send" in dag.get_task("sam_export_meta").bash_command


def test_model_order_follows_the_refs() -> None:
    bag = DagBag(dag_folder=str(HERE / "dags"))
    dag = bag.dags.get("sam_daily")  # no metadata database needed
    assert dag is not None
    run = dag.get_task("sam_dbt.rpt_channel_scorecard.run")
    upstream = {t.split(".")[1] for t in run.upstream_task_ids}
    assert "fct_channel_daily" in upstream  # rpt_channel_scorecard reads fct_channel_daily
