"""Compiled SQL a reviewer can read (issue 20): no line of a compiled model is longer than 160
characters, except lines the allow-list names - generated value lists (the channel rules written
from Google's rule table, a column list a macro expands) that are long by nature.

One `dbt compile` of the models (DuckDB target, the demo's data folder) into a private target
folder; ~30 s on 2 cores.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sam.project import REPO_ROOT, run_dbt

MAX_LINE = 160

# model -> why its long lines are a generated value list. A model listed here may have long lines
# only where the reason says; every entry must still have one (a stale entry fails).
ALLOWED: dict[str, str] = {
    "int_ga4__session_channels": "one CASE branch per channel rule, written from the rule table",
    "int_ad_platforms__campaigns": "the channel rules again (spend classified like sessions)",
    "int_attribution__crm_recorded_touches": "the channel rules on the CRM's recorded sources",
    "int_hubspot__recorded_sources": "a coalesce over the configured source columns",
    "base_ga4__events": "event-param extraction and the row fingerprint over a column list",
}


@pytest.fixture(scope="module")
def compiled_models(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """model name -> its compiled SQL file."""
    work = tmp_path_factory.mktemp("compiled-sql")
    data_dir = Path(DATA_DIR)
    if not (data_dir / "manifest.json").exists():
        pytest.skip("no demo data (make demo-data)")
    result = run_dbt(
        [
            "compile",
            "--quiet",
            "--select",
            "resource_type:model",
            "--target-path",
            str(work / "target"),
            "--log-path",
            str(work),
        ],
        env={"SAM_DATA_DIR": str(data_dir), "SAM_DUCKDB_PATH": str(work / "compile.duckdb")},
        capture=True,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    root = work / "target" / "compiled" / "sam" / "models"
    # unit and data tests compile into folders named after their yml file: not models
    files = [p for p in root.rglob("*.sql") if not any(part.endswith(".yml") for part in p.parts)]
    assert len(files) > 50, f"only {len(files)} compiled models under {root}"
    return {p.stem: p for p in files}


# The data folder's absolute path is the user's, not SAM's: it counts as the 6 characters of
# '<data>' wherever the Parquet sources name it, so a clone's location cannot fail the check.
DATA_DIR = str(REPO_ROOT / "data" / "demo")


def long_lines(path: Path) -> list[tuple[int, int]]:
    """(line number, length) of every line over MAX_LINE characters."""
    lines = path.read_text().replace(DATA_DIR, "<data>").splitlines()
    return [(n, len(line)) for n, line in enumerate(lines, start=1) if len(line) > MAX_LINE]


def test_no_compiled_model_line_over_160_characters(compiled_models: dict[str, Path]) -> None:
    offenders = {
        name: found
        for name, path in sorted(compiled_models.items())
        if name not in ALLOWED and (found := long_lines(path))
    }
    assert not offenders, f"compiled lines over {MAX_LINE} characters: {offenders}"


def test_allow_list_is_not_stale(compiled_models: dict[str, Path]) -> None:
    stale = [name for name in ALLOWED if not long_lines(compiled_models[name])]
    assert not stale, f"no long line any more, drop from ALLOWED: {stale}"


def test_the_check_catches_a_long_line(tmp_path: Path) -> None:
    """The check itself: a 161-character line is found, a 160-character one is not."""
    sql = tmp_path / "probe.sql"
    sql.write_text("select 1\n" + "x" * 160 + "\n" + "y" * 161 + "\n")
    assert long_lines(sql) == [(3, 161)]
