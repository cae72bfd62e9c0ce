"""The layers of the DAG are the layers of the folder tree (issue 18): read from dbt's manifest,
staging models read only sources, seeds and staging; intermediate models read only those and
intermediate models, never a mart. One `dbt parse` into a private target folder (~15 s)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sam.project import run_dbt

LAYERS = ("staging", "intermediate", "marts")
# What each layer may read (a node's layer is the folder under models/; seeds and sources are
# allowed everywhere).
ALLOWED = {
    "staging": {"staging"},
    "intermediate": {"staging", "intermediate"},
    "marts": {"staging", "intermediate", "marts"},
}


@pytest.fixture(scope="module")
def manifest(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    target = tmp_path_factory.mktemp("layers")
    result = run_dbt(
        ["parse", "--target-path", str(target), "--log-path", str(target), "--quiet"],
        capture=True,
    )
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    loaded: dict[str, Any] = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    return loaded


def layer_of(node: dict[str, Any]) -> str | None:
    """staging / intermediate / marts for a model of this project, None for anything else."""
    if node.get("resource_type") != "model" or node.get("package_name") != "sam":
        return None
    top = Path(node["original_file_path"]).parts
    assert top[0] == "models" and top[1] in LAYERS, node["original_file_path"]
    return str(top[1])


def layer_violations(manifest: dict[str, Any]) -> list[str]:
    nodes: dict[str, dict[str, Any]] = manifest["nodes"]
    found = []
    for node in nodes.values():
        layer = layer_of(node)
        if layer is None:
            continue
        for parent_id in node["depends_on"]["nodes"]:
            parent = nodes.get(parent_id)
            parent_layer = layer_of(parent) if parent else None
            if parent_layer is not None and parent_layer not in ALLOWED[layer]:
                found.append(f"{layer} model {node['name']} reads {parent_layer} {parent_id}")
    return sorted(found)


def test_no_model_reads_a_later_layer(manifest: dict[str, Any]) -> None:
    assert layer_violations(manifest) == []


def test_the_check_catches_an_intermediate_model_reading_a_mart(manifest: dict[str, Any]) -> None:
    # The same check on a copy of the manifest where the journeys read the mart fct_sessions,
    # as they did before issue 18: the rule must see it.
    nodes = json.loads(json.dumps(manifest["nodes"]))
    journeys = nodes["model.sam.int_attribution__journeys"]
    journeys["depends_on"]["nodes"].append("model.sam.fct_sessions")
    staging = nodes["model.sam.stg_ga4__events"]
    staging["depends_on"]["nodes"].append("model.sam.int_ga4__sessions")
    assert layer_violations({"nodes": nodes}) == [
        "intermediate model int_attribution__journeys reads marts model.sam.fct_sessions",
        "staging model stg_ga4__events reads intermediate model.sam.int_ga4__sessions",
    ]


def test_intermediate_models_read_the_intermediate_session_model(
    manifest: dict[str, Any],
) -> None:
    nodes = manifest["nodes"]
    for name in (
        "int_attribution__journeys",
        "int_attribution__touchpoints",
        "int_identity__person_visitors",
        "int_leads__form_submits",
    ):
        parents = nodes[f"model.sam.{name}"]["depends_on"]["nodes"]
        assert "model.sam.int_ga4__sessions" in parents, name
    # fct_sessions is an end model: it reads the intermediate session model, and dim_channels
    # reads no fact.
    assert nodes["model.sam.fct_sessions"]["depends_on"]["nodes"] == ["model.sam.int_ga4__sessions"]
    dim_parents = nodes["model.sam.dim_channels"]["depends_on"]["nodes"]
    assert [p for p in dim_parents if p.split(".")[-1].startswith("fct_")] == []
