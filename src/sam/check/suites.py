"""The expectation suites of `sam check`, as code: one suite per batch, a batch being one SQL query
over the marts (a mart's columns, or a reconciliation computed across marts).

The queries are plain SQL common to DuckDB and BigQuery (no engine-specific function), so the same
suites run on the DuckDB target and, through a SQL datasource, on BigQuery. Column names are the
contract's (contracts.md "Outputs (marts)"). Expectations are great-expectations 1.x types; each
carries a `why` that the summary prints when it fails.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sam.check.config import CheckConfig

CONVERSION_TYPES = ["lead_created", "mql", "sql", "opportunity_created", "closed_won"]
ATTRIBUTION_MODELS = [
    "first_touch", "last_touch", "last_non_direct", "linear", "time_decay", "u_shaped",
    "w_shaped", "full_path", "markov", "shapley",
]  # fmt: skip
CHANNEL_DAILY_MEASURES = [
    "sessions", "leads", "junk_leads", "mqls", "sqls", "opportunities", "pipeline_amount",
    "won_deals", "revenue", "spend",
]  # fmt: skip


@dataclass(frozen=True)
class Expect:
    """One expectation: its great-expectations type (snake_case), arguments and reason."""

    type: str
    kwargs: dict[str, Any]
    why: str

    @property
    def label(self) -> str:
        """How the summary names it, e.g. expect_column_values_to_be_unique(deal_id)."""
        target = self.kwargs.get("column") or self.kwargs.get("column_list")
        if isinstance(target, list):
            target = ", ".join(target)
        return f"{self.type}({target})" if target else self.type


@dataclass(frozen=True)
class Batch:
    """One query and the suite run on its result."""

    name: str
    sql: str
    expectations: list[Expect] = field(default_factory=list)


def _not_null(column: str, why: str = "") -> Expect:
    return Expect(
        "expect_column_values_to_not_be_null", {"column": column}, why or f"{column} is required"
    )


def _unique(column: str, why: str) -> Expect:
    return Expect("expect_column_values_to_be_unique", {"column": column}, why)


def _compound_unique(columns: list[str], why: str) -> Expect:
    return Expect("expect_compound_columns_to_be_unique", {"column_list": columns}, why)


def _between(column: str, low: float | None, high: float | None, why: str) -> Expect:
    kwargs: dict[str, Any] = {"column": column}
    if low is not None:
        kwargs["min_value"] = low
    if high is not None:
        kwargs["max_value"] = high
    return Expect("expect_column_values_to_be_between", kwargs, why)


def _in_set(column: str, values: list[str], why: str) -> Expect:
    return Expect("expect_column_values_to_be_in_set", {"column": column, "value_set": values}, why)


def _has_rows(what: str) -> Expect:
    return Expect(
        "expect_table_row_count_to_be_between",
        {"min_value": 1},
        f"an empty {what} would pass every other check vacuously",
    )


def build_batches(config: CheckConfig) -> list[Batch]:
    """Every batch and its suite, with the thresholds of `config`."""
    r = config.relation
    tol = config.tolerance
    newest_allowed = config.as_of + dt.timedelta(days=1)
    oldest_allowed = config.as_of - dt.timedelta(days=config.max_age_days)

    sessions = Batch(
        "fct_sessions",
        f"select session_key, session_start_at, channel, page_views from {r('fct_sessions')}",
        [
            _has_rows("fct_sessions"),
            _unique("session_key", "one row per GA4 session"),
            _not_null("session_key"),
            _not_null("session_start_at"),
            _not_null("channel", "every session has a channel (GA4 default channel group)"),
            _between("page_views", 0, None, "a count is never negative"),
        ],
    )
    freshness = Batch(
        "freshness",
        # A naive datetime at midnight (BigQuery DATETIME, DuckDB's alias of TIMESTAMP): GX
        # compares it with the datetime bounds on both engines.
        f"select cast(cast(max(session_start_at) as date) as datetime) as newest_event_date "
        f"from {r('fct_sessions')}",
        [
            Expect(
                "expect_column_values_to_be_between",
                {
                    "column": "newest_event_date",
                    "min_value": dt.datetime.combine(oldest_allowed, dt.time()),
                    "max_value": dt.datetime.combine(newest_allowed, dt.time()),
                },
                f"the newest GA4 session must be at most {config.max_age_days} day(s) older than "
                f"the as-of date {config.as_of} (and not in its future): a stalled export "
                "otherwise goes unnoticed",
            ),
            _not_null("newest_event_date", "fct_sessions has no session at all"),
        ],
    )
    leads = Batch(
        "fct_leads",
        f"select lead_id, crm, created_at, is_junk from {r('fct_leads')}",
        [
            _has_rows("fct_leads"),
            _unique("lead_id", "one row per CRM lead / contact"),
            _not_null("lead_id"),
            _not_null("created_at"),
            _not_null("is_junk", "every lead is judged junk or not"),
            _in_set("crm", ["hubspot", "salesforce"], "the CRMs SAM reads"),
        ],
    )
    junk = Batch(
        "junk_share",
        f"select count(*) as leads, avg(case when is_junk then 1 else 0 end) as junk_share "
        f"from {r('fct_leads')}",
        [
            _between(
                "junk_share",
                0,
                config.max_junk_share,
                f"more than {config.max_junk_share:.0%} of leads flagged junk means a bot wave "
                "or a broken form (threshold max_junk_share)",
            ),
        ],
    )
    deals = Batch(
        "fct_deals",
        f"select deal_id, created_at, closed_at, is_won, amount from {r('fct_deals')}",
        [
            _has_rows("fct_deals"),
            _unique("deal_id", "one row per deal / opportunity: a duplicate doubles revenue"),
            _not_null("deal_id"),
            _not_null("created_at"),
            _not_null("is_won"),
            _between("amount", 0, None, "a deal amount is never negative"),
        ],
    )
    credits = Batch(
        "fct_attribution_credits",
        f"select conversion_type, conversion_id, attribution_model, touchpoint_id, channel, "
        f"credit, credited_value from {r('fct_attribution_credits')}",
        [
            _has_rows("fct_attribution_credits"),
            _compound_unique(
                ["conversion_type", "conversion_id", "attribution_model", "touchpoint_id"],
                "one row per conversion x touch x model",
            ),
            _not_null("conversion_id"),
            _not_null("channel"),
            _in_set("conversion_type", CONVERSION_TYPES, "the five conversion types"),
            _in_set("attribution_model", ATTRIBUTION_MODELS, "the attribution models SAM has"),
            _between("credit", 0, 1, "a credit is a share of one conversion"),
            _not_null("credit"),
        ],
    )
    credit_sums = Batch(
        "credits_per_conversion",
        f"select conversion_type, conversion_id, attribution_model, sum(credit) as credit_sum "
        f"from {r('fct_attribution_credits')} "
        f"group by conversion_type, conversion_id, attribution_model",
        [
            _between(
                "credit_sum",
                1 - tol,
                1 + tol,
                "credits of one conversion under one model sum to exactly 1",
            )
        ],
    )
    measures = [
        _between(m, 0, None, f"{m} is an additive measure, never negative")
        for m in CHANNEL_DAILY_MEASURES
    ]
    channel_daily = Batch(
        "fct_channel_daily",
        f"select date_day, channel, attribution_model, {', '.join(CHANNEL_DAILY_MEASURES)} "
        f"from {r('fct_channel_daily')}",
        [
            _has_rows("fct_channel_daily"),
            _compound_unique(
                ["date_day", "channel", "attribution_model"], "one row per day x channel x model"
            ),
            _not_null("date_day"),
            _not_null("channel"),
            _not_null("attribution_model"),
            *measures,
        ],
    )
    scorecard = Batch(
        "rpt_channel_scorecard",
        f"select channel, attribution_model, mql_rate, lead_to_customer_rate, cost_per_lead, "
        f"cost_per_mql, cac, roas, roi, rank_by_cpl, rank_by_roi "
        f"from {r('rpt_channel_scorecard')}",
        [
            _has_rows("rpt_channel_scorecard"),
            _compound_unique(["channel", "attribution_model"], "one row per channel x model"),
            _between("mql_rate", 0, 1, "MQLs are a subset of leads"),
            _between("lead_to_customer_rate", 0, 1, "customers are a subset of leads"),
            _between(
                "cost_per_lead",
                0,
                config.max_cost_per_lead,
                "a cost per lead beyond max_cost_per_lead is a unit or join error",
            ),
            _between("cost_per_mql", 0, None, "costs are never negative"),
            _between("cac", 0, None, "costs are never negative"),
            _between("roas", 0, config.max_roas, "a ROAS beyond max_roas is a unit or join error"),
            _between(
                "roi", -1, config.max_roas - 1, "ROI = ROAS - 1: at least -100 % when spend > 0"
            ),
            _between("rank_by_cpl", 1, None, "ranks start at 1"),
            _between("rank_by_roi", 1, None, "ranks start at 1"),
        ],
    )
    # Revenue: every model distributes the same won revenue (credits sum to 1), so per model the
    # channel mart, the credits and the won deals agree. Spend does not depend on the model: per
    # model the channel mart holds all platform spend.
    reconciliation = Batch(
        "reconciliation",
        f"""with channel_totals as (
    select attribution_model, sum(revenue) as channel_revenue, sum(spend) as channel_spend
    from {r("fct_channel_daily")}
    group by attribution_model
),
credit_totals as (
    select attribution_model, sum(credited_value) as credited_revenue
    from {r("fct_attribution_credits")}
    where conversion_type = 'closed_won'
    group by attribution_model
),
won as (
    select coalesce(sum(amount), 0) as won_revenue
    from {r("fct_deals")}
    where is_won
),
platform as (
    select coalesce(sum(spend), 0) as platform_spend
    from {r("fct_spend_daily")}
)
select
    c.attribution_model,
    c.channel_revenue,
    k.credited_revenue,
    won.won_revenue,
    c.channel_spend,
    platform.platform_spend,
    abs(c.channel_revenue - won.won_revenue) / greatest(abs(won.won_revenue), 1)
        as revenue_gap_vs_deals,
    abs(coalesce(k.credited_revenue, 0) - won.won_revenue) / greatest(abs(won.won_revenue), 1)
        as credited_gap_vs_deals,
    abs(c.channel_spend - platform.platform_spend) / greatest(abs(platform.platform_spend), 1)
        as spend_gap_vs_platforms
from channel_totals as c
left join credit_totals as k on c.attribution_model = k.attribution_model
cross join won
cross join platform""",
        [
            _has_rows("reconciliation (fct_channel_daily has no model)"),
            _between(
                "revenue_gap_vs_deals",
                0,
                tol,
                "fct_channel_daily revenue per model equals the won deals' amount in fct_deals",
            ),
            _between(
                "credited_gap_vs_deals",
                0,
                tol,
                "closed-won credited value per model equals the won deals' amount in fct_deals",
            ),
            _between(
                "spend_gap_vs_platforms",
                0,
                tol,
                "fct_channel_daily spend per model equals fct_spend_daily",
            ),
        ],
    )
    return [
        sessions,
        freshness,
        leads,
        junk,
        deals,
        credits,
        credit_sums,
        channel_daily,
        scorecard,
        reconciliation,
    ]
