"""`sam build` checks the vars it will pass to dbt before dbt starts: one line naming the var.

dbt checks the same on run start (macros/validate_vars.sql) for anyone running dbt directly; here
the regexes of sam_channel_overrides, sam_hubspot_offline_lists and sam_ad_platforms are compiled
too (Jinja cannot catch a regex error, so dbt would stop deep in a model with a raw engine error).
Python's `re` is close to RE2 (the regex dialect of BigQuery and DuckDB) for everything a channel
rule needs; what it rejects, RE2 rejects too (an unbalanced parenthesis, a dangling quantifier).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

import yaml

from sam.project import REPO_ROOT

DATE_VARS = (
    "sam_ga4_start_date",
    "sam_ga4_end_date",
    "sam_reporting_start_date",
    "sam_reporting_end_date",
    "sam_time_spine_start_date",
    "sam_time_spine_end_date",
)
WINDOWS = (
    ("sam_ga4_start_date", "sam_ga4_end_date"),
    ("sam_reporting_start_date", "sam_reporting_end_date"),
    ("sam_time_spine_start_date", "sam_time_spine_end_date"),
)
NON_NEGATIVE_INTS = (
    "sam_ga4_late_days",
    "sam_fx_max_rate_age_days",
    "sam_lead_form_match_seconds",
    "sam_lead_fast_submit_seconds",
)
ATTRIBUTION_MODELS = (
    "first_touch",
    "last_touch",
    "last_non_direct",
    "linear",
    "time_decay",
    "u_shaped",
    "w_shaped",
    "full_path",
    "markov",
    "shapley",
)


class VarError(ValueError):
    """A var's value cannot work; the message names the var."""


def project_defaults() -> dict[str, Any]:
    """The vars declared in dbt_project.yml with their defaults."""
    project = yaml.safe_load((REPO_ROOT / "dbt_project.yml").read_text())
    return dict(project.get("vars") or {})


def _regex(where: str, pattern: object) -> str | None:
    if pattern is None:
        return None
    if not isinstance(pattern, str):
        return f"{where} must be a regex string, got {pattern!r}"
    try:
        re.compile(pattern)
    except re.error as err:
        return f"{where}: regex {pattern!r} does not compile ({err})"
    return None


def problems(dbt_vars: Mapping[str, Any]) -> list[str]:
    """Every problem with the vars, one line each (empty: all fine)."""
    found: list[str] = []
    crm = dbt_vars.get("sam_crm")
    if crm not in ("hubspot", "salesforce"):
        found.append(f"var sam_crm must be hubspot or salesforce, got {crm!r}")

    dates: dict[str, dt.date] = {}
    for name in DATE_VARS:
        value = dbt_vars.get(name)
        if value is None:
            continue
        if isinstance(value, dt.date):
            dates[name] = value
            continue
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(value)):
                raise ValueError
            dates[name] = dt.date.fromisoformat(str(value))
        except ValueError:
            found.append(f"var {name} must be a date YYYY-MM-DD, got {value!r}")
    for first, last in WINDOWS:
        if first in dates and last in dates and dates[first] > dates[last]:
            found.append(
                f"var {first} ({dates[first]}) is after {last} ({dates[last]}): "
                "the window would be empty"
            )

    for name in NON_NEGATIVE_INTS:
        value = dbt_vars.get(name)
        if isinstance(value, bool) or not re.fullmatch(r"\d+", str(value)):
            found.append(f"var {name} must be a whole number >= 0, got {value!r}")
    recent = dbt_vars.get("sam_test_recent_days")
    if recent is not None and (isinstance(recent, bool) or not re.fullmatch(r"\d+", str(recent))):
        found.append(
            f"var sam_test_recent_days must be null or a whole number >= 0, got {recent!r}"
        )
    half_life = dbt_vars.get("sam_attribution_half_life_days")
    try:
        if isinstance(half_life, bool) or float(str(half_life)) <= 0:
            raise ValueError
    except ValueError:
        found.append(f"var sam_attribution_half_life_days must be a number > 0, got {half_life!r}")

    holds = dbt_vars.get("sam_ga4_user_id_holds")
    if holds not in ("none", "crm_id", "email_sha256"):
        found.append(
            f"var sam_ga4_user_id_holds must be none, crm_id or email_sha256, got {holds!r}"
        )
    for model in dbt_vars.get("sam_attribution_models") or []:
        if model not in ATTRIBUTION_MODELS:
            found.append(
                f"var sam_attribution_models: unknown model {model!r} "
                f"(one of {', '.join(ATTRIBUTION_MODELS)})"
            )
    currency = str(dbt_vars.get("sam_reporting_currency"))
    if not re.fullmatch(r"[A-Za-z]{3}", currency):
        found.append(f"var sam_reporting_currency must be a 3-letter ISO code, got {currency!r}")

    overrides = dbt_vars.get("sam_channel_overrides") or []
    if not isinstance(overrides, list):
        found.append(
            "var sam_channel_overrides must be a list of {channel, source, medium, campaign}"
        )
        overrides = []
    for i, entry in enumerate(overrides):
        where = f"var sam_channel_overrides[{i}]"
        if not isinstance(entry, dict) or not entry.get("channel"):
            found.append(f"{where} needs a channel and at least one of source, medium, campaign")
            continue
        if not any(entry.get(key) for key in ("source", "medium", "campaign")):
            found.append(f"{where} ({entry['channel']}) has no source, medium or campaign regex")
        for key in ("source", "medium", "campaign"):
            problem = _regex(f"{where}.{key}", entry.get(key))
            if problem:
                found.append(problem)
    for i, entry in enumerate(dbt_vars.get("sam_hubspot_offline_lists") or []):
        if isinstance(entry, dict):
            problem = _regex(f"var sam_hubspot_offline_lists[{i}].name", entry.get("name"))
            if problem:
                found.append(problem)
    platforms = dbt_vars.get("sam_ad_platforms") or {}
    if isinstance(platforms, dict):
        for platform, traffic in platforms.items():
            if isinstance(traffic, dict):
                problem = _regex(
                    f"var sam_ad_platforms.{platform}.session_source", traffic.get("session_source")
                )
                if problem:
                    found.append(problem)
    found.extend(union_problems(dbt_vars))
    return found


