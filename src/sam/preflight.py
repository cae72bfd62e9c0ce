"""Checks `sam build` runs on a data directory before dbt starts: one line naming what is wrong.

The required columns of each connector table are declared once, in the sources yml beside the
staging models (`config.meta.sam_required_columns`, macros/required_columns.sql); dbt checks them
again in each staging model, so a plain `dbt build` (and BigQuery) fails the same way. Here they
are read from the Parquet footers only (no data scanned), with the GA4 shards' key columns and
their types, so a wrong input ends in one line before hundreds of nodes run.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import yaml

from sam.project import REPO_ROOT
from sam.var_checks import UNION_VARS

# GA4 export columns SAM cannot work without, with the Arrow type test and what BigQuery calls it.
GA4_REQUIRED: dict[str, tuple[str, str]] = {
    "event_date": ("string", "STRING (YYYYMMDD)"),
    "event_timestamp": ("integer", "INT64 (microseconds since the epoch)"),
    "event_name": ("string", "STRING"),
    "user_pseudo_id": ("string", "STRING"),
}


class PreflightError(ValueError):
    """The data directory's inputs cannot give correct numbers: one line says which and why."""


@dataclass(frozen=True)
class Requirement:
    """The required columns of one connector table (from its sources yml)."""

    source: str
    table: str
    columns: Mapping[str, str]  # column ('a|b' = either) -> what SAM uses it for
    unless_var: Mapping[str, str]  # column -> var that stands in for it when set


def requirements(models_dir: Path = REPO_ROOT / "models" / "staging") -> Iterator[Requirement]:
    """Every sources-yml table that declares sam_required_columns."""
    for path in sorted(models_dir.glob("*/_*__sources.yml")):
        document = yaml.safe_load(path.read_text()) or {}
        for source in document.get("sources", []):
            for table in source.get("tables", []):
                meta = (table.get("config") or {}).get("meta") or {}
                required = meta.get("sam_required_columns")
                unless = meta.get("sam_required_unless_var") or {}
                if required:
                    yield Requirement(
                        source["name"],
                        table["name"],
                        {str(k): str(v) for k, v in required.items()},
                        {str(k): str(v) for k, v in unless.items()},
                    )


def parquet_columns(path: Path) -> dict[str, pa.DataType]:
    """Top-level column names (lower case) and types of a Parquet file, from its footer."""
    try:
        schema = pq.read_schema(path)
    except (OSError, pa.ArrowException) as err:
        raise PreflightError(f"{path}: not a readable Parquet file ({err})") from None
    return {field.name.lower(): field.type for field in schema}


def check_required_columns(
    directory: Path, dbt_vars: Mapping[str, object], sources: set[str]
) -> None:
    """Raise PreflightError naming source.table.column for the first table lacking a required
    column (every missing column of that table in the one line)."""
    for req in requirements():
        if req.source not in sources:
            continue
        folders = union_folders(directory, dbt_vars, req.source)
        for folder in folders:
            if folder == directory / req.source:
                check_table_columns(folder, req, dbt_vars)
                continue
            try:
                check_table_columns(folder, req, dbt_vars)
            except PreflightError as err:
                # one of several connectors: name the var and the schema, as the macro does
                raise PreflightError(
                    f"({UNION_VARS[req.source]} schema {folder.name}) {err}"
                ) from None


def union_folders(directory: Path, dbt_vars: Mapping[str, object], source: str) -> list[Path]:
    """The folders holding a source's tables: <source>/, or <source>/<schema>/ for each schema of
    its union var."""
    schemas = dbt_vars.get(UNION_VARS.get(source, ""))
    if isinstance(schemas, list) and schemas:
        return [directory / source / str(schema) for schema in schemas]
    return [directory / source]


def check_table_columns(folder: Path, req: Requirement, dbt_vars: Mapping[str, object]) -> None:
    """Raise PreflightError naming the required columns one connector table lacks."""
    path = folder / f"{req.table}.parquet"
    if not path.is_file():
        raise PreflightError(
            f"{req.source}.{req.table}: required table missing ({path} not found) - "
            f"export it from your connector, or remove the {req.source}/ folder to switch "
            f"{req.source} off"
        )
    present = parquet_columns(path)
    missing = []
    for column, purpose in req.columns.items():
        options = column.split("|")
        if any(option.lower() in present for option in options):
            continue
        stand_in = req.unless_var.get(column)
        if stand_in and dbt_vars.get(stand_in):
            continue
        todo = "sync the column in your connector" + (
            f", or set var {stand_in}" if stand_in else ""
        )
        names = " or ".join(f"{req.source}.{req.table}.{option}" for option in options)
        missing.append(f"{names}: required column missing ({purpose}) - {todo}")
    if missing:
        raise PreflightError("; ".join(missing))


def _type_ok(kind: str, data_type: pa.DataType) -> bool:
    if kind == "integer":
        return bool(pa.types.is_integer(data_type))
    return bool(pa.types.is_string(data_type) or pa.types.is_large_string(data_type))


def check_ga4_shards(directory: Path) -> None:
    """Every GA4 shard has the key columns, with the export's types: a shard whose
    event_timestamp is a string is named, with the column, instead of a raw engine error."""
    for path in sorted((directory / "ga4").rglob("events_*.parquet")):
        present = parquet_columns(path)
        for column, (kind, expected) in GA4_REQUIRED.items():
            if column not in present:
                raise PreflightError(
                    f"ga4 shard {path.stem}: required column {column} missing - re-export the "
                    f"shard (BigQuery export schema: docs/ga4_export_schema.sql)"
                )
            if not _type_ok(kind, present[column]):
                raise PreflightError(
                    f"ga4 shard {path.stem}: column {column} is {present[column]}, expected "
                    f"{expected} - re-export the shard or cast the column"
                )


def is_on(dbt_vars: Mapping[str, object], name: str) -> bool:
    """A boolean var as dbt's macros read it (sam_var_is_true): absent = on."""
    return str(dbt_vars.get(name, True)).lower() in ("true", "1", "yes")


def check_data_dir(directory: Path, dbt_vars: Mapping[str, object]) -> None:
    """All preflight checks for the sources the vars switch on."""
    sources = {str(dbt_vars.get("sam_crm", "hubspot"))}
    for platform in ("google_ads", "facebook_ads", "linkedin_ads", "microsoft_ads"):
        if is_on(dbt_vars, f"sam_{platform}_enabled"):
            sources.add(platform)
    if is_on(dbt_vars, "sam_fx_enabled"):
        sources.add("fx")
    check_required_columns(directory, dbt_vars, sources)
    if is_on(dbt_vars, "sam_ga4_enabled"):
        check_ga4_shards(directory)
