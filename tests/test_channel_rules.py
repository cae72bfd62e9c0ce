"""GA4's default channel group: the product's macro (macros/channels/default_channel_group.sql)
against Google's rule table as data (src/sam/ga4/default_channel_group.csv, read by
sam.ga4.channels), on every combination of the values the table names plus near misses.
One `dbt compile --inline` renders the macro; DuckDB runs it on the grid (about 30 s, mostly dbt
parsing)."""

from __future__ import annotations

import itertools
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from sam.ga4 import channels
from sam.project import run_dbt

# Values only a regex cell names implicitly: what each pattern must and must not match.
REGEX_PROBES = {
    "medium": ("cpc", "CPM", "ppc", "xcpx", "retargeting", "paid_social", "unpaid", "video-ad"),
    "campaign": ("shop", "e-shop", "eshop", "workshop", "summer shopping", "spring-sale"),
}
# Sources of each category in Google's list (the seed), and one in none.
CATEGORY_PROBES = ("google", "facebook", "google shopping", "youtube", "example.org")


def field_values(field: str) -> list[str | None]:
    """Every operand the table names for `field`, in the cases a sender might use, plus
    near misses either side, '' and NULL."""
    values: set[str | None] = {None, "", "unknown"}
    for row in channels.rules():
        for name, operator, operand in row.conditions:
            if name != field:
                continue
            if operator in ("is", "in"):
                for item in operand.split("|"):
                    values |= {item, item.upper(), f" {item} ", f"x{item}", f"{item}x"}
            elif operator in ("contains", "ends with"):
                values |= {operand, f"x-{operand}", f"{operand}-x", operand.upper()}
    values |= set(REGEX_PROBES.get(field, ()))
    if field == "source":
        values |= set(CATEGORY_PROBES)
    return sorted(values, key=lambda v: (v is None, v or ""))


def test_the_table_holds_googles_18_rules_in_order() -> None:
    numbers = [row.rule for row in channels.rules()]
    assert numbers == sorted(numbers)
    assert sorted(set(numbers)) == list(range(1, 19))
    assert channels.source_categories()["youtube"] == "SOURCE_CATEGORY_VIDEO"
    assert channels.source_categories()["google shopping"] == "SOURCE_CATEGORY_SHOPPING"


@pytest.mark.parametrize(
    ("source", "medium", "campaign", "channel"),
    [
        # Google's notes: cpm from a categorised source is paid (rule 4), Display only from an
        # uncategorised one; first match wins
        ("google", "cpm", None, "Paid Search"),
        ("example.org", "cpm", None, "Display"),
        ("(direct)", "(none)", None, "Direct"),
        (None, None, None, "Direct"),
        ("hs_email", "newsletter", None, "Unassigned"),  # equality, not contains (DECISIONLOG)
        ("Newsletter", "EMAIL", "spring", "Email"),
        ("t.co", "referral", None, "Organic Social"),  # category (10) before medium (13)
        ("example.org", "paid", "x-shopping", "Paid Shopping"),
        ("example.org", "referral", "workshop", "Referral"),  # 'workshop' is not a shop campaign
        ("example.org", "app-push", None, "Mobile Push Notifications"),
    ],
)
def test_table_examples_computed_by_hand(
    source: str | None, medium: str | None, campaign: str | None, channel: str
) -> None:
    assert channels.default_channel_group(source, medium, campaign) == channel


def test_the_macro_agrees_with_googles_table(tmp_path: Path) -> None:
    call = "sam_default_channel_group('source', 'medium', 'campaign', 'source_category')"
    args = ["compile", "--quiet", "--inline", f"select *, {{{{ {call} }}}} as channel from grid"]
    args += ["--target-path", str(tmp_path / "target"), "--log-path", str(tmp_path / "logs")]
    result = run_dbt(args, env={"SAM_DUCKDB_PATH": str(tmp_path / "c.duckdb")}, capture=True)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]

    categories = channels.source_categories()
    grid = [
        (source, medium, campaign, categories.get((source or "").strip().lower()))
        for source, medium, campaign in itertools.product(
            field_values("source"), field_values("medium"), field_values("campaign")
        )
    ]
    columns = ("source", "medium", "campaign", "source_category")
    con = duckdb.connect()
    con.register(
        "grid",
        pa.table(
            {
                name: pa.array([row[i] for row in grid], pa.string())
                for i, name in enumerate(columns)
            }
        ),
    )
    rows = con.execute(result.stdout).fetchall()
    assert len(rows) == len(grid) > 10_000
    wrong = [
        (source, medium, campaign, macro, table)
        for source, medium, campaign, category, macro in rows
        if macro != (table := channels.default_channel_group(source, medium, campaign, category))
    ]
    assert not wrong, f"{len(wrong)} of {len(rows)} disagree, e.g. {wrong[:5]}"
    every = {row.channel for row in channels.rules()}
    assert {macro for *_, macro in rows} == every | {"Unassigned"}
