"""`sam build` tells dbt what GA4's user_id holds when the data directory's manifest says so."""

from __future__ import annotations

import json
from pathlib import Path

from sam.dbt_runner import declared_user_id, vars_for_data_dir


def data_dir(tmp_path: Path, manifest: object | None) -> Path:
    (tmp_path / "ga4").mkdir()
    (tmp_path / "ga4" / "events_20240601.parquet").write_bytes(b"")
    (tmp_path / "hubspot").mkdir()
    if manifest is not None:
        (tmp_path / "manifest.json").write_text(json.dumps(manifest))
    return tmp_path


def test_demo_manifest_declares_the_email_hash(tmp_path: Path) -> None:
    directory = data_dir(
        tmp_path, {"user_id": "sha256 of the normalised (trimmed, lower-cased) e-mail"}
    )
    assert vars_for_data_dir(directory)["sam_ga4_user_id_holds"] == "email_sha256"


def test_without_a_declaration_the_project_default_stands(tmp_path: Path) -> None:
    directory = data_dir(tmp_path, {"generator": "elsewhere"})
    assert "sam_ga4_user_id_holds" not in vars_for_data_dir(directory)
    assert declared_user_id(tmp_path / "missing") is None


def test_an_unreadable_manifest_is_no_declaration(tmp_path: Path) -> None:
    directory = data_dir(tmp_path, None)
    (directory / "manifest.json").write_text("not json")
    assert declared_user_id(directory) is None
    (directory / "manifest.json").write_text("[1, 2]")
    assert declared_user_id(directory) is None
