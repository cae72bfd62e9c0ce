"""`sam summary`: the per-channel answer after `make demo`.

Two sides, never mixed: what SAM computed (read from the marts in the DuckDB database) - per
channel leads, junk share, MQLs, spend, cost per lead, revenue, ROI and both ranks under the
reporting attribution model (var sam_reporting_attribution_model) - and, when the data directory is
the demo's, the demo's ground truth with the same columns (what the marts must recover; models
never read it), then how much won revenue first touch puts on its true channel (sam.truth). The
numbers come from SQL; Python only prints them.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb
import yaml

from sam.project import REPO_ROOT
from sam.truth import benchmark

# SAM's answer: the channel scorecard under the reporting model.
SAM_SCORECARD = """
select
    channel,
    cast(round(leads) as bigint) as leads,
    round(100 * junk_lead_share, 1) as junk_pct,
    cast(round(mqls) as bigint) as mqls,
    cast(round(spend) as bigint) as spend,
    round(cost_per_lead, 1) as cost_per_lead,
    cast(round(revenue) as bigint) as revenue,
    round(100 * roi, 1) as roi_pct,
    rank_by_cpl,
    rank_by_roi
from main.rpt_channel_scorecard
where attribution_model = ?
order by revenue desc, leads desc, channel
"""

# The ground truth, same columns: leads by the channel that generated them (bots = junk), won
# revenue by the deal's true channel, spend as the marts measure it (spend is not attributed).
# Ranks over the paid channels: by cost per real (non-bot) lead, as rank_by_cpl ranks by cost per
# qualified lead, and by ROI.
TRUTH_SCORECARD = """
with
leads as (
    select
        case when true_channel = '(sales)' then ? else true_channel end as channel,
        count(*) as leads,
        sum(case when is_bot then 1 else 0 end) as bots,
        count(mql_at) as mqls
    from read_parquet('{dir}/ground_truth/leads.parquet')
    where not is_deleted and not is_merged_away and record_kind != 'duplicate'
    group by 1
),
deals as (
    select true_channel as channel, sum(case when is_won then amount_usd else 0 end) as revenue
    from read_parquet('{dir}/ground_truth/deals.parquet')
    where not is_deleted_duplicate
    group by 1
),
spend as (select channel, sum(spend) as spend from main.fct_spend_daily group by 1),
paid as (select channel from main.dim_channels where is_paid),
joined as (
    select
        coalesce(leads.channel, deals.channel, spend.channel) as channel,
        coalesce(leads.leads, 0) as leads,
        coalesce(leads.bots, 0) as bots,
        coalesce(leads.mqls, 0) as mqls,
        coalesce(spend.spend, 0) as spend,
        coalesce(deals.revenue, 0) as revenue
    from leads
    full outer join deals on leads.channel = deals.channel
    full outer join spend on coalesce(leads.channel, deals.channel) = spend.channel
),
scored as (
    select
        joined.*,
        paid.channel is not null and joined.spend > 0 as is_ranked,
        case when leads > bots then spend / (leads - bots) end as cost_per_real_lead,
        case when spend > 0 then (revenue - spend) / spend end as roi
    from joined
    left join paid on joined.channel = paid.channel
)
select
    channel,
    leads,
    case when leads > 0 then round(100.0 * bots / leads, 1) end as junk_pct,
    mqls,
    cast(round(spend) as bigint) as spend,
    case when leads > 0 then round(spend / leads, 1) end as cost_per_lead,
    cast(round(revenue) as bigint) as revenue,
    round(100 * roi, 1) as roi_pct,
    case when is_ranked then rank() over (
        partition by is_ranked order by cost_per_real_lead
    ) end as rank_by_cpl,
    case when is_ranked then rank() over (partition by is_ranked order by roi desc) end
        as rank_by_roi
from scored
order by revenue desc, leads desc, channel
"""

# SAM's view: sessions and on-site lead events per session channel, from the marts.
SAM_BY_CHANNEL = """
with lead_sessions as (
    select session_key, count(*) as lead_events
    from main.stg_ga4__lead_events
    where event_name = 'generate_lead' and session_key is not null
    group by session_key
)
select
    s.channel,
    count(*) as sessions,
    round(100.0 * avg(case when s.is_engaged then 1 else 0 end), 1) as engaged_pct,
    coalesce(sum(l.lead_events), 0) as web_leads
from main.fct_sessions as s
left join lead_sessions as l on s.session_key = l.session_key
group by s.channel
order by sessions desc
"""


def format_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A plain aligned text table (numbers right-aligned, thousands separated)."""

    def cell(value: object) -> str:
        if isinstance(value, float):
            return f"{value:,.1f}"
        if isinstance(value, int):
            return f"{value:,}"
        return "" if value is None else str(value)

    cells = [[cell(v) for v in row] for row in rows]
    widths = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(headers)]
    numeric = [all(isinstance(row[i], (int, float)) for row in rows) for i in range(len(headers))]

    def line(values: Sequence[str]) -> str:
        return "  ".join(
            v.rjust(w) if num else v.ljust(w)
            for v, w, num in zip(values, widths, numeric, strict=True)
        ).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(headers), rule, *(line(r) for r in cells)])


def project_var(name: str) -> Any:
    """A var's value as dbt_project.yml declares it (what `sam build` runs with)."""
    project = yaml.safe_load((REPO_ROOT / "dbt_project.yml").read_text())
    return project["vars"][name]


def _table(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[object] = ()) -> str:
    result = con.execute(sql, list(params))
    return format_table([d[0] for d in result.description], result.fetchall())


def summary(database: Path, data_dir: Path) -> str:
    """The summary text; raises FileNotFoundError when there is nothing built to summarise."""
    if not database.exists():
        raise FileNotFoundError(f"no SAM database at {database} (run `sam build` first)")
    model = str(project_var("sam_reporting_attribution_model"))
    parts: list[str] = []
    with duckdb.connect(str(database), read_only=True) as con:
        parts += [
            f"SAM per channel ({model}; ranks over the paid channels: rank_by_cpl by cost per "
            "qualified lead, rank_by_roi by ROI):",
            _table(con, SAM_SCORECARD, [model]),
        ]
        truth = data_dir / "ground_truth" / "leads.parquet"
        if truth.exists():
            sales = str(project_var("sam_sales_sourced_channel"))
            d = data_dir.as_posix().replace("'", "''")
            result = benchmark(con, data_dir)
            parts += [
                "",
                "Demo ground truth per generating channel (what SAM must recover; junk = bots, "
                "spend as measured, rank_by_cpl by cost per real lead):",
                _table(con, TRUTH_SCORECARD.format(dir=d), [sales]),
                "",
                f"First touch puts {result.share_on_true_channel:.1%} of won revenue on its true "
                f"channel, {result.share_unknown:.1%} on '(no web touch)' "
                "(scripts/bench_truth.py has the per-channel figures).",
            ]
        parts += [
            "",
            "SAM: sessions and on-site leads per session channel",
            _table(con, SAM_BY_CHANNEL),
        ]
    return "\n".join(parts)
