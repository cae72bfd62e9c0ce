"""A tiny hand-written SAM database with the marts' contract columns (contracts.md "Outputs
(marts)"), for the tests of `sam check` and `sam report` (not a test module itself).

The story, computed by hand (reporting currency USD):
- 7 leads: Paid Search L1 L2, Display L3 L4 L5 (L5 junk: a bot), Organic Search L7, and L6 with no
  web touch. Junk share 1/7.
- Won deals: D1 1,000 (touches: Paid Search then Organic Search), D2 200 (Display). D3 lost 300,
  D4 open 50. Won revenue 1,200.
- Spend on 2024-12-30: Paid Search 300, Display 250 (550).
- Models first_touch and linear. Revenue: first_touch PS 1,000 / DI 200; linear PS 500 / OS 500 /
  DI 200. Cost per lead: DI 250/3 = 83.33 (rank 1), PS 300/2 = 150 (rank 2).
  ROI linear: PS (500-300)/300 = 0.667 (rank 1), DI (200-250)/250 = -0.2 (rank 2): the cheapest
  leads are the worst return - the myopia picture in miniature.
- Newest session 2024-12-31 (the as-of date).
"""

from __future__ import annotations

from pathlib import Path

import duckdb

AS_OF = "2024-12-31"
MODELS = ("first_touch", "linear")

SESSIONS = """
create table fct_sessions as
select * from (values
    ('s1', 'u1', null, 1, timestamp '2024-12-29 09:00', timestamp '2024-12-29 09:05', '/', 'google',
     'cpc', 'brand', 'g1', 'Paid Search', true, 30000, 3),
    ('s2', 'u2', null, 2, timestamp '2024-12-30 10:00', timestamp '2024-12-30 10:01', '/', 'ads',
     'display', 'retarget', null, 'Display', false, 0, 1),
    ('s3', 'u1', null, 3, timestamp '2024-12-30 11:00', timestamp '2024-12-30 11:10', '/blog',
     'google', 'organic', null, null, 'Organic Search', true, 60000, 4),
    ('s4', 'u3', null, 4, timestamp '2024-12-31 08:00', timestamp '2024-12-31 08:02', '/', 'ads',
     'display', 'retarget', null, 'Display', false, 0, 1)
) as t(session_key, user_pseudo_id, user_id, ga_session_id, session_start_at, session_end_at,
       landing_page, source, medium, campaign, gclid, channel, is_engaged, engagement_time_msec,
       page_views)
"""

LEADS = """
create table fct_leads as
select
    lead_id, 'hubspot' as crm, cast(created_at as timestamp) as created_at,
    cast(mql_at as timestamp) as mql_at, cast(null as timestamp) as sql_at, is_junk,
    junk_reasons, channel as first_touch_channel, channel as lead_creation_channel,
    'sha-' || lead_id as email_sha256
from (values
    ('L1', '2024-12-29 09:04', '2024-12-29 12:00', false, null, 'Paid Search'),
    ('L2', '2024-12-29 10:00', null, false, null, 'Paid Search'),
    ('L3', '2024-12-30 10:01', '2024-12-30 12:00', false, null, 'Display'),
    ('L4', '2024-12-30 10:30', null, false, null, 'Display'),
    ('L5', '2024-12-30 10:31', null, true, 'bot', 'Display'),
    ('L6', '2024-12-30 14:00', null, false, null, '(no web touch)'),
    ('L7', '2024-12-30 11:09', '2024-12-31 09:00', false, null, 'Organic Search')
) as t(lead_id, created_at, mql_at, is_junk, junk_reasons, channel)
"""

DEALS = """
create table fct_deals as
select
    deal_id, cast(created_at as timestamp) as created_at, cast(closed_at as timestamp) as closed_at,
    is_won, cast(amount as double) as amount, 'USD' as currency_original,
    cast(amount as double) as amount_original
from (values
    ('D1', '2024-12-29 15:00', '2024-12-30 15:00', true, 1000),
    ('D2', '2024-12-30 15:00', '2024-12-31 09:00', true, 200),
    ('D3', '2024-12-30 16:00', '2024-12-31 10:00', false, 300),
    ('D4', '2024-12-31 11:00', null, false, 50)
) as t(deal_id, created_at, closed_at, is_won, amount)
"""

