"""`sam report`: one self-contained HTML page (charts embedded as base64 PNG, no script, no CDN)
plus the PNG files themselves, drawn from the marts."""

from __future__ import annotations

import base64
import datetime as dt
import html
from dataclasses import dataclass
from pathlib import Path

from sam.report.charts import CHARTS, Money, money_formatter, split_cpl
from sam.report.data import ChannelRank, ReportData, load


@dataclass(frozen=True)
class Report:
    html: Path
    images: dict[str, Path]


CSS = """
body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #222;
       max-width: 1100px; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; }
h1 { font-size: 1.7rem; margin-bottom: .2rem; }
h2 { font-size: 1.25rem; margin: 2.4rem 0 .3rem; }
p.lead { font-size: 1.1rem; margin: .3rem 0 1rem; }
p.meta { color: #666; font-size: .9rem; }
img { max-width: 100%; height: auto; border: 1px solid #eee; }
table { border-collapse: collapse; font-size: .92rem; margin-top: .6rem; }
th, td { padding: .25rem .7rem; border-bottom: 1px solid #eee; text-align: right; }
th:first-child, td:first-child { text-align: left; }
"""


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def headlines(data: ReportData, money: Money) -> dict[str, str]:
    """One sentence per chart saying what to see (plain text)."""
    lines: dict[str, str] = {}
    if len(data.ranks) >= 2:
        # The naive ranking a marketer sees first: over all leads when the scorecard has it.
        def cpl_rank(r: ChannelRank) -> int:
            return (
                r.rank_by_cpl_all_leads
                if split_cpl(data) and r.rank_by_cpl_all_leads
                else (r.rank_by_cpl)
            )

        cheapest = min(data.ranks, key=lambda r: (cpl_rank(r), r.channel))
        best = min(data.ranks, key=lambda r: (r.rank_by_roi, r.channel))
        n = len(data.ranks)
        if cheapest.channel == best.channel:
            lines["myopia"] = (
                f"{cheapest.channel} has both the cheapest leads "
                f"({money(cheapest.cost_per_lead)} each) and the best ROI ({cheapest.roi:+.0%})."
            )
        else:
            lines["myopia"] = (
                f"{cheapest.channel} has the cheapest leads ({money(cheapest.cost_per_lead)} "
                f"each) but ranks {_ordinal(cheapest.rank_by_roi)} of {n} by ROI "
                f"({cheapest.roi:+.0%}); {best.channel}, {_ordinal(cpl_rank(best))} by cost "
                f"per lead ({money(best.cost_per_lead)}), has the best ROI ({best.roi:+.0%})."
            )
    else:
        lines["myopia"] = "Fewer than two paid channels have both spend and leads to rank."
    spreads = [
        (max(by.values()) - min(by.values()), channel, by)
        for channel, by in data.revenue_by_model.items()
        if by and len(by) > 1
    ]
    if spreads:
        _, channel, by = max(spreads)
        low = min(by, key=lambda m: by[m])
        high = max(by, key=lambda m: by[m])
        lines["revenue_by_model"] = (
            f"{channel} is credited anywhere from {money(by[low])} ({low.replace('_', ' ')}) to "
            f"{money(by[high])} ({high.replace('_', ' ')}) of the same won revenue."
        )
    else:
        lines["revenue_by_model"] = "One model only: nothing to compare."
    junk = [r for r in data.junk if r[1] > 0]
    if junk:
        total = sum(r[1] for r in junk)
        overall = sum(r[2] for r in junk) / total
        worst = max(junk, key=lambda r: (r[2] / r[1], r[1]))
        lines["junk_share"] = (
            f"{worst[0]}: {worst[2] / worst[1]:.0%} of its {worst[1]:,} leads are junk "
            f"(all channels: {overall:.0%} of {total:,})."
        )
    else:
        lines["junk_share"] = "No leads."
    spend = sum(s for _, s, _ in data.weekly)
    revenue = sum(r for _, _, r in data.weekly)
    roi = f", ROI {(revenue - spend) / spend:+.0%}" if spend else ""
    lines["spend_vs_revenue"] = f"{money(spend)} spent, {money(revenue)} won{roi}."
    won = [c for c in data.coverage if c[0] == "closed_won"]
    if won and won[0][1]:
        _, n, touched, _, _ = won[0]
        lines["touch_coverage"] = (
            f"{touched / n:.0%} of won deals ({touched:,} of {n:,}) have a touch."
        )
    else:
        lines["touch_coverage"] = "Share of each conversion type with at least one touch."
    return lines


