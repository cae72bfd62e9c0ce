"""SAM's scheduled GitHub Actions workflow (.github/workflows/sam-nightly.yml) is valid and does
build -> freshness -> gate -> export, with secrets only in step environments (no GitHub run:
this validates the file against GitHub's workflow schema, vendored in check-jsonschema, and its
structure)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

WORKFLOW = Path(__file__).resolve().parents[2] / ".github" / "workflows" / "sam-nightly.yml"


def _load() -> dict[Any, Any]:
    loaded: dict[Any, Any] = yaml.safe_load(WORKFLOW.read_text())
    return loaded


def test_workflow_matches_githubs_schema() -> None:
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "check-jsonschema"),
            "--builtin-schema",
            "vendor.github-workflows",
            str(WORKFLOW),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_scheduled_daily_and_never_two_at_once() -> None:
    workflow = _load()
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    (schedule,) = triggers["schedule"]
    minute, hour, day, month, weekday = schedule["cron"].split()
    assert (minute, day, month, weekday) == ("0", "*", "*", "*") and 0 <= int(hour) <= 23
    assert "workflow_dispatch" in triggers
    assert workflow["concurrency"]["cancel-in-progress"] is False


def test_build_then_freshness_then_gate_then_export() -> None:
    steps = _load()["jobs"]["nightly"]["steps"]
    runs = [step.get("run", "") for step in steps]
    order = [
        next(i for i, run in enumerate(runs) if pattern in run)
        for pattern in (
            "make install",
            "dbt build --selector nightly --target bigquery",
            "dbt source freshness",
            "dbt run-operation ga4_properties_freshness",
            "sam check",
            "sam export",
        )
    ]
    assert order == sorted(order), order
    export = runs[order[-1]]
    assert "--send" in export and all(d in export for d in ("ga4", "google-ads", "meta"))
    # a failed stage stops the run: no stage before the export may continue on error
    assert not any(step.get("continue-on-error") for step in steps)


def test_secrets_only_reach_step_environments() -> None:
    text = WORKFLOW.read_text()
    for step in _load()["jobs"]["nightly"]["steps"]:
        assert "secrets." not in step.get("run", ""), step["name"]
        assert "set -x" not in step.get("run", "")
    assert len(re.findall(r"\$\{\{ secrets\.", text)) >= 10
    assert _load()["permissions"] == {"contents": "read"}
