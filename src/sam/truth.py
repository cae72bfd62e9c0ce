"""SAM's attribution measured against the demo's ground truth (never read by models).

Per true channel: the won revenue the ground truth gives it, and how much of that revenue SAM's
first-touch model credits to the same channel, to another channel, and to '(no web touch)'.
SAM's deals meet the truth's on the CRM's own id (HubSpot deal id or Salesforce opportunity id),
so the figures hold whichever CRM the database was built from. The numbers come from SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

UNKNOWN_CHANNEL = "(no web touch)"

# One row per won deal x credited channel: the deal's true channel and revenue, the credit.
_CREDITS = """
with
truth as (
    select
        cast(hubspot_deal_id as varchar) as hubspot_id,
        salesforce_opportunity_id as salesforce_id,
        true_channel,
        amount_usd
    from read_parquet('{dir}/ground_truth/deals.parquet')
    where is_won and not is_deleted_duplicate
),
credits as (
    select conversion_id, channel, credited_value
    from main.fct_attribution_credits
    where conversion_type = 'closed_won' and attribution_model = '{model}'
)
select
    truth.true_channel,
    truth.amount_usd,
    credits.channel,
    credits.credited_value
from truth
left join credits
    on credits.conversion_id in (truth.hubspot_id, truth.salesforce_id)
"""

_PER_CHANNEL = """
with
rows as ({credits}),
true_revenue as (
    select true_channel as channel, sum(amount_usd) as true_revenue
    from read_parquet('{dir}/ground_truth/deals.parquet')
    where is_won and not is_deleted_duplicate
    group by true_channel
),
sam_revenue as (
    select channel, sum(credited_value) as sam_revenue
    from rows where channel is not null group by channel
),
on_true as (
    select
        true_channel as channel,
        sum(case when channel = true_channel then credited_value else 0 end) as on_true_channel,
        sum(case when channel = '{unknown}' then credited_value else 0 end) as unknown
    from rows group by true_channel
)
select
    coalesce(true_revenue.channel, sam_revenue.channel) as channel,
    coalesce(true_revenue.true_revenue, 0) as true_revenue,
    coalesce(sam_revenue.sam_revenue, 0) as sam_revenue,
    coalesce(on_true.on_true_channel, 0) as on_true_channel,
    coalesce(on_true.unknown, 0) as true_revenue_unknown
from true_revenue
full outer join sam_revenue on true_revenue.channel = sam_revenue.channel
left join on_true on coalesce(true_revenue.channel, sam_revenue.channel) = on_true.channel
order by true_revenue desc, sam_revenue desc, channel
"""


@dataclass(frozen=True)
class ChannelTruth:
    channel: str
    true_revenue: float  # won revenue the ground truth gives the channel
    sam_revenue: float  # won revenue SAM credits to the channel
    on_true_channel: float  # of true_revenue, what SAM credits to this same channel
    true_revenue_unknown: float  # of true_revenue, what SAM credits to '(no web touch)'


@dataclass(frozen=True)
class TruthBenchmark:
    model: str
    channels: list[ChannelTruth]

    @property
    def won_revenue(self) -> float:
        return sum(c.true_revenue for c in self.channels)

    @property
    def share_on_true_channel(self) -> float:
        return sum(c.on_true_channel for c in self.channels) / self.won_revenue

    @property
    def share_unknown(self) -> float:
        unknown = sum(c.sam_revenue for c in self.channels if c.channel == UNKNOWN_CHANNEL)
        return unknown / self.won_revenue


def benchmark(
    con: duckdb.DuckDBPyConnection, data_dir: Path, model: str = "first_touch"
) -> TruthBenchmark:
    """Won revenue per channel under ``model`` vs the demo's ground truth in ``data_dir``."""
    d = data_dir.as_posix().replace("'", "''")
    credits = _CREDITS.format(dir=d, model=model.replace("'", "''"))
    sql = _PER_CHANNEL.format(credits=credits, dir=d, unknown=UNKNOWN_CHANNEL)
    rows = con.execute(sql).fetchall()
    return TruthBenchmark(
        model, [ChannelTruth(str(r[0]), *(float(v) for v in r[1:])) for r in rows]
    )


def markdown(result: TruthBenchmark) -> str:
    """The benchmark as a Markdown table with the two headline shares."""
    lines = [
        f"Won revenue per channel, SAM `{result.model}` vs the demo's ground truth (USD):",
        "",
        "| channel | true revenue | SAM revenue | of true: on its channel | of true: unknown |",
        "|---|---:|---:|---:|---:|",
    ]
    for c in result.channels:
        share = f"{c.on_true_channel / c.true_revenue:.1%}" if c.true_revenue else "-"
        unknown = f"{c.true_revenue_unknown / c.true_revenue:.1%}" if c.true_revenue else "-"
        lines.append(
            f"| {c.channel} | {c.true_revenue:,.0f} | {c.sam_revenue:,.0f} | {share} | {unknown} |"
        )
    lines += [
        "",
        f"Won revenue {result.won_revenue:,.0f}: on its true channel "
        f"{result.share_on_true_channel:.1%}, credited to '{UNKNOWN_CHANNEL}' "
        f"{result.share_unknown:.1%}.",
    ]
    return "\n".join(lines)
