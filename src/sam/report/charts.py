"""The report's charts (matplotlib, Agg backend): each function returns a PNG as bytes."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import matplotlib

matplotlib.use("Agg")
# Labels hold currency signs: never read "$...$" as TeX.
matplotlib.rcParams["text.parse_math"] = False

import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FuncFormatter, PercentFormatter  # noqa: E402

from sam.report.data import ChannelRank, ReportData  # noqa: E402

WORSE = "#c0392b"  # looks better on CPL than on ROI
BETTER = "#1e8449"  # looks worse on CPL than on ROI
SAME = "#7f8c8d"
SPEND = "#e67e22"
REVENUE = "#2471a3"
INK = "#222222"
MODEL_ORDER = [
    "first_touch", "last_touch", "last_non_direct", "linear", "time_decay", "u_shaped",
    "w_shaped", "full_path", "markov", "shapley",
]  # fmt: skip
SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}

Money = Callable[[float], str]


def money_formatter(currency: str) -> Money:
    """12,345.6 -> '$12.3k' (or 'CHF 12.3k' for a currency without a symbol here)."""
    prefix = SYMBOLS.get(currency, f"{currency} ")

    def fmt(value: float) -> str:
        sign = "-" if value < 0 else ""
        value = abs(value)
        for limit, suffix in ((1e9, "bn"), (1e6, "M"), (1e3, "k")):
            if value >= limit:
                return f"{sign}{prefix}{value / limit:.1f}{suffix}"
        return f"{sign}{prefix}{value:,.0f}"

    return fmt


def _png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight", facecolor="white")
    plt.close(fig)
    return buffer.getvalue()


HEADER = 0.95  # inches above the plot for the title and subtitle
FOOTER = 0.35


def _figure(
    width: float, body: float, left: float, right: float, top_pad: float = 0.0
) -> tuple[Figure, Any]:
    """A figure with `body` inches of plot under a fixed header; left/right margins in inches."""
    height = HEADER + top_pad + body + FOOTER
    fig = plt.figure(figsize=(width, height))
    ax = fig.add_axes(
        (left / width, FOOTER / height, (width - left - right) / width, body / height)
    )
    return fig, ax


def _title(fig: Figure, title: str, subtitle: str) -> None:
    height = fig.get_figheight()
    fig.text(0.012, 1 - 0.12 / height, title, fontsize=16, fontweight="bold", color=INK, va="top")
    fig.text(0.012, 1 - 0.52 / height, subtitle, fontsize=10.5, color="#555555", va="top")


def _empty(title: str, message: str) -> bytes:
    fig, ax = _figure(9, 1.0, left=0.2, right=0.2)
    ax.axis("off")
    _title(fig, title, "")
    fig.text(0.5, 0.4, message, ha="center", va="center", fontsize=12, color="#555555")
    return _png(fig)


def split_cpl(data: ReportData) -> bool:
    """Whether the scorecard ranks cost per lead both over all leads and over qualified ones."""
    return bool(data.ranks) and all(
        r.rank_by_cpl_all_leads is not None and r.cost_per_qualified_lead is not None
        for r in data.ranks
    )


Label = Callable[[ChannelRank], str]


def rank_stages(data: ReportData, money: Money) -> list[tuple[str, Label]]:
    """The columns of the myopia chart: (heading, label of a channel at its rank)."""
    roi: tuple[str, Label] = (
        "Ranked by ROI\n(best first)",
        lambda r: f"#{r.rank_by_roi}  {r.channel}  ROI {r.roi:+.0%}",
    )
    if split_cpl(data):
        return [
            (
                "Ranked by cost per lead\n(cheapest first)",
                lambda r: f"#{r.rank_by_cpl_all_leads}  {r.channel}  {money(r.cost_per_lead)}",
            ),
            (
                "... per qualified lead\n(junk removed)",
                lambda r: f"#{r.rank_by_cpl}  {r.channel}  {money(r.cost_per_qualified_lead or 0)}",
            ),
            roi,
        ]
    return [
        (
            "Ranked by cost per lead\n(cheapest first)",
            lambda r: f"#{r.rank_by_cpl}  {r.channel}  {money(r.cost_per_lead)}",
        ),
        roi,
    ]


def stage_ranks(data: ReportData) -> list[list[int]]:
    """Per stage of rank_stages, each channel's rank (in data.ranks order)."""
    stages = [[r.rank_by_cpl for r in data.ranks], [r.rank_by_roi for r in data.ranks]]
    if split_cpl(data):
        stages.insert(0, [r.rank_by_cpl_all_leads or 0 for r in data.ranks])
    return stages


