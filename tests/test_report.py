"""`sam report` on the hand-written marts of tests/marts_fixture.py (numbers worked out there):
what each chart is fed, the headline sentences, a self-contained page, and the page rendered in
headless Chromium with every chart decoded and no console message."""

from __future__ import annotations

import base64
import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from browser import find_chromium, render
from marts_fixture import build_marts

from sam.report.build import build_report, headlines
from sam.report.charts import money_formatter
from sam.report.data import ReportError, load

SAM = str(Path(sys.executable).parent / "sam")
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_marts(tmp_path_factory.mktemp("marts") / "sam.duckdb")


def test_chart_data_are_the_marts_numbers(database: Path) -> None:
    data = load(database, "linear")
    assert data.models == ["first_touch", "linear"]
    ranks = {r.channel: r for r in data.ranks}
    assert set(ranks) == {"Display", "Paid Search"}  # the channels with spend
    display, search = ranks["Display"], ranks["Paid Search"]
    assert (display.rank_by_cpl, display.rank_by_roi) == (1, 2)
    assert (search.rank_by_cpl, search.rank_by_roi) == (2, 1)
    assert display.cost_per_lead == pytest.approx(250 / 3)
    assert display.roi == pytest.approx((200 - 250) / 250)
    assert search.roi == pytest.approx((500 - 300) / 300)
    assert data.revenue_by_model["Paid Search"] == {"first_touch": 1000.0, "linear": 500.0}
    assert data.revenue_by_model["Organic Search"] == {"first_touch": 0.0, "linear": 500.0}
    assert ("Display", 3, 1) in data.junk and ("(no web touch)", 1, 0) in data.junk
    assert data.weekly == [(dt.date(2024, 12, 30), 550.0, 1200.0)]
    assert data.coverage == [
        ("lead_created", 7, 6, 0.0, 0.0),
        ("closed_won", 2, 2, 1200.0, 1200.0),
    ]


def test_headlines_say_what_to_see(database: Path) -> None:
    lines = headlines(load(database, "linear"), money_formatter("USD"))
    assert lines["myopia"] == (
        "Display has the cheapest leads ($83 each) but ranks 2nd of 2 by ROI (-20%); "
        "Paid Search, 2nd by cost per lead ($150), has the best ROI (+67%)."
    )
    assert lines["junk_share"] == "Display: 33% of its 3 leads are junk (all channels: 14% of 7)."
    assert lines["revenue_by_model"] == (
        "Paid Search is credited anywhere from $500 (linear) to $1.0k (first touch) of the same "
        "won revenue."
    )
    assert lines["spend_vs_revenue"] == "$550 spent, $1.2k won, ROI +118%."
    assert lines["touch_coverage"] == "100% of won deals (2 of 2) have a touch."


def test_page_is_self_contained_and_embeds_the_pngs(database: Path, tmp_path: Path) -> None:
    report = build_report(database, tmp_path, "linear")
    page = report.html.read_text(encoding="utf-8")
    assert "<script" not in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)  # nothing fetched
    embedded = re.findall(r'src="data:image/png;base64,([^"]+)"', page)
    assert len(embedded) == 5
    for name, path in report.images.items():
        png = path.read_bytes()
        assert png.startswith(PNG_MAGIC), name
        assert base64.b64encode(png).decode() in embedded, name


def test_page_renders_in_chromium_with_every_chart(database: Path, tmp_path: Path) -> None:
    chromium = find_chromium()
    if chromium is None:
        pytest.skip("no Chromium on PATH (apt-get install chromium; `make test` installs it)")
    report = build_report(database, tmp_path, "linear")
    rendered = render(chromium, report.html)
    assert rendered.console == []
    assert [alt for _, alt in rendered.images] == [
        "Ranked by cost per lead vs ranked by ROI",
        "Revenue by channel under each attribution model",
        "Junk-lead share by channel",
        "Spend vs revenue over time",
        "Touch coverage",
    ]
    assert all(width > 500 for width, _ in rendered.images), rendered.images
    assert "Display has the cheapest leads" in rendered.dom


def test_the_browser_check_sees_a_broken_chart_and_a_script_error(tmp_path: Path) -> None:
    chromium = find_chromium()
    if chromium is None:
        pytest.skip("no Chromium on PATH (apt-get install chromium; `make test` installs it)")
    page = tmp_path / "broken.html"
    page.write_text(
        '<!DOCTYPE html><html><body><img src="data:image/png;base64,AAAA" alt="chart">'
        '<script>throw new Error("boom")</script></body></html>'
    )
    rendered = render(chromium, page)
    assert rendered.images == [(0, "chart")]
    assert rendered.console == ["Uncaught Error: boom"]


def test_cli_writes_the_report_and_rejects_an_unknown_model(database: Path, tmp_path: Path) -> None:
    env = dict(os.environ, SAM_DUCKDB_PATH=str(database))
    ok = subprocess.run(
        [SAM, "report", "--out", str(tmp_path), "--model", "first_touch"],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.strip() == (
        f"sam report: {tmp_path / 'sam-report.html'} (5 charts, also as PNG beside it)"
    )
    bad = subprocess.run(
        [SAM, "report", "--out", str(tmp_path), "--model", "markov"],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert bad.returncode == 2
    assert bad.stderr.strip() == (
        "sam: attribution model 'markov' is not in rpt_channel_scorecard (has: first_touch, linear)"
    )


def test_missing_mart_is_one_line(tmp_path: Path) -> None:
    database = build_marts(tmp_path / "sam.duckdb")
    import duckdb

    with duckdb.connect(str(database)) as con:
        con.execute("drop table fct_leads")
    with pytest.raises(ReportError, match="a mart is missing: .*fct_leads"):
        load(database, "linear")


def test_myopia_uses_the_all_leads_ranking_when_the_scorecard_splits_cpl(tmp_path: Path) -> None:
    """The marts may also rank cost per lead over all leads (rank_by_cpl_all_leads) and rank
    rank_by_cpl over qualified leads (cost_per_qualified_lead, junk removed): the chart then has
    three columns and the headline names the naive (all-leads) cheapest channel."""
    import duckdb

    database = build_marts(tmp_path / "sam.duckdb")
    with duckdb.connect(str(database)) as con:
        con.execute(
            "alter table rpt_channel_scorecard add column cost_per_qualified_lead double;"
            "alter table rpt_channel_scorecard add column rank_by_cpl_all_leads integer;"
            # Display: 250 / (3 - 1 junk) = 125 per qualified lead.
            "update rpt_channel_scorecard set rank_by_cpl_all_leads = rank_by_cpl, "
            "cost_per_qualified_lead = spend / (leads - junk_leads)"
        )
        # A qualified ranking that differs from the all-leads one (values need not agree here).
        con.execute(
            "update rpt_channel_scorecard set rank_by_cpl = case channel when 'Paid Search' "
            "then 1 when 'Display' then 2 end where rank_by_cpl is not null"
        )
    data = load(database, "linear")
    display = next(r for r in data.ranks if r.channel == "Display")
    assert (display.rank_by_cpl_all_leads, display.rank_by_cpl) == (1, 2)
    assert display.cost_per_qualified_lead == pytest.approx(125.0)
    line = headlines(data, money_formatter("USD"))["myopia"]
    assert line.startswith("Display has the cheapest leads ($83 each) but ranks 2nd of 2 by ROI")
    report = build_report(database, tmp_path / "out", "linear")
    assert "<th>cost per qualified lead</th>" in report.html.read_text()
