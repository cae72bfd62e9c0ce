"""Print, per conversion type, the channel ranking by Markov credit next to last_touch's (and
Shapley's), from a built SAM DuckDB database. Markdown, for docs/attribution-data-driven.md.

    .venv/bin/python scripts/attribution_ranking.py [--database data/sam.duckdb] [--type closed_won]

Markov = rpt_markov_removal_effects.attributed_conversions (Anderl's channel-level credit);
Markov per conversion and Shapley = the credits models summed per channel; last_touch =
fct_attribution_credits. Conversions without touches are '(no web touch)' in every column.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import duckdb

from sam.project import duckdb_path

QUERY = """
with
markov as (
    select conversion_type, channel, attributed_conversions as credit
    from rpt_markov_removal_effects
),
untouched as (
    select conversion_type, channel, credit from markov where channel = '(no web touch)'
),
markov_per_conversion as (
    select conversion_type, channel, sum(credit) as credit
    from int_attribution__credits_markov group by all
    union all select * from untouched
),
shapley as (
    select conversion_type, channel, sum(credit) as credit
    from int_attribution__credits_shapley group by all
    union all select * from untouched
),
last_touch as (
    select conversion_type, channel, sum(credit) as credit
    from fct_attribution_credits where attribution_model = 'last_touch' group by all
),
channels as (
    select conversion_type, channel from markov
    union select conversion_type, channel from last_touch
)
select
    channels.conversion_type,
    channels.channel,
    coalesce(markov.credit, 0) as markov,
    coalesce(markov_per_conversion.credit, 0) as markov_per_conversion,
    coalesce(shapley.credit, 0) as shapley,
    coalesce(last_touch.credit, 0) as last_touch
from channels
left join markov using (conversion_type, channel)
left join markov_per_conversion using (conversion_type, channel)
left join shapley using (conversion_type, channel)
left join last_touch using (conversion_type, channel)
order by channels.conversion_type, markov desc, channels.channel
"""
ORDER = ("lead_created", "mql", "sql", "opportunity_created", "closed_won")


def rank(values: dict[str, float]) -> dict[str, int]:
    """1 = most credit; ties share the better rank."""
    ordered = sorted(values.values(), reverse=True)
    return {key: ordered.index(value) + 1 for key, value in values.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", type=Path, default=None)
    parser.add_argument("--type", dest="conversion_type", default=None)
    args = parser.parse_args()
    con = duckdb.connect(str(args.database or duckdb_path()), read_only=True)
    rows = con.execute(QUERY).fetchall()
    con.close()
    by_type: dict[str, list[tuple[str, float, float, float, float]]] = {}
    for conversion_type, channel, markov, per_conversion, shapley, last_touch in rows:
        by_type.setdefault(conversion_type, []).append(
            (channel, markov, per_conversion, shapley, last_touch)
        )
    for conversion_type in sorted(by_type, key=lambda t: ORDER.index(t) if t in ORDER else 99):
        if args.conversion_type and conversion_type != args.conversion_type:
            continue
        channels = by_type[conversion_type]
        markov_rank = rank({c[0]: c[1] for c in channels})
        last_rank = rank({c[0]: c[4] for c in channels})
        total = sum(c[4] for c in channels)
        print(f"\n**{conversion_type}** ({total:,.0f} conversions)\n")
        print("| channel | Markov | rank | last_touch | rank | Markov per conversion | Shapley |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for channel, markov, per_conversion, shapley, last_touch in channels:
            print(
                f"| {channel} | {markov:,.1f} | {markov_rank[channel]} | {last_touch:,.1f} | "
                f"{last_rank[channel]} | {per_conversion:,.1f} | {shapley:,.1f} |"
            )


if __name__ == "__main__":
    main()
