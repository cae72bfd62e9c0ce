"""Acceptance of the journeys and rule-based attribution on a fresh demo: every lead and deal whose
ground-truth journey is single-channel is attributed to that channel by every rule model.

The expectation is computed here from the demo's ground truth with DuckDB, independently of the
models. A lead: its true channel (booth leads: Offline; contacts sales added: Sales-sourced), or,
where GA4 itself shows every session of the lead as another channel (the ground truth's
ga4_channel), that one. A web lead whose CRM record carries no identifier at all gets what the
CRM recorded (issue 17; ground truth crm_recorded): tracked - the channel as GA4 sees it; the
tracker was blocked - '(no web touch)', or Paid Social when the CRM kept an fbclid; a list
import - Offline. A deal: the one channel shared by every ground-truth touch of every person on
the deal within the 90-day window before the milestone (a won deal: before the opportunity was
created, up to its close). One difference is tolerated, counted and bounded (see
docs/attribution.md): an auto-tagged Google Display click that GA4's export gives no channel for
is classified Paid Search by the GA4 default rules (google / cpc).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import duckdb
import pytest
from crm_dbt import crm_workspace
from ga4_dbt import DbtWorkspace

from sam.demo.generator import DemoConfig, generate

# One CRM: tests/test_crm_demo.py proves both CRMs give the same contract (people, milestones,
# deals, committees, touches) on this same demo, and the attribution reads only that contract.
CRMS = ("hubspot",)
RULE_MODELS = (
    "first_touch",
    "last_touch",
    "last_non_direct",
    "linear",
    "time_decay",
    "u_shaped",
    "w_shaped",
    "full_path",
)
SELECTION = (
    "--select",
    "+fct_attribution_credits",
    "+rpt_attribution__touch_coverage",
    "+rpt_identity__match_rates",
    "+rpt_markov_removal_effects",
    "+rpt_attribution__unattributable",
    "path:tests/attribution",
)
# person_id / deal_id of the CRM contract, in the ground truth's columns.
TRUTH_PERSON_ID = {
    "hubspot": "cast(hubspot_contact_id as varchar)",
    "salesforce": "coalesce(salesforce_contact_id, salesforce_lead_id)",
}
TRUTH_DEAL_ID = {
    "hubspot": "cast(hubspot_deal_id as varchar)",
    "salesforce": "salesforce_opportunity_id",
}
DEAL_LOOKBACK_DAYS = 90
# The GA4-visible difference tolerated (see the module docstring): (true channel, attributed).
TOLERATED = ("Display", "Paid Search")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Five months at 0.3 scale, seed 7 (the same demo the CRM tests use)."""
    out = tmp_path_factory.mktemp("attribution_demo")
    generate(
        DemoConfig(out, seed=7, start=dt.date(2024, 6, 1), as_of=dt.date(2024, 11, 30), scale=0.3)
    )
    return out


@pytest.fixture(scope="module", params=CRMS)
def built(
    request: pytest.FixtureRequest, demo: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, DbtWorkspace]:
    """The credits and their upstream, with their data tests (credits sum to 1, value reconciles,
    nothing after its conversion), for one CRM. The demo's user_id is the e-mail hash."""
    crm: str = request.param
    ws = crm_workspace(demo, tmp_path_factory.mktemp(f"attribution_{crm}"))
    ws.dbt(
        "build",
        *SELECTION,
        "--exclude-resource-type",
        "unit_test",
        "--indirect-selection",
        "cautious",
        dbt_vars={"sam_crm": crm, "sam_ga4_user_id_holds": "email_sha256"},
    )
    return crm, ws


def attach_truth(con: duckdb.DuckDBPyConnection, demo: Path) -> None:
    for table in ("leads", "deals", "touchpoints", "offline_touches"):
        con.execute(
            f"create or replace temp view truth_{table} as select * from "
            f"read_parquet('{demo}/ground_truth/{table}.parquet')"
        )


def lead_expectations(crm: str) -> str:
    """One row per live single-channel lead: its CRM person_id and the channel it must get - the
    true channel, or the one channel GA4 showed for all of the lead's sessions up to its creation
    when that differs (an untagged LinkedIn ad click is a linkedin.com referral: Organic Social;
    the ground truth's ga4_channel says so)."""
    return f"""
        with seen_by_ga4 as (
            select leads.person_id, min(touchpoints.ga4_channel) as ga4_channel
            from truth_leads as leads
            join truth_touchpoints as touchpoints on leads.person_id = touchpoints.person_id
                and touchpoints.session_start_at <= leads.created_at
            group by leads.person_id
            having count(distinct touchpoints.ga4_channel) = 1
        )
        select
            {TRUTH_PERSON_ID[crm]} as person_id,
            case
                when true_channel = '(sales)' then 'Sales-sourced'
                when record_kind = 'inbound'
                    and ga_client_id is null and gclid is null and user_id is null
                    then case crm_recorded
                        when 'blocked' then case
                            when fbclid is not null then 'Paid Social' else '(no web touch)'
                        end
                        when 'list_import' then 'Offline'
                        else coalesce(seen_by_ga4.ga4_channel, true_channel)
                    end
                else coalesce(seen_by_ga4.ga4_channel, true_channel)
            end as expected_channel
        from truth_leads
        left join seen_by_ga4 on truth_leads.person_id = seen_by_ga4.person_id
        where single_channel_journey
            and record_kind in ('inbound', 'offline', 'sales')
            and not is_deleted and not is_merged_away
    """