SPEND = """
create table fct_spend_daily as
select
    cast(date_day as date) as date_day, platform, campaign_id, campaign_name, channel,
    cast(spend as double) as spend, 'USD' as currency_original,
    cast(spend as double) as spend_original, clicks, impressions
from (values
    ('2024-12-30', 'google_ads', 'c1', 'brand', 'Paid Search', 300, 10, 1000),
    ('2024-12-30', 'google_ads', 'c2', 'retarget', 'Display', 250, 5, 9000)
) as t(date_day, platform, campaign_id, campaign_name, channel, spend, clicks, impressions)
"""

# conversion_type, conversion_id, model, touchpoint_id, channel, touched_at, converted_at, credit,
# credited_value
_LEAD_TOUCH = {
    "L1": ("s1", "Paid Search", "2024-12-29 09:00"),
    "L2": ("s1", "Paid Search", "2024-12-29 09:00"),
    "L3": ("s2", "Display", "2024-12-30 10:00"),
    "L4": ("s2", "Display", "2024-12-30 10:00"),
    "L5": ("s2", "Display", "2024-12-30 10:00"),
    "L6": (None, "(no web touch)", None),
    "L7": ("s3", "Organic Search", "2024-12-30 11:00"),
}
_WON: dict[str, list[tuple[str, str, str, float, float]]] = {
    # model -> (deal, touchpoint, channel, credit, value) rows
    "first_touch": [
        ("D1", "s1", "Paid Search", 1.0, 1000.0),
        ("D2", "s2", "Display", 1.0, 200.0),
    ],
    "linear": [
        ("D1", "s1", "Paid Search", 0.5, 500.0),
        ("D1", "s3", "Organic Search", 0.5, 500.0),
        ("D2", "s2", "Display", 1.0, 200.0),
    ],
}
_TOUCHED_AT = {"s1": "2024-12-29 09:00", "s2": "2024-12-30 10:00", "s3": "2024-12-30 11:00"}
_DEAL_CLOSED = {"D1": "2024-12-30 15:00", "D2": "2024-12-31 09:00"}


