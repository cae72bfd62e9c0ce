"""What the report draws, read from the marts (contract columns only). The numbers are computed in
SQL by the marts; these queries only select, group and total them for the charts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import duckdb


class ReportError(RuntimeError):
    """The report cannot be drawn (no database, missing mart, unknown model): one-line reason."""


@dataclass(frozen=True)
class ChannelRank:
    """One ranked channel. The contract's rank_by_cpl, and, when the scorecard has them, the
    marts' split of cost per lead into all leads (rank_by_cpl_all_leads) and qualified leads
    (cost_per_qualified_lead: junk removed, what rank_by_cpl then ranks)."""

    channel: str
    leads: float
    spend: float
    revenue: float
    cost_per_lead: float
    roi: float
    rank_by_cpl: int
    rank_by_roi: int
    cost_per_qualified_lead: float | None = None
    rank_by_cpl_all_leads: int | None = None


@dataclass(frozen=True)
class ReportData:
    model: str
    models: list[str]
    ranks: list[ChannelRank]  # channels ranked on both (spend and leads > 0)
    revenue_by_model: dict[str, dict[str, float]]  # channel -> model -> revenue
    junk: list[tuple[str, int, int]]  # channel, leads, junk leads
    weekly: list[tuple[dt.date, float, float]]  # week start, spend, revenue (model `model`)
    coverage: list[tuple[str, int, int, float, float]]  # type, conversions, touched, value, touched
    first_day: dt.date | None
    last_day: dt.date | None


CONVERSION_ORDER = ["lead_created", "mql", "sql", "opportunity_created", "closed_won"]

RANKS = """
select
    channel, leads, spend, revenue, cost_per_lead, roi, rank_by_cpl, rank_by_roi,
    {qualified} as cost_per_qualified_lead, {all_leads} as rank_by_cpl_all_leads
from rpt_channel_scorecard
where attribution_model = ? and rank_by_cpl is not null and rank_by_roi is not null
order by rank_by_cpl, channel
"""
# Columns beyond the contract, read when the scorecard has both.
SPLIT_CPL = ("cost_per_qualified_lead", "rank_by_cpl_all_leads")

REVENUE_BY_MODEL = """
select channel, attribution_model, sum(revenue) as revenue
from fct_channel_daily
group by channel, attribution_model
"""

# Junk share per channel that created the lead; a lead without one is '(no web touch)'.
JUNK = """
select
    coalesce(lead_creation_channel, '(no web touch)') as channel,
    count(*) as leads,
    count(case when is_junk then 1 end) as junk_leads
from fct_leads
group by 1
order by leads desc
"""

# Spend is the same under every model; revenue totals are too (credits sum to 1), but the
# chart reads one model to avoid counting each model's copy.
WEEKLY = """
select
    cast(date_trunc('week', date_day) as date) as week,
    sum(spend) as spend,
    sum(revenue) as revenue
from fct_channel_daily
where attribution_model = ?
group by 1
order by 1
"""

# Touch coverage: the share of conversions (and of their value) with at least one touch, i.e.
# not credited to '(no web touch)'. Any model gives the same answer; read the report's model.
COVERAGE = """
with per_conversion as (
    select
        conversion_type,
        conversion_id,
        sum(credited_value) as value,
        max(case when channel = '(no web touch)' then 0 else 1 end) as touched
    from fct_attribution_credits
    where attribution_model = ?
    group by conversion_type, conversion_id
)
select
    conversion_type,
    count(*) as conversions,
    sum(touched) as conversions_touched,
    coalesce(sum(value), 0) as value,
    coalesce(sum(case when touched = 1 then value else 0 end), 0) as value_touched
from per_conversion
group by conversion_type
"""


def load(database: Path, model: str) -> ReportData:
    """Read everything the charts need; ReportError with a one-line reason otherwise."""
    if not database.exists():
        raise ReportError(f"no SAM database at {database} (run `sam build` first)")
    try:
        con = duckdb.connect(str(database), read_only=True)
    except duckdb.Error as err:
        raise ReportError(f"cannot open {database}: {str(err).splitlines()[0]}") from None
    try:
        with con:
            models = [
                r[0]
                for r in con.execute(
                    "select distinct attribution_model from rpt_channel_scorecard order by 1"
                ).fetchall()
            ]
            if model not in models:
                raise ReportError(
                    f"attribution model {model!r} is not in rpt_channel_scorecard "
                    f"(has: {', '.join(models) or 'none'})"
                )
            columns = {r[0] for r in con.execute("describe rpt_channel_scorecard").fetchall()}
            split = all(c in columns for c in SPLIT_CPL)
            ranks_sql = RANKS.format(
                qualified=SPLIT_CPL[0] if split else "null",
                all_leads=SPLIT_CPL[1] if split else "null",
            )
            ranks = [
                ChannelRank(
                    str(c), float(le), float(s), float(rv), float(cpl), float(roi), int(rc),
                    int(rr), None if q is None else float(q), None if ra is None else int(ra),
                )
                for c, le, s, rv, cpl, roi, rc, rr, q, ra in con.execute(
                    ranks_sql, [model]
                ).fetchall()
            ]  # fmt: skip
            revenue: dict[str, dict[str, float]] = {}
            for channel, m, value in con.execute(REVENUE_BY_MODEL).fetchall():
                revenue.setdefault(str(channel), {})[str(m)] = float(value or 0)
            junk = [(str(c), int(n), int(j)) for c, n, j in con.execute(JUNK).fetchall()]
            weekly = [
                (w, float(s or 0), float(r or 0))
                for w, s, r in con.execute(WEEKLY, [model]).fetchall()
            ]
            rows = {r[0]: r for r in con.execute(COVERAGE, [model]).fetchall()}
            coverage = [
                (t, int(rows[t][1]), int(rows[t][2]), float(rows[t][3]), float(rows[t][4]))
                for t in CONVERSION_ORDER
                if t in rows
            ]
            first, last = con.execute(
                "select min(date_day), max(date_day) from fct_channel_daily"
            ).fetchone() or (None, None)
    except duckdb.CatalogException as err:
        raise ReportError(f"a mart is missing: {str(err).splitlines()[0]}") from None
    return ReportData(model, models, ranks, revenue, junk, weekly, coverage, first, last)
