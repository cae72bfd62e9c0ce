"""SAM every morning on Dagster, with dagster-dbt: every SAM model and seed is a Dagster asset
(data tests as asset checks), one daily job builds them, then the gate (`sam check`) and the
exports (`sam export ... --send`) run as ops. docs/scheduling.md.

Dagster and SAM live in separate environments: dbt runs from SAM's own venv
(SAM_DBT_EXECUTABLE); the assets come from a dbt manifest built with `dbt parse` in SAM's
checkout (no dbt call when the code location loads).

Environment: SAM_ROOT (SAM's checkout), SAM_DBT_MANIFEST (default
$SAM_ROOT/target/manifest.json), SAM_DBT_EXECUTABLE (default $SAM_ROOT/.venv/bin/dbt),
SAM_TARGET (default bigquery), SAM_DBT_VARS (JSON of extra vars), SAM_SCHEDULE (default 06:00 UTC).
"""

# No `from __future__ import annotations`: Dagster reads the context annotations at run time.

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from dagster import (
    AssetExecutionContext,
    Definitions,
    OpExecutionContext,
    ScheduleDefinition,
    define_asset_job,
    job,
    op,
)
from dagster_dbt import DbtCliResource, dbt_assets

SAM_ROOT = Path(os.environ.get("SAM_ROOT", "/opt/sam"))
MANIFEST = Path(os.environ.get("SAM_DBT_MANIFEST", SAM_ROOT / "target" / "manifest.json"))
DBT = Path(os.environ.get("SAM_DBT_EXECUTABLE", SAM_ROOT / ".venv" / "bin" / "dbt"))
SAM = DBT.parent / "sam"
TARGET = os.environ.get("SAM_TARGET", "bigquery")
DBT_VARS = json.loads(os.environ.get("SAM_DBT_VARS") or "{}")
SCHEDULE = os.environ.get("SAM_SCHEDULE", "0 6 * * *")


@dbt_assets(manifest=MANIFEST)
def sam_dbt_assets(context: AssetExecutionContext, dbt: DbtCliResource) -> Iterator[Any]:
    """dbt build of the selected SAM nodes (models, seeds and their data tests)."""
    args = ["build", "--target", TARGET]
    if DBT_VARS:
        args += ["--vars", json.dumps(DBT_VARS)]
    yield from dbt.cli(args, context=context).stream()


def _sam(context: OpExecutionContext, *args: str) -> None:
    context.log.info(f"sam {' '.join(args)}")
    subprocess.run([str(SAM), *args], cwd=SAM_ROOT, check=True)


@op
def sam_check(context: OpExecutionContext) -> bool:
    """The data-quality gate on the marts: fails the run (and so the exports) on a failure."""
    _sam(context, "check")
    return True


@op
def sam_export(context: OpExecutionContext, gate_passed: bool) -> None:
    """Send the CRM outcomes back to GA4, Google Ads and Meta (once each, with a ledger)."""
    for destination in ("ga4", "google-ads", "meta"):
        _sam(context, "export", destination, "--send")


@job
def sam_gate_and_export() -> None:
    sam_export(sam_check())


sam_build_job = define_asset_job("sam_build", selection=[sam_dbt_assets])

defs = Definitions(
    assets=[sam_dbt_assets],
    jobs=[sam_build_job, sam_gate_and_export],
    schedules=[
        ScheduleDefinition(job=sam_build_job, cron_schedule=SCHEDULE, execution_timezone="UTC"),
        # an hour later: the gate and exports read what the build wrote
        ScheduleDefinition(
            job=sam_gate_and_export,
            cron_schedule=os.environ.get("SAM_GATE_SCHEDULE", "0 7 * * *"),
            execution_timezone="UTC",
        ),
    ],
    resources={
        "dbt": DbtCliResource(
            project_dir=str(SAM_ROOT),
            profiles_dir=str(SAM_ROOT / "profiles"),
            dbt_executable=str(DBT),
            target=TARGET,
        )
    },
)