def _sql_value(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    return repr(value)


def credit_rows() -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = []
    for model in MODELS:
        for lead, (touch, channel, touched) in _LEAD_TOUCH.items():
            rows.append(("lead_created", lead, model, touch, channel, touched, touched, 1.0, 0.0))
        for deal, touch, channel, credit, value in _WON[model]:
            rows.append(
                (
                    "closed_won", deal, model, touch, channel, _TOUCHED_AT[touch],
                    _DEAL_CLOSED[deal], credit, value,
                )
            )  # fmt: skip
    return rows


def channel_daily_rows() -> list[tuple[object, ...]]:
    """date_day, channel, model and the ten measures, aggregated by hand from the rows above."""
    rows: list[tuple[object, ...]] = []
    spend = {"Paid Search": 300.0, "Display": 250.0}
    for model in MODELS:
        leads = {"Paid Search": 2.0, "Display": 3.0, "Organic Search": 1.0, "(no web touch)": 1.0}
        junk = {"Display": 1.0}
        mqls = {"Paid Search": 1.0, "Display": 1.0, "Organic Search": 1.0}
        sessions = {"Paid Search": 1.0, "Display": 2.0, "Organic Search": 1.0}
        revenue: dict[str, float] = {}
        won: dict[str, float] = {}
        for _deal, _touch, channel, credit, value in _WON[model]:
            revenue[channel] = revenue.get(channel, 0.0) + value
            won[channel] = won.get(channel, 0.0) + credit
        for channel in leads:
            rows.append(
                (
                    "2024-12-30", channel, model, sessions.get(channel, 0.0), leads[channel],
                    junk.get(channel, 0.0), mqls.get(channel, 0.0), 0.0, won.get(channel, 0.0),
                    revenue.get(channel, 0.0), won.get(channel, 0.0), revenue.get(channel, 0.0),
                    spend.get(channel, 0.0),
                )
            )  # fmt: skip
    return rows


SCORECARD = """
create table rpt_channel_scorecard as
with totals as (
    select
        channel, attribution_model,
        sum(sessions) as sessions, sum(leads) as leads, sum(junk_leads) as junk_leads,
        sum(mqls) as mqls, sum(sqls) as sqls, sum(opportunities) as opportunities,
        sum(pipeline_amount) as pipeline_amount, sum(won_deals) as won_deals,
        sum(revenue) as revenue, sum(spend) as spend
    from fct_channel_daily
    group by channel, attribution_model
),
ratios as (
    select
        *,
        case when leads > 0 and spend > 0 then spend / leads end as cost_per_lead,
        case when mqls > 0 and spend > 0 then spend / mqls end as cost_per_mql,
        case when leads > 0 then mqls / leads end as mql_rate,
        case when leads > 0 then won_deals / leads end as lead_to_customer_rate,
        case when won_deals > 0 and spend > 0 then spend / won_deals end as cac,
        case when spend > 0 then revenue / spend end as roas,
        case when spend > 0 then (revenue - spend) / spend end as roi
    from totals
)
select
    *,
    case when cost_per_lead is not null then rank() over (
        partition by attribution_model, cost_per_lead is null order by cost_per_lead
    ) end as rank_by_cpl,
    case when roi is not null then rank() over (
        partition by attribution_model, roi is null order by roi desc
    ) end as rank_by_roi
from ratios
"""


def build_marts(database: Path) -> Path:
    """Create the database with the seven marts; returns its path."""
    database.parent.mkdir(parents=True, exist_ok=True)
    if database.exists():
        database.unlink()
    with duckdb.connect(str(database)) as con:
        for statement in (SESSIONS, LEADS, DEALS, SPEND):
            con.execute(statement)
        values = ",\n".join(
            "(" + ", ".join(_sql_value(v) for v in row) + ")" for row in credit_rows()
        )
        con.execute(
            f"""create table fct_attribution_credits as
            select conversion_type, conversion_id, attribution_model, touchpoint_id, channel,
                cast(null as varchar) as campaign, cast(touched_at as timestamp) as touched_at,
                cast(converted_at as timestamp) as converted_at, cast(credit as double) as credit,
                cast(credited_value as double) as credited_value
            from (values {values}) as t(conversion_type, conversion_id, attribution_model,
                touchpoint_id, channel, touched_at, converted_at, credit, credited_value)"""
        )
        values = ",\n".join(
            "(" + ", ".join(_sql_value(v) for v in row) + ")" for row in channel_daily_rows()
        )
        con.execute(
            f"""create table fct_channel_daily as
            select cast(date_day as date) as date_day, channel, attribution_model,
                cast(sessions as double) as sessions, cast(leads as double) as leads,
                cast(junk_leads as double) as junk_leads, cast(mqls as double) as mqls,
                cast(sqls as double) as sqls, cast(opportunities as double) as opportunities,
                cast(pipeline_amount as double) as pipeline_amount,
                cast(won_deals as double) as won_deals, cast(revenue as double) as revenue,
                cast(spend as double) as spend
            from (values {values}) as t(date_day, channel, attribution_model, sessions, leads,
                junk_leads, mqls, sqls, opportunities, pipeline_amount, won_deals, revenue,
                spend)"""
        )
        con.execute(SCORECARD)
    return database


def execute(database: Path, *statements: str) -> None:
    """Break the fixture on purpose (insert a duplicate, update a value...)."""
    with duckdb.connect(str(database)) as con:
        for statement in statements:
            con.execute(statement)
