"""SAM every morning on Airflow, with astronomer-cosmos: one Airflow task per dbt model / seed
(each model's data tests right after it), then the gate (`sam check`) and the exports
(`sam export ... --send`). docs/scheduling.md.

Airflow and SAM live in separate environments: this file needs only Airflow + cosmos; dbt runs
from SAM's own venv (SAM_DBT_EXECUTABLE). The DAG's shape comes from a dbt manifest (cosmos
LoadMode.DBT_MANIFEST: no dbt call while the scheduler parses the DAG); build it in CI or a deploy
step with `dbt parse` in SAM's checkout.

Environment (all optional but SAM_ROOT):
  SAM_ROOT            SAM's checkout (dbt project, profiles/, .venv)
  SAM_DBT_MANIFEST    manifest.json (default $SAM_ROOT/target/manifest.json)
  SAM_DBT_EXECUTABLE  dbt of SAM's venv (default $SAM_ROOT/.venv/bin/dbt)
  SAM_TARGET          profile target: bigquery in production (default), duckdb locally
  SAM_DBT_VARS        JSON of extra dbt vars (e.g. {"sam_crm": "salesforce"})
  SAM_SCHEDULE        cron (default 06:00 UTC: GA4's daily shard of yesterday has landed)
"""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path

from airflow import DAG
from airflow.providers.standard.operators.bash import BashOperator
from cosmos import DbtTaskGroup, ExecutionConfig, ProfileConfig, ProjectConfig, RenderConfig
from cosmos.constants import LoadMode, TestBehavior

SAM_ROOT = Path(os.environ.get("SAM_ROOT", "/opt/sam"))
MANIFEST = Path(os.environ.get("SAM_DBT_MANIFEST", SAM_ROOT / "target" / "manifest.json"))
DBT = Path(os.environ.get("SAM_DBT_EXECUTABLE", SAM_ROOT / ".venv" / "bin" / "dbt"))
SAM = DBT.parent / "sam"
TARGET = os.environ.get("SAM_TARGET", "bigquery")
DBT_VARS = json.loads(os.environ.get("SAM_DBT_VARS") or "{}")

with DAG(
    dag_id="sam_daily",
    schedule=os.environ.get("SAM_SCHEDULE", "0 6 * * *"),
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,  # incremental GA4 models: never two runs at once
    tags=["sam", "dbt"],
) as dag:
    dbt_models = DbtTaskGroup(
        group_id="sam_dbt",
        project_config=ProjectConfig(
            dbt_project_path=SAM_ROOT,
            manifest_path=MANIFEST,
            dbt_vars=DBT_VARS,
            install_dbt_deps=False,  # SAM uses no dbt packages
        ),
        profile_config=ProfileConfig(
            profile_name="sam",
            target_name=TARGET,
            profiles_yml_filepath=SAM_ROOT / "profiles" / "profiles.yml",
        ),
        execution_config=ExecutionConfig(dbt_executable_path=DBT),
        render_config=RenderConfig(
            load_method=LoadMode.DBT_MANIFEST,
            test_behavior=TestBehavior.AFTER_EACH,
            # unit tests need no warehouse data: CI runs them on every pull request
            exclude=["resource_type:unit_test"],
        ),
    )
    gate = BashOperator(
        task_id="sam_check",
        bash_command=f"cd {SAM_ROOT} && {SAM} check",
    )
    exports = [
        BashOperator(
            task_id=f"sam_export_{destination.replace('-', '_')}",
            bash_command=f"cd {SAM_ROOT} && {SAM} export {destination} --send",
        )
        for destination in ("ga4", "google-ads", "meta")
    ]
    dbt_models >> gate >> exports
