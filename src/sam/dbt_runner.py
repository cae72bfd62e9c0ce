"""`sam build`: dbt build on SAM's project with the data directory and database resolved."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from sam.project import data_dir, run_dbt

# Source folders that may be absent from a data directory; an absent one turns the source off.
OPTIONAL_SOURCES = ("google_ads", "facebook_ads", "linkedin_ads", "microsoft_ads")
CRMS = ("hubspot", "salesforce")


class DataDirError(ValueError):
    """The data directory does not hold what the DuckDB target needs."""


def vars_for_data_dir(directory: Path, crm: str | None = None) -> dict[str, object]:
    """dbt vars that match a data directory: its path, the CRM present, the ad platforms present.

    Raises DataDirError with a one-line reason when the directory cannot be used, instead of
    letting DuckDB fail deep inside a query with "No files found".
    """
    if not directory.is_dir():
        raise DataDirError(f"data directory {directory} does not exist (run `sam demo-data`)")
    ga4 = directory / "ga4"
    if not any(ga4.glob("events_*.parquet")):
        raise DataDirError(f"no GA4 shards in {ga4} (expected events_YYYYMMDD.parquet)")
    present = [c for c in CRMS if (directory / c).is_dir()]
    if crm is None:
        if not present:
            raise DataDirError(f"no CRM folder (hubspot/ or salesforce/) in {directory}")
        crm = present[0]
    elif crm not in present:
        raise DataDirError(f"--crm {crm}: there is no {crm}/ folder in {directory}")
    found: dict[str, object] = {"sam_data_dir": str(directory), "sam_crm": crm}
    for source in OPTIONAL_SOURCES:
        found[f"sam_{source}_enabled"] = (directory / source).is_dir()
    user_id_holds = declared_user_id(directory)
    if user_id_holds is not None:
        found["sam_ga4_user_id_holds"] = user_id_holds
    as_of = declared_as_of(directory)
    if as_of is not None:
        found["sam_export_as_of"] = as_of
    return found


def declared_as_of(directory: Path) -> str | None:
    """The 'today' a frozen data directory declares (the demo's manifest.json "as_of"): the exp_
    models judge their send windows as of that day instead of the build's clock."""
    manifest = directory / "manifest.json"
    if not manifest.is_file():
        return None
    try:
        declared = json.loads(manifest.read_text()).get("as_of")
    except (ValueError, AttributeError):
        return None
    return declared if isinstance(declared, str) and len(declared) == 10 else None


def declared_user_id(directory: Path) -> str | None:
    """What the GA4 user_id holds, when the data directory's manifest.json declares it (the demo
    writes "user_id": "sha256 of the normalised ... e-mail"): email_sha256, else None (the
    project's default stands)."""
    manifest = directory / "manifest.json"
    if not manifest.is_file():
        return None
    try:
        declared = json.loads(manifest.read_text()).get("user_id")
    except (ValueError, AttributeError):
        return None
    if isinstance(declared, str) and declared.lower().startswith("sha256"):
        return "email_sha256"
    return None


def build(crm: str | None = None, extra_args: Sequence[str] = ()) -> int:
    """Run `dbt build` on the data directory; returns dbt's exit code."""
    dbt_vars = vars_for_data_dir(data_dir(), crm)
    return run_dbt(["build", "--vars", json.dumps(dbt_vars), *extra_args]).returncode