def deal_expectations(crm: str, milestone: str) -> str:
    """One row per live deal whose ground-truth touches (web sessions as GA4 labels them and
    offline touches, of every person on the deal, in the window before `milestone`) share one
    channel: the deal id and that channel."""
    return f"""
        with deals as (
            select {TRUTH_DEAL_ID[crm]} as deal_id, {milestone} as converted_at,
                least(created_at, {milestone}) as lookback_from,
                unnest(contact_person_ids) as person_id
            from truth_deals
            where not is_deleted_duplicate and {milestone} is not null
                {"and is_won" if milestone == "closed_at" else ""}
        ),
        touches as (
            select person_id, session_start_at as touched_at, ga4_channel as channel
            from truth_touchpoints
            union all
            select person_id, touched_at, 'Offline' from truth_offline_touches
        )
        select deals.deal_id, min(touches.channel) as expected_channel
        from deals
        join touches on deals.person_id = touches.person_id
            and touches.touched_at <= deals.converted_at
            and touches.touched_at >= deals.lookback_from - interval {DEAL_LOOKBACK_DAYS} day
        group by deals.deal_id
        having count(distinct touches.channel) = 1
    """


def mismatches(
    ws: DbtWorkspace, demo: Path, conversion_type: str, expectations: str
) -> tuple[int, list[tuple[Any, ...]]]:
    """(journeys checked, [(id, model, expected, attributed channels)] that differ)."""
    with ws.connect() as con:
        attach_truth(con, demo)
        checked = con.execute(f"select count(*) from ({expectations})").fetchone()
        wrong = con.execute(
            f"""
            with expected as ({expectations}),
            credited as (
                select conversion_id, attribution_model, channel, sum(credit) as credit
                from fct_attribution_credits
                where conversion_type = '{conversion_type}'
                group by all
            ),
            judged as (
                select expected.*, m.attribution_model,
                    (select list(c.channel order by c.channel) from credited as c
                     where c.conversion_id = expected.{
                "person_id" if conversion_type == "lead_created" else "deal_id"
            }
                        and c.attribution_model = m.attribution_model
                        and c.credit > 1e-9) as channels
                from expected
                cross join (select unnest({list(RULE_MODELS)}) as attribution_model) as m
            )
            select * from judged
            where channels is null or channels != [expected_channel]
            order by all
            """
        ).fetchall()
    assert checked is not None
    return int(checked[0]), [tuple(r) for r in wrong]


def split_tolerated(
    wrong: list[tuple[Any, ...]],
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    tolerated = [r for r in wrong if r[1] == TOLERATED[0] and r[3] == [TOLERATED[1]]]
    other = [r for r in wrong if r not in tolerated]
    return tolerated, other


def test_single_channel_leads_get_their_true_channel_in_every_rule_model(
    built: tuple[str, DbtWorkspace], demo: Path
) -> None:
    crm, ws = built
    checked, wrong = mismatches(ws, demo, "lead_created", lead_expectations(crm))
    tolerated, other = split_tolerated(wrong)
    assert checked > 300
    assert other == [], f"{len(other)} of {checked * len(RULE_MODELS)} lead credits: {other[:10]}"
    # Display leads GA4 shows as Paid Search: a bounded, known share (see docs/attribution.md).
    assert len(tolerated) <= 0.1 * checked * len(RULE_MODELS)


@pytest.mark.parametrize(
    ("conversion_type", "milestone"),
    [("opportunity_created", "created_at"), ("closed_won", "closed_at")],
)
def test_single_channel_deals_get_their_channel_in_every_rule_model(
    built: tuple[str, DbtWorkspace], demo: Path, conversion_type: str, milestone: str
) -> None:
    crm, ws = built
    checked, wrong = mismatches(ws, demo, conversion_type, deal_expectations(crm, milestone))
    tolerated, other = split_tolerated(wrong)
    assert checked > 5
    assert other == [], f"{len(other)} of {checked * len(RULE_MODELS)} deal credits: {other[:10]}"
    assert len(tolerated) <= 0.1 * checked * len(RULE_MODELS)


def test_touch_coverage_and_match_rates_are_reported(built: tuple[str, DbtWorkspace]) -> None:
    """Coverage counts agree with the credits: a conversion is 'touched' exactly when its credits
    are not all on '(no web touch)'; every method appears in the match-rate report."""
    _, ws = built
    coverage = dict(
        ws.query(
            """select conversion_type, conversions - conversions_touched
            from rpt_attribution__touch_coverage where touch_found_by = 'any'"""
        )
    )
    untouched = dict(
        ws.query(
            """select conversion_type, count(distinct conversion_id)
            from fct_attribution_credits
            where attribution_model = 'linear' and channel = '(no web touch)'
            group by all"""
        )
    )
    assert {k: v for k, v in coverage.items() if v} == untouched
    methods = {r[0] for r in ws.query("select match_method from rpt_identity__match_rates")}
    assert methods == {"any", "ga_client_id", "user_id", "gclid", "user_id_device"}
    user_id_matched = ws.scalar(
        "select people_matched from rpt_identity__match_rates where match_method = 'user_id'"
    )
    assert user_id_matched > 0
