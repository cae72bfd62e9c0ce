"""`sam summary`: a short per-channel table after `make demo`.

Two sides, never mixed: what SAM computed (read from the marts in the DuckDB database) and, when
the data directory is the demo's, the demo's ground truth (what the marts must eventually
recover). The numbers come from SQL; Python only prints them.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import duckdb

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

# The demo's ground truth per generating channel (never read by models).
TRUTH_BY_CHANNEL = """
with leads as (
    select
        true_channel as channel,
        count(*) as crm_leads,
        sum(case when is_bot then 1 else 0 end) as bot_leads,
        count(mql_at) as mqls
    from read_parquet('{dir}/ground_truth/leads.parquet')
    where not is_deleted and not is_merged_away
    group by true_channel
),
deals as (
    select
        true_channel as channel,
        sum(case when is_won then 1 else 0 end) as won_deals,
        cast(round(sum(case when is_won then amount_usd else 0 end)) as bigint) as won_revenue_usd
    from read_parquet('{dir}/ground_truth/deals.parquet')
    where not is_deleted_duplicate
    group by true_channel
)
select
    coalesce(leads.channel, deals.channel) as channel,
    coalesce(crm_leads, 0) as crm_leads,
    coalesce(bot_leads, 0) as bot_leads,
    coalesce(mqls, 0) as mqls,
    coalesce(won_deals, 0) as won_deals,
    coalesce(won_revenue_usd, 0) as won_revenue_usd
from leads
full outer join deals on leads.channel = deals.channel
order by won_revenue_usd desc, crm_leads desc
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


def summary(database: Path, data_dir: Path) -> str:
    """The summary text; raises FileNotFoundError when there is nothing built to summarise."""
    if not database.exists():
        raise FileNotFoundError(f"no SAM database at {database} (run `sam build` first)")
    parts: list[str] = []
    with duckdb.connect(str(database), read_only=True) as con:
        result = con.execute(SAM_BY_CHANNEL)
        headers = [d[0] for d in result.description]
        parts += [
            "SAM: sessions and on-site leads per channel",
            format_table(headers, result.fetchall()),
        ]
        truth = data_dir / "ground_truth" / "leads.parquet"
        if truth.exists():
            result = con.execute(TRUTH_BY_CHANNEL.format(dir=data_dir.as_posix()))
            headers = [d[0] for d in result.description]
            parts += [
                "",
                "Demo ground truth per generating channel (what SAM's marts must recover):",
                format_table(headers, result.fetchall()),
            ]
    return "\n".join(parts)
