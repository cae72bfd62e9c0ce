"""Docs that stay true: the README's model table and layout against the dbt manifest, no
reference to a file outside the repository, every DECISIONLOG entry dated. One `dbt parse`
(about 25 s); the rest reads files."""

from __future__ import annotations

import fnmatch
import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sam.project import REPO_ROOT, run_dbt

README = REPO_ROOT / "README.md"


def section(markdown: str, heading: str) -> str:
    """The text under `## heading` up to the next `## ` heading."""
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", markdown, re.M | re.S)
    assert match, f"README.md has no '## {heading}' section"
    return match.group(1)


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """Every model of SAM's project, enabled or not (the other CRM's are disabled): name ->
    manifest node."""
    work = tmp_path_factory.mktemp("docs-parse")
    result = run_dbt(
        ["parse", "--quiet", "--target-path", str(work / "target"), "--log-path", str(work)],
        env={"SAM_DUCKDB_PATH": str(work / "parse.duckdb")},
        capture=True,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    manifest = json.loads((work / "target" / "manifest.json").read_text())
    nodes = [*manifest["nodes"].values(), *(n for v in manifest["disabled"].values() for n in v)]
    return {
        n["name"]: n for n in nodes if n["resource_type"] == "model" and n["package_name"] == "sam"
    }


def readme_model_entries() -> list[str]:
    """The model names of the README's 'Models so far' table, as glob patterns
    (`stg_<platform>__*` -> `stg_*__*`)."""
    entries = []
    for line in section(README.read_text(), "Models so far").splitlines():
        cells = line.split("|")
        if len(cells) < 3 or not cells[1].strip().startswith("`"):
            continue
        for name in re.findall(r"`([^`]+)`", cells[1]):
            entries.append(re.sub(r"<[^>]+>", "*", name))
    return entries


def test_readme_model_table_is_the_projects_models(models: dict[str, dict[str, Any]]) -> None:
    entries = readme_model_entries()
    assert len(entries) > 50
    unknown = [e for e in entries if not fnmatch.filter(models, e)]
    missing = sorted(m for m in models if not any(fnmatch.fnmatch(m, e) for e in entries))
    assert not unknown, (
        f"README.md 'Models so far' lists models the project does not have: {unknown} "
        "(renamed or removed? update the table)"
    )
    assert not missing, (
        f"models missing from README.md 'Models so far': {missing} "
        "(add a row: | `model_name` | one row per ... |)"
    )


def layout_rules() -> dict[str, tuple[set[str], set[str]]]:
    """README 'Layout': models/<folder>/ -> (the prefixes it names, the materializations its
    parenthesis allows: tables / views / incremental; 'none ephemeral' allows no ephemeral)."""
    rules = {}
    for line in section(README.read_text(), "Layout").splitlines():
        match = re.match(r"models/(\w+)/\S*\s+(.*)", line)
        if not match:
            continue
        folder, text = match.groups()
        prefixes = set(re.findall(r"\b([a-z]+_)(?=[\s/])", text))
        said = re.search(r"\(([^)]*)\)", text)
        words = said.group(1) if said else ""
        allowed = {
            kind
            for kind, word in (("table", "table"), ("view", "view"), ("incremental", "incremental"))
            if word in words
        }
        if "ephemeral" in words and "none ephemeral" not in words:
            allowed.add("ephemeral")
        rules[folder] = (prefixes, allowed)
    return rules


def test_readme_layout_matches_every_model(models: dict[str, dict[str, Any]]) -> None:
    rules = layout_rules()
    assert set(rules) == {"staging", "intermediate", "marts"}, rules
    wrong = []
    for name, node in sorted(models.items()):
        folder = Path(node["original_file_path"]).parts[1]
        materialized = node["config"]["materialized"]
        if folder not in rules:
            wrong.append(f"{name}: in models/{folder}/, which the layout does not list")
            continue
        prefixes, allowed = rules[folder]
        if not name.startswith(tuple(prefixes)):
            wrong.append(f"{name}: in models/{folder}/, whose prefixes are {sorted(prefixes)}")
        if materialized not in allowed:
            wrong.append(f"{name}: {materialized}, models/{folder}/ says {sorted(allowed)}")
    assert not wrong, "README.md 'Layout' disagrees with the project:\n" + "\n".join(wrong)


# --- no reference outside the repository ---------------------------------------------------------

# The one way out, by design: the emulator patch in the shared tools folder beside the clone
# (the Makefile's SHARED_DIR ?= ../shared; CI and the docs name it as ../shared/tools).
ALLOWED_OUTSIDE = ("../shared/tools",)
# (file, text): a `../` that is not a path of this repository.
NOT_REPO_PATHS = {
    ("Makefile", "../shared"),  # SHARED_DIR's default, the folder of ALLOWED_OUTSIDE
    ("README.md", "../sam"),  # a host project's packages.yml entry, in its own folder
}
TEXT_SUFFIXES = {".md", ".py", ".sql", ".yml", ".yaml", ".toml", ".txt", ".cfg", ".sh", ".csv"}
RELATIVE = re.compile(r"(?<![\w.])((?:\.\./)+[\w./<>-]*)")
MACHINE_ROOT = "/" + "work/"  # this machine's checkouts (spelled so this line does not match)
PARENTS = re.compile(r"\.parents\[(\d+)\]")


def committed_text_files() -> Iterator[Path]:
    listed = subprocess.run(
        ["git", "ls-files"], cwd=REPO_ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    for name in listed:
        path = REPO_ROOT / name
        text = path.suffix in TEXT_SUFFIXES or path.name in {"Makefile", "run"}
        if text and path.is_file() and not name.startswith("LICENSES/"):
            yield path


def outside_references(path: Path) -> Iterator[str]:
    relative = path.relative_to(REPO_ROOT)
    text = path.read_text(errors="replace")
    for number, line in enumerate(text.splitlines(), start=1):
        where = f"{relative}:{number}"
        if MACHINE_ROOT in line:
            yield f"{where}: absolute path of this machine: {line.strip()}"
        for target in RELATIVE.findall(line):
            if target.startswith(ALLOWED_OUTSIDE) or (str(relative), target) in NOT_REPO_PATHS:
                continue
            # relative to the file (a link, an import) and to the root (a command run there)
            inside = [
                base.joinpath(target).resolve().is_relative_to(REPO_ROOT)
                for base in (path.parent, REPO_ROOT)
            ]
            if not any(inside):
                yield f"{where}: {target} is outside the repository: {line.strip()}"
        if path.suffix == ".py":
            for up in PARENTS.findall(line):
                if int(up) >= len(relative.parts):  # parents[len - 1] is the root
                    yield f"{where}: parents[{up}] of {relative} leaves the repository"


def test_no_committed_file_points_outside_the_repository() -> None:
    found = [ref for path in committed_text_files() for ref in outside_references(path)]
    assert not found, "references outside the repository:\n" + "\n".join(found)


def test_every_decision_log_entry_is_dated() -> None:
    headings = re.findall(r"^## (.*)$", (REPO_ROOT / "docs" / "DECISIONLOG.md").read_text(), re.M)
    assert len(headings) > 10
    undated = [h for h in headings if not re.match(r"\d{4}-\d{2}-\d{2} — \S", h)]
    assert not undated, (
        f"docs/DECISIONLOG.md entries without a date ('## YYYY-MM-DD — '): {undated}"
    )
