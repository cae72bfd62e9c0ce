"""`sam build`: dbt build on SAM's project with the data directory and database resolved."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import yaml

from sam import parse_cache, var_checks
from sam.preflight import PreflightError, check_data_dir
from sam.project import data_dir, run_dbt

# Source folders that may be absent from a data directory; an absent one turns the source off.
OPTIONAL_SOURCES = ("google_ads", "facebook_ads", "linkedin_ads", "microsoft_ads")
CRMS = ("hubspot", "salesforce")
# Optional tables (macros/optional_inputs.sql): file in the data directory -> the var it switches.
OPTIONAL_TABLES = {
    "hubspot/contact_list.parquet": "sam_hubspot_contact_list_enabled",
    "hubspot/contact_list_member.parquet": "sam_hubspot_contact_list_member_enabled",
    "hubspot/contact_merge_audit.parquet": "sam_hubspot_contact_merge_audit_enabled",
    "hubspot/deal_company.parquet": "sam_hubspot_deal_company_enabled",
    "fx/fx_rates.parquet": "sam_fx_enabled",
}


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
    if not any(ga4.rglob("events_*.parquet")):
        raise DataDirError(f"no GA4 shards in {ga4} (expected events_YYYYMMDD.parquet)")
    present = [c for c in CRMS if (directory / c).is_dir()]
    if crm is None:
        if not present:
            raise DataDirError(f"no CRM folder (hubspot/ or salesforce/) in {directory}")
        crm = present[0]
    elif crm not in present:
        raise DataDirError(f"--crm {crm}: there is no {crm}/ folder in {directory}")
    # local files: testing every shard costs nothing (on BigQuery tests read the run's window)
    found: dict[str, object] = {
        "sam_data_dir": str(directory),
        "sam_crm": crm,
        "sam_ga4_test_all_shards": True,
    }
    for source in OPTIONAL_SOURCES:
        found[f"sam_{source}_enabled"] = (directory / source).is_dir()
    found.update(union_folders(directory))
    for table, switch in OPTIONAL_TABLES.items():
        found[switch] = optional_table_present(directory, table, found)
    user_id_holds = declared_user_id(directory)
    if user_id_holds is not None:
        found["sam_ga4_user_id_holds"] = user_id_holds
    as_of = declared_as_of(directory)
    if as_of is not None:
        found["sam_export_as_of"] = as_of
    return found


def union_folders(directory: Path) -> dict[str, object]:
    """Several GA4 properties / ad-platform connectors as folders: ga4/<property id>/ when ga4/
    holds no shards of its own, <platform>/<schema>/ when the platform's folder holds no tables
    of its own."""
    found: dict[str, object] = {}
    ga4 = directory / "ga4"
    if not any(ga4.glob("events_*.parquet")):
        found["sam_ga4_properties"] = [
            {"property_id": sub.name}
            for sub in sorted(ga4.iterdir())
            if sub.is_dir() and any(sub.glob("events_*.parquet"))
        ]
    for platform in OPTIONAL_SOURCES + CRMS:
        ads = directory / platform
        if ads.is_dir() and not any(ads.glob("*.parquet")):
            found[f"sam_{platform}_union_schemas"] = [
                sub.name
                for sub in sorted(ads.iterdir())
                if sub.is_dir() and any(sub.glob("*.parquet"))
            ]
    return found


def optional_table_present(directory: Path, table: str, found: dict[str, object]) -> bool:
    """An optional table (e.g. hubspot/contact_list.parquet) is used when its file is there, or,
    with several connectors of its source, when every connector's folder has it; in some of them
    only: DataDirError (the others' rows would silently be missing)."""
    source, name = table.split("/", 1)
    schemas = found.get(f"sam_{source}_union_schemas")
    if not isinstance(schemas, list) or not schemas:
        return (directory / table).is_file()
    having = [
        str(schema) for schema in schemas if (directory / source / str(schema) / name).is_file()
    ]
    if having and len(having) < len(schemas):
        lacking = sorted(set(map(str, schemas)) - set(having))
        raise DataDirError(
            f"{source}/{{{','.join(lacking)}}}/{name} missing: sam_{source}_union_schemas lists "
            f"{', '.join(map(str, schemas))} and only {', '.join(having)} have {name} - export it "
            f"for every connector, or remove it from all"
        )
    return bool(having)


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


class _TextDatesLoader(yaml.SafeLoader):  # type: ignore[misc]
    """YAML without the timestamp type: a date in --vars stays text for the var checks to judge
    (2024-02-30 is a wrong date to report, not a crash)."""


_TextDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def split_user_vars(extra_args: Sequence[str]) -> tuple[dict[str, object], list[str]]:
    """The --vars the user gave (YAML or JSON mappings, several merged left to right) and the
    other dbt arguments. dbt keeps only the last --vars it is given, so `sam build` must pass one
    merged mapping instead of appending the user's after its own."""
    user: dict[str, object] = {}
    rest: list[str] = []
    args = list(extra_args)
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--vars" or arg.startswith("--vars="):
            if arg == "--vars":
                if i + 1 >= len(args):
                    raise DataDirError("--vars needs a value, e.g. --vars '{sam_crm: hubspot}'")
                text, i = args[i + 1], i + 2
            else:
                text, i = arg.split("=", 1)[1], i + 1
            try:
                parsed = yaml.load(text, Loader=_TextDatesLoader)  # noqa: S506 (a SafeLoader)
            except yaml.YAMLError as err:
                first = str(err).splitlines()[0]
                raise DataDirError(f"--vars is not valid YAML/JSON: {first}") from None
            if parsed is None:
                continue
            if not isinstance(parsed, dict):
                raise DataDirError(f"--vars must be a mapping of var: value, got {text!r}")
            user.update({str(k): v for k, v in parsed.items()})
            continue
        rest.append(arg)
        i += 1
    return user, rest


def build_vars(crm: str | None, extra_args: Sequence[str]) -> tuple[dict[str, object], list[str]]:
    """The vars `sam build` passes, and the remaining dbt arguments. Precedence, lowest first:
    dbt_project.yml defaults < vars derived from the data directory < the user's --vars."""
    user, rest = split_user_vars(extra_args)
    user_crm = user.get("sam_crm")
    if user_crm is not None and user_crm not in CRMS:
        raise DataDirError(f"var sam_crm must be hubspot or salesforce, got {user_crm!r}")
    derived = vars_for_data_dir(
        Path(str(user["sam_data_dir"])) if user.get("sam_data_dir") else data_dir(),
        crm or (str(user_crm) if user_crm else None),
    )
    return {**derived, **user}, rest


def build(crm: str | None = None, extra_args: Sequence[str] = ()) -> int:
    """Run `dbt build` on the data directory; returns dbt's exit code. The data directory is
    checked first (sam.preflight): a missing required column or a GA4 shard column of the wrong
    type stops here with one line."""
    dbt_vars, rest = build_vars(crm, extra_args)
    try:
        var_checks.check(dbt_vars)
        check_data_dir(Path(str(dbt_vars["sam_data_dir"])), dbt_vars)
    except (PreflightError, var_checks.VarError) as err:
        raise DataDirError(str(err)) from None
    args = ["build", "--vars", json.dumps(dbt_vars, default=str), *rest]
    with parse_cache.kept(args):
        return run_dbt(args).returncode