def myopia(data: ReportData, money: Money) -> bytes:
    """Slope chart: each paid channel's rank by cost per lead (left; by cost per qualified lead
    next when the scorecard has it) against its rank by ROI (right). A line going down is a channel
    that looks good on cost per lead and returns little."""
    title = "The cheapest leads are not the best return"
    ranks = data.ranks
    if len(ranks) < 2:
        return _empty(title, "Fewer than two paid channels with both spend and leads to rank.")
    stages = rank_stages(data, money)
    by_stage = stage_ranks(data)
    # Position = order within the stage (ties broken by name) so labels never overlap.
    positions = []
    for stage in by_stage:
        order = sorted(range(len(ranks)), key=lambda i: (stage[i], ranks[i].channel))
        positions.append({i: y for y, i in enumerate(order)})
    n, k = len(ranks), len(stages)
    width = 4.2 * k + 1.0
    fig, ax = _figure(width, 0.62 * (n + 1.3), left=0.5, right=0.5, top_pad=0.1)
    xs = [stage * 1.0 for stage in range(k)]
    for i in range(n):
        first, last = positions[0][i], positions[-1][i]
        color = WORSE if last > first else BETTER if last < first else SAME
        ys = [positions[s][i] for s in range(k)]
        ax.plot(xs, ys, color=color, linewidth=3, solid_capstyle="round")
        ax.scatter(xs, ys, color=color, s=60, zorder=3)
    for s, (heading, label) in enumerate(stages):
        # Outer columns: labels outside the dots; a middle column: above its dot.
        align, dx, dy = ("right", -0.06, 0.0) if s == 0 else ("left", 0.06, 0.0)
        if 0 < s < k - 1:
            align, dx, dy = "center", 0.0, -0.32
        for i, r in enumerate(ranks):
            ax.text(
                xs[s] + dx, positions[s][i] + dy, label(r), ha=align, va="center", fontsize=11,
                color=INK, bbox={"facecolor": "white", "edgecolor": "none", "pad": 1},
            )  # fmt: skip
        ax.text(xs[s], -0.8, heading, ha="center", va="bottom", fontsize=11.5,
                fontweight="bold", color=INK)  # fmt: skip
    ax.set_xlim(-0.9, xs[-1] + 0.9)
    ax.set_ylim(n - 0.4, -1.4)
    ax.axis("off")
    period = f", {data.first_day} to {data.last_day}" if data.first_day else ""
    _title(
        fig,
        title,
        f"Paid channels, {data.model.replace('_', ' ')} attribution{period}. "
        "Red: ranks worse by ROI than by cost per lead. Green: better.",
    )
    return _png(fig)


def revenue_by_model(data: ReportData, money: Money) -> bytes:
    """Heat table: revenue credited to each channel (rows) under each model (columns)."""
    title = "Revenue by channel under each attribution model"
    channels = [c for c, by in data.revenue_by_model.items() if any(v for v in by.values())]
    models = [m for m in MODEL_ORDER if m in data.models] + sorted(
        m for m in data.models if m not in MODEL_ORDER
    )
    if not channels or not models:
        return _empty(title, "No revenue in fct_channel_daily.")
    channels.sort(key=lambda c: -sum(data.revenue_by_model[c].values()))
    grid = [[data.revenue_by_model[c].get(m, 0.0) for m in models] for c in channels]
    top = max(max(row) for row in grid) or 1.0
    fig, ax = _figure(
        max(2.2 + 1.0 * len(models), 8.0), 0.45 * len(channels), left=2.0, right=0.2, top_pad=0.4
    )
    ax.imshow(grid, cmap="Blues", vmin=0, vmax=top * 1.15, aspect="auto")
    for i, row in enumerate(grid):
        for j, value in enumerate(row):
            ax.text(j, i, money(value), ha="center", va="center", fontsize=9,
                    color="white" if value > top * 0.6 else INK)  # fmt: skip
    ax.set_xticks(range(len(models)), [m.replace("_", " ") for m in models], fontsize=10)
    ax.xaxis.tick_top()
    ax.set_yticks(range(len(channels)), channels, fontsize=10.5)
    ax.tick_params(length=0)
    for side in ax.spines.values():
        side.set_visible(False)
    _title(fig, title, "Same won revenue, split by each model's rule: the spread is the doubt.")
    return _png(fig)