SECTIONS = {
    "myopia": "Ranked by cost per lead vs ranked by ROI",
    "revenue_by_model": "Revenue by channel under each attribution model",
    "junk_share": "Junk-lead share by channel",
    "spend_vs_revenue": "Spend vs revenue over time",
    "touch_coverage": "Touch coverage",
}


def _rank_table(data: ReportData, money: Money) -> str:
    split = split_cpl(data)
    head = ["channel", "leads", "spend", "revenue", "cost per lead"]
    head += ["cost per qualified lead"] if split else []
    head += ["ROI"]
    head += (
        ["rank by cost per lead", "rank by cost per qualified lead"]
        if split
        else ["rank by cost per lead"]
    )
    head += ["rank by ROI"]

    def cells(r: ChannelRank) -> list[str]:
        row = [html.escape(r.channel), f"{r.leads:,.0f}", money(r.spend), money(r.revenue)]
        row += [money(r.cost_per_lead)]
        row += [money(r.cost_per_qualified_lead or 0)] if split else []
        row += [f"{r.roi:+.0%}"]
        row += [str(r.rank_by_cpl_all_leads), str(r.rank_by_cpl)] if split else [str(r.rank_by_cpl)]
        return [*row, str(r.rank_by_roi)]

    rows = "".join(
        "<tr>" + "".join(f"<td>{c}</td>" for c in cells(r)) + "</tr>"
        for r in sorted(data.ranks, key=lambda r: (r.rank_by_roi, r.channel))
    )
    header = "".join(f"<th>{h}</th>" for h in head)
    return f"<table><thead><tr>{header}</tr></thead><tbody>{rows}</tbody></table>"


def render_html(data: ReportData, images: dict[str, bytes], money: Money, source: str) -> str:
    lines = headlines(data, money)
    parts = []
    for name, heading in SECTIONS.items():
        encoded = base64.b64encode(images[name]).decode("ascii")
        parts.append(
            f'<section id="{name}"><h2>{html.escape(heading)}</h2>'
            f'<p class="lead">{html.escape(lines[name])}</p>'
            f'<img src="data:image/png;base64,{encoded}" alt="{html.escape(heading)}">'
            + (_rank_table(data, money) if name == "myopia" else "")
            + "</section>"
        )
    period = f"{data.first_day} to {data.last_day}" if data.first_day else "no dates"
    generated = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>SAM report: channels by cost per lead vs ROI</title><style>{CSS}</style></head>"
        "<body><h1>SAM: what each channel really returns</h1>"
        f'<p class="meta">Attribution model for rankings and totals: '
        f"{html.escape(data.model.replace('_', ' '))} (of {len(data.models)}). Period: {period}. "
        f"Source: {html.escape(source)}. Generated {generated}.</p>"
        + "".join(parts)
        + "</body></html>\n"
    )


def build_report(database: Path, out_dir: Path, model: str, currency: str = "USD") -> Report:
    """Draw every chart, write <out_dir>/sam-report.html and <out_dir>/<chart>.png."""
    data = load(database, model)
    money = money_formatter(currency)
    images = {name: draw(data, money) for name, draw in CHARTS.items()}
    out_dir.mkdir(parents=True, exist_ok=True)
    paths: dict[str, Path] = {}
    for name, png in images.items():
        paths[name] = out_dir / f"{name}.png"
        paths[name].write_bytes(png)
    page = out_dir / "sam-report.html"
    page.write_text(render_html(data, images, money, database.name), encoding="utf-8")
    return Report(page, paths)
