"""Helper for the pytest files that read the built full demo (not a test module itself).

`make test` builds the shipped demo once (`make dbt-build`) and names that database in
SAM_TEST_BUILT_DUCKDB; a test file run alone builds the models it needs into its own database.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from ga4_dbt import DbtWorkspace

from sam.dbt_runner import vars_for_data_dir

ROOT = Path(__file__).parent.parent
DEMO = ROOT / "data" / "demo"


def demo_manifest() -> dict[str, Any] | None:
    """The shipped demo's manifest.json, or None when data/demo has none."""
    path = DEMO / "manifest.json"
    if not path.exists():
        return None
    manifest: dict[str, Any] = json.loads(path.read_text())
    return manifest


def built_demo(work: Path, models: tuple[str, ...]) -> DbtWorkspace:
    """The full demo's database: make's build when there is one, else `models` and their parents
    built with the vars `sam build` passes. Skips when data/demo is not the shipped demo."""
    manifest = demo_manifest()
    if manifest is None or manifest.get("seed") != 42 or manifest.get("scale") != 1.0:
        pytest.skip("data/demo is not the shipped demo (make demo-data writes it)")
    built_by_make = os.environ.get("SAM_TEST_BUILT_DUCKDB")
    if built_by_make and Path(built_by_make).is_file():
        return DbtWorkspace(data_dir=DEMO.resolve(), database=Path(built_by_make), work=work)
    space = DbtWorkspace(data_dir=DEMO.resolve(), database=work / "sam.duckdb", work=work)
    space.dbt(
        "build",
        "--select",
        *(f"+{model}" for model in models),
        "--resource-type",
        "model",
        "--resource-type",
        "seed",
        dbt_vars=vars_for_data_dir(DEMO.resolve()),
    )
    return space