def junk_share(data: ReportData, money: Money) -> bytes:
    """Bars: the share of each channel's leads flagged junk, with the all-channel share."""
    title = "Junk-lead share by channel"
    rows = [r for r in data.junk if r[1] > 0]
    if not rows:
        return _empty(title, "No leads in fct_leads.")
    rows.sort(key=lambda r: r[2] / r[1])
    total = sum(r[1] for r in rows)
    overall = sum(r[2] for r in rows) / total
    fig, ax = _figure(10, 0.42 * len(rows) + 0.3, left=2.0, right=0.4)
    shares = [j / n for _, n, j in rows]
    colors = [WORSE if s > overall else SAME for s in shares]
    ax.barh([r[0] for r in rows], shares, color=colors, height=0.65)
    for i, (_, n, j) in enumerate(rows):
        ax.text(j / n + 0.005, i, f"{j / n:.0%}  ({j:,} of {n:,})", va="center", fontsize=10)
    ax.axvline(overall, color=INK, linestyle="--", linewidth=1)
    ax.text(overall, len(rows) - 0.4, f" all channels {overall:.0%}", fontsize=10, color=INK)
    ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.set_xlim(0, max(max(shares) * 1.35, overall * 1.5, 0.05))
    ax.tick_params(axis="y", length=0, labelsize=10.5)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    _title(fig, title, "Leads by the channel that created them; red: above the all-channel share.")
    return _png(fig)


def spend_vs_revenue(data: ReportData, money: Money) -> bytes:
    """Lines: weekly spend and won revenue."""
    title = "Spend vs revenue, week by week"
    if not data.weekly:
        return _empty(title, "No days in fct_channel_daily.")
    weeks = [float(mdates.date2num(w)) for w, _, _ in data.weekly]  # type: ignore[no-untyped-call]
    spend = [s for _, s, _ in data.weekly]
    revenue = [r for _, _, r in data.weekly]
    fig, ax = _figure(10, 3.4, left=0.8, right=0.2)
    ax.plot(weeks, revenue, color=REVENUE, linewidth=2.4, label="won revenue")
    ax.plot(weeks, spend, color=SPEND, linewidth=2.4, label="ad spend")
    ahead = [r >= s for r, s in zip(revenue, spend, strict=True)]
    ax.fill_between(weeks, spend, revenue, where=ahead, color=REVENUE, alpha=0.08,
                    interpolate=True)  # fmt: skip
    ax.xaxis.set_major_locator(mdates.MonthLocator())  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))  # type: ignore[no-untyped-call]
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: money(v)))
    ax.legend(frameon=False, loc="upper left", fontsize=10.5)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="y", color="#eeeeee")
    total_spend, total_revenue = sum(spend), sum(revenue)
    _title(
        fig,
        title,
        f"In total {money(total_spend)} spent, {money(total_revenue)} won "
        f"(revenue on the close date, spend on its day).",
    )
    return _png(fig)


def touch_coverage(data: ReportData, money: Money) -> bytes:
    """Bars: per conversion type, the share of conversions (and value) with at least one touch."""
    title = "Touch coverage: conversions SAM can tie to a touch"
    if not data.coverage:
        return _empty(title, "No conversions in fct_attribution_credits.")
    labels = [t.replace("_", " ") for t, *_ in data.coverage]
    share = [touched / n if n else 0.0 for _, n, touched, _, _ in data.coverage]
    value_share = [vt / v if v else None for _, _, _, v, vt in data.coverage]
    fig, ax = _figure(10, 0.6 * len(labels) + 0.3, left=1.9, right=0.4)
    positions = list(range(len(labels)))
    ax.barh([p - 0.18 for p in positions], share, height=0.34, color=REVENUE,
            label="of conversions")  # fmt: skip
    ax.barh([p + 0.18 for p in positions], [v or 0 for v in value_share], height=0.34,
            color="#85c1e9", label="of their value")  # fmt: skip
    for p, (_, n, touched, _, _) in enumerate(data.coverage):
        ax.text(share[p] + 0.01, p - 0.18, f"{share[p]:.0%} ({touched:,} of {n:,})",
                va="center", fontsize=9.5)  # fmt: skip
        if value_share[p] is not None:
            ax.text((value_share[p] or 0) + 0.01, p + 0.18, f"{value_share[p]:.0%}",
                    va="center", fontsize=9.5)  # fmt: skip
    ax.set_yticks(positions, labels, fontsize=10.5)
    ax.invert_yaxis()
    ax.set_xlim(0, 1.25)
    ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.tick_params(axis="y", length=0)
    ax.legend(frameon=False, loc="lower right", fontsize=10)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    _title(fig, title, "The rest is credited to '(no web touch)' by every model.")
    return _png(fig)


CHARTS: dict[str, Callable[[ReportData, Money], bytes]] = {
    "myopia": myopia,
    "revenue_by_model": revenue_by_model,
    "junk_share": junk_share,
    "spend_vs_revenue": spend_vs_revenue,
    "touch_coverage": touch_coverage,
}
