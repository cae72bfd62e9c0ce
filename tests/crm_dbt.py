"""Helper for the pytest files that run dbt on the CRM models (not a test module itself).

Reuses the GA4 helper's private workspace (own data dir, DuckDB file, target and log folders) and
selects only the CRM nodes: the staging of the CRM in use, the FX rates, int_crm__*,
rpt_crm__exclusions and int_attribution__crm_recorded_touches with their data tests (the
reconciliation test included). Unit tests do not
read the data and are left to the main build.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from ga4_dbt import DbtWorkspace

CRM_SELECTION = (
    "--select",
    "+path:models/intermediate/crm",
    "+path:models/marts/crm",
    # the CRM-recorded source as a channel: reads only the CRM contract and seeds
    "+int_attribution__crm_recorded_touches",
    "path:tests/crm",
)


def crm_workspace(data_dir: Path, work: Path) -> DbtWorkspace:
    """A private workspace on `data_dir`; the DuckDB file and dbt folders live under `work`."""
    return DbtWorkspace(data_dir=data_dir, database=work / "sam.duckdb", work=work)


def build_crm(
    ws: DbtWorkspace, crm: str, *, check: bool = True, extra_vars: dict[str, object] | None = None
) -> subprocess.CompletedProcess[str]:
    """`dbt build` of the CRM nodes with sam_crm = `crm` (the other CRM's models are disabled)
    and `extra_vars`."""
    return ws.dbt(
        "build",
        *CRM_SELECTION,
        # Only tests whose every parent is selected: a test of another layer that also reads the
        # FX rates (spend's conservation test) must not run without its models.
        "--indirect-selection",
        "cautious",
        "--exclude-resource-type",
        "unit_test",
        check=check,
        dbt_vars={"sam_crm": crm, **(extra_vars or {})},
    )