# Sources that may be several connectors unioned (macros/union_sources.sql): source -> its var.
UNION_VARS = {
    source: f"sam_{source}_union_schemas"
    for source in (
        "google_ads",
        "facebook_ads",
        "linkedin_ads",
        "microsoft_ads",
        "hubspot",
        "salesforce",
    )
}
NAME = re.compile(r"[A-Za-z0-9_-]+")
COLUMN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
PASS_THROUGH_VARS = (
    "sam_hubspot_contact_pass_through_columns",
    "sam_hubspot_deal_pass_through_columns",
    "sam_salesforce_person_pass_through_columns",
    "sam_salesforce_opportunity_pass_through_columns",
)


def union_problems(dbt_vars: Mapping[str, Any]) -> list[str]:
    """Several GA4 properties / connectors and pass-through columns (issue 19): the shapes the
    macros accept (macros/cross_db/ga4_events_source.sql, union_sources.sql, crm/pass_through_
    columns.sql raise the same at compile time for plain dbt runs)."""
    found: list[str] = []
    properties = dbt_vars.get("sam_ga4_properties") or []
    if not isinstance(properties, list):
        found.append(
            "var sam_ga4_properties must be a list of {property_id, project, dataset, path}"
        )
        properties = []
    seen: set[str] = set()
    for i, entry in enumerate(properties):
        property_id = str((entry.get("property_id") if isinstance(entry, dict) else entry) or "")
        if not NAME.fullmatch(property_id):
            found.append(
                f"var sam_ga4_properties[{i}] needs a property_id (letters, digits, _ or -), "
                f"got {entry!r}"
            )
        elif property_id in seen:
            found.append(f"var sam_ga4_properties: property_id {property_id} is listed twice")
        seen.add(property_id)
    for var in UNION_VARS.values():
        schemas = dbt_vars.get(var) or []
        if not isinstance(schemas, list):
            found.append(f"var {var} must be a list of schema names")
            schemas = []
        for schema in schemas:
            if not NAME.fullmatch(str(schema)):
                found.append(f"var {var}: schema {schema!r} must be letters, digits, _ or -")
    for name in PASS_THROUGH_VARS:
        entries = dbt_vars.get(name) or []
        if not isinstance(entries, list):
            found.append(f"var {name} must be a list of {{name, alias, transform_sql}}")
            continue
        aliases: set[str] = set()
        for i, entry in enumerate(entries):
            column = str(entry.get("name") or "") if isinstance(entry, dict) else ""
            alias = str(entry.get("alias") or column) if isinstance(entry, dict) else ""
            if not (COLUMN.fullmatch(column) and COLUMN.fullmatch(alias)):
                found.append(
                    f"var {name}[{i}] needs a name (and alias) that is a column name "
                    f"(letters, digits, _), got {entry!r}"
                )
            elif alias.lower() in aliases:
                found.append(f"var {name}: alias {alias} is listed twice")
            aliases.add(alias.lower())
    return found


def check(dbt_vars: Mapping[str, Any]) -> None:
    """Raise VarError with the first problem of the vars merged over the project's defaults."""
    merged = {**project_defaults(), **dbt_vars}
    found = problems(merged)
    if found:
        raise VarError(found[0])
