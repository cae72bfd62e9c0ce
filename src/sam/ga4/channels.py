"""GA4's default channel group from Google's rule table as data (default_channel_group.csv
beside this module), for the demo generator and the tests: an independent check of the product's
SQL macro (macros/channels/default_channel_group.sql), not a copy of its branches."""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from sam.project import REPO_ROOT

RULES_CSV = Path(__file__).with_name("default_channel_group.csv")
SOURCE_CATEGORIES_CSV = REPO_ROOT / "seeds" / "ga4_source_categories.csv"
FIELDS = ("source", "medium", "campaign", "source_category")
UNASSIGNED = "Unassigned"


@dataclass(frozen=True)
class Row:
    """One row of the table: the rule it belongs to, its channel and a condition per field."""

    rule: int
    channel: str
    conditions: tuple[tuple[str, str, str], ...]  # (field, operator, operand)


def _condition(field: str, cell: str) -> tuple[str, str, str]:
    for operator in ("is", "in", "matches", "contains", "ends with"):
        if cell.startswith(operator + " "):
            return field, operator, cell[len(operator) + 1 :]
    if cell == "empty":
        return field, "empty", ""
    raise ValueError(f"{RULES_CSV.name}: {field} cell {cell!r} has no known operator")


@cache
def rules() -> tuple[Row, ...]:
    """The table's rows in Google's order."""
    with RULES_CSV.open(newline="") as f:
        lines = [line for line in f if not line.startswith("#")]
    return tuple(
        Row(
            int(r["rule"]),
            r["channel"],
            tuple(_condition(field, r[field]) for field in FIELDS if r[field]),
        )
        for r in csv.DictReader(lines)
    )


@cache
def source_categories() -> Mapping[str, str]:
    """Google's source list (the ga4_source_categories seed): lowercased source -> category."""
    with SOURCE_CATEGORIES_CSV.open(newline="") as f:
        return {r["source"].strip().lower(): r["source_category"] for r in csv.DictReader(f)}


def _holds(operator: str, operand: str, value: str | None) -> bool:
    if operator == "empty":
        return value is None
    if value is None:
        return False
    if operator == "is":
        return value == operand.lower()
    if operator == "in":
        return value in operand.lower().split("|")
    if operator == "matches":
        return re.fullmatch(operand, value) is not None
    if operator == "contains":
        return operand.lower() in value
    return value.endswith(operand.lower())  # ends with


def _normalised(value: str | None) -> str | None:
    return (value or "").strip().lower() or None


def default_channel_group(
    source: str | None,
    medium: str | None,
    campaign: str | None,
    source_category: str | None = None,
) -> str:
    """The channel of the first rule with a matching row; the source's category is looked up in
    Google's source list unless given."""
    values = {
        "source": _normalised(source),
        "medium": _normalised(medium),
        "campaign": _normalised(campaign),
    }
    category = _normalised(source_category)
    if category is None and values["source"] is not None:
        category = _normalised(source_categories().get(values["source"]))
    for row in rules():
        if all(
            _holds(operator, operand, category if field == "source_category" else values[field])
            for field, operator, operand in row.conditions
        ):
            return row.channel
    return UNASSIGNED
