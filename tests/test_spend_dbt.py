"""The spend layer built with dbt, checked against values computed here without the models.

1. Fivetran's own sample tables of the four ad connectors (tests/fixtures/fivetran/ads, see
   tests/fixtures/NOTICE) build through staging and the platform union: every raw row arrives, the
   latest version of each history entity is the one flagged, spend is conserved, and a column the
   sample lacks (Facebook's account currency) becomes a typed NULL.
2. A small generated demo world built up to fct_spend_daily: spend per platform x month equals the
   raw parquet converted at each day's rate (the rate looked up here from fx_rates.parquet), each
   campaign's channel is the channel its clicks truly have (the generator's catalog), and the
   unmatched report holds exactly the campaign whose ads are untagged.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
from collections import defaultdict
from pathlib import Path
from typing import Any

import duckdb
import pytest
from ga4_dbt import DbtWorkspace

from sam.demo import catalog as cat
from sam.demo.generator import DemoConfig, generate

ROOT = Path(__file__).parent.parent
SAMPLE = Path(__file__).parent / "fixtures" / "fivetran" / "ads"
MANUAL_COSTS_SEED = ROOT / "seeds" / "sam_manual_costs.csv"
PLATFORMS = ("google_ads", "microsoft_ads", "facebook_ads", "linkedin_ads")
ALL_ENABLED = {f"sam_{p}_enabled": True for p in PLATFORMS}
CENT = 0.005

# data-dir layout <platform>/<table>.parquet <- the sample's file names.
SAMPLE_FILES = {
    "google_ads": {
        "campaign_stats": "google_ads_campaign_stats_data.csv",
        "campaign_history": "google_ads_campaign_history_data.csv",
        "account_history": "google_ads_account_history_data.csv",
    },
    "facebook_ads": {
        "basic_ad": "facebook_ads_basic_ad_data.csv",
        "ad_history": "facebook_ads_ad_history_data.csv",
        "ad_set_history": "facebook_ads_ad_set_history_data.csv",
        "campaign_history": "facebook_ads_campaign_history_data.csv",
        "account_history": "facebook_ads_account_history_data.csv",
    },
    "linkedin_ads": {
        "ad_analytics_by_campaign": "linkedin_ad_analytics_by_campaign_data.csv",
        "campaign_history": "linkedin_ad_campaign_history_data.csv",
        "campaign_group_history": "linkedin_ad_campaign_group_history_data.csv",
        "account_history": "linkedin_ad_account_history_data.csv",
    },
    "microsoft_ads": {
        "campaign_performance_daily_report": (
            "microsoft_ads_campaign_performance_daily_report_data.csv"
        ),
        "campaign_history": "microsoft_ads_campaign_history_data.csv",
        "account_history": "microsoft_ads_account_history_data.csv",
    },
}
STAGING = {
    ("google_ads", "campaign_stats"): "stg_google_ads__campaign_stats",
    ("google_ads", "campaign_history"): "stg_google_ads__campaign_history",
    ("google_ads", "account_history"): "stg_google_ads__account_history",
    ("facebook_ads", "basic_ad"): "stg_facebook_ads__basic_ad",
    ("facebook_ads", "ad_history"): "stg_facebook_ads__ad_history",
    ("facebook_ads", "ad_set_history"): "stg_facebook_ads__ad_set_history",
    ("facebook_ads", "campaign_history"): "stg_facebook_ads__campaign_history",
    ("facebook_ads", "account_history"): "stg_facebook_ads__account_history",
    ("linkedin_ads", "ad_analytics_by_campaign"): "stg_linkedin_ads__ad_analytics_by_campaign",
    ("linkedin_ads", "campaign_history"): "stg_linkedin_ads__campaign_history",
    ("linkedin_ads", "campaign_group_history"): "stg_linkedin_ads__campaign_group_history",
    ("linkedin_ads", "account_history"): "stg_linkedin_ads__account_history",
    (
        "microsoft_ads",
        "campaign_performance_daily_report",
    ): "stg_microsoft_ads__campaign_performance_daily_report",
    ("microsoft_ads", "campaign_history"): "stg_microsoft_ads__campaign_history",
    ("microsoft_ads", "account_history"): "stg_microsoft_ads__account_history",
}
# (platform, table): (id column, version-order columns, staging id column, staging time column)
HISTORY = {
    ("google_ads", "campaign_history"): ("id", ("updated_at",), "campaign_id", "updated_at"),
    ("google_ads", "account_history"): ("id", ("updated_at",), "account_id", "updated_at"),
    ("facebook_ads", "ad_history"): (
        "id",
        ("updated_time", "_fivetran_synced"),
        "ad_id",
        "synced_at",
    ),
    ("facebook_ads", "ad_set_history"): (
        "id",
        ("updated_time", "_fivetran_synced"),
        "ad_set_id",
        "synced_at",
    ),
    ("facebook_ads", "campaign_history"): (
        "id",
        ("updated_time", "_fivetran_synced"),
        "campaign_id",
        "synced_at",
    ),
    ("facebook_ads", "account_history"): ("id", ("_fivetran_synced",), "account_id", "synced_at"),
    ("linkedin_ads", "campaign_history"): (
        "id",
        ("last_modified_time",),
        "campaign_id",
        "updated_at",
    ),
    ("linkedin_ads", "campaign_group_history"): (
        "id",
        ("last_modified_time",),
        "campaign_group_id",
        "updated_at",
    ),
    ("linkedin_ads", "account_history"): (
        "id",
        ("last_modified_time",),
        "account_id",
        "updated_at",
    ),
    ("microsoft_ads", "campaign_history"): ("id", ("modified_time",), "campaign_id", "updated_at"),
    ("microsoft_ads", "account_history"): (
        "id",
        ("last_modified_time",),
        "account_id",
        "updated_at",
    ),
}
# (raw stats table, spend column, divisor): the raw spend of each platform in the sample.
RAW_SPEND = {
    "google_ads": ("campaign_stats", "cost_micros", 1_000_000),
    "facebook_ads": ("basic_ad", "spend", 1),
    "linkedin_ads": ("ad_analytics_by_campaign", "cost_in_local_currency", 1),
    "microsoft_ads": ("campaign_performance_daily_report", "spend", 1),
}

Row = dict[str, str]


def read_csv(platform: str, table: str) -> list[Row]:
    with (SAMPLE / SAMPLE_FILES[platform][table]).open(newline="") as f:
        return list(csv.DictReader(f))


def parse_time(text: str) -> dt.datetime:
    """The sample's timestamps: 'T' or ' ' separated, one- or two-digit hours, optional fraction."""
    text = text.replace("T", " ")
    fmt = "%Y-%m-%d %H:%M:%S.%f" if "." in text else "%Y-%m-%d %H:%M:%S"
    return dt.datetime.strptime(text, fmt)


# ---- 1. Fivetran's sample tables -------------------------------------------------------------


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> DbtWorkspace:
    tmp = tmp_path_factory.mktemp("spend_fivetran_sample")
    data = tmp / "data"
    con = duckdb.connect()
    for platform, tables in SAMPLE_FILES.items():
        (data / platform).mkdir(parents=True)
        for table, name in tables.items():
            con.execute(
                f"copy (select * from read_csv_auto('{SAMPLE / name}', header = true)) "
                f"to '{data / platform / table}.parquet' (format parquet)"
            )
    con.close()
    ws = DbtWorkspace(data, tmp / "sample.duckdb", tmp / "work")
    ws.dbt(
        "build",
        "--select",
        *(f"staging.{p}" for p in PLATFORMS),
        "ga4_source_categories",
        "int_ad_platforms__campaign_stats_daily",
        "int_ad_platforms__campaigns",
        "--exclude-resource-type",
        "unit_test",
        dbt_vars=ALL_ENABLED,
    )
    return ws


def test_sample_builds_every_staging_model_and_its_tests(sample: DbtWorkspace) -> None:
    results = sample.run_results()
    for model in STAGING.values():
        assert results.get(model) == "success", model
    assert all(status in ("success", "pass") for status in results.values()), results


def test_every_raw_sample_row_reaches_staging(sample: DbtWorkspace) -> None:
    for (platform, table), model in STAGING.items():
        assert sample.scalar(f"select count(*) from main.{model}") == len(
            read_csv(platform, table)
        ), model


def test_latest_version_is_the_newest_row_of_each_id(sample: DbtWorkspace) -> None:
    several_versions = set()
    for (platform, table), (id_col, order_cols, stg_id, stg_time) in HISTORY.items():
        newest: dict[str, tuple[dt.datetime, ...]] = {}
        for row in read_csv(platform, table):
            key = tuple(parse_time(row[c]) for c in order_cols)
            newest[row[id_col]] = max(newest.get(row[id_col], key), key)
        # the staging time column is the last ordering column (the sync time on Facebook)
        expected = {(i, key[-1]) for i, key in newest.items()}
        model = STAGING[(platform, table)]
        got = set(
            sample.query(f"select {stg_id}, {stg_time} from main.{model} where is_latest_version")
        )
        assert got == expected, model
        if len(expected) < len(read_csv(platform, table)):
            several_versions.add(model)
    # the sample really has ids with several versions on every platform
    assert {
        "stg_google_ads__campaign_history",
        "stg_facebook_ads__ad_history",
        "stg_linkedin_ads__campaign_history",
        "stg_microsoft_ads__campaign_history",
    } <= several_versions


def test_sample_spend_is_conserved_into_the_platform_union(sample: DbtWorkspace) -> None:
    got = dict(
        sample.query(
            """select platform, sum(spend_original)
            from main.int_ad_platforms__campaign_stats_daily group by 1"""
        )
    )
    for platform, (table, column, divisor) in RAW_SPEND.items():
        raw = sum(float(r[column] or 0) for r in read_csv(platform, table)) / divisor
        assert abs(got[platform] - raw) < CENT, platform
    assert got["google_ads"] > 0 and got["microsoft_ads"] > 0


def test_a_column_the_connector_lacks_is_a_typed_null(sample: DbtWorkspace) -> None:
    """Fivetran's Facebook sample account_history has no currency column."""
    assert "currency" not in read_csv("facebook_ads", "account_history")[0]
    assert sample.query(
        "select distinct currency_code from main.stg_facebook_ads__account_history"
    ) == [(None,)]
    assert sample.query(
        """select distinct currency_code from main.int_ad_platforms__campaign_stats_daily
        where platform = 'facebook_ads'"""
    ) == [(None,)]


def test_every_sample_campaign_with_spend_has_a_channel(sample: DbtWorkspace) -> None:
    orphans = sample.query(
        """select s.platform, s.campaign_id
        from main.int_ad_platforms__campaign_stats_daily as s
        left join main.int_ad_platforms__campaigns as c
            on s.platform = c.platform and s.campaign_id = c.campaign_id
        where c.channel is null"""
    )
    assert orphans == []
    channels = dict(
        sample.query(
            "select platform, min(channel) from main.int_ad_platforms__campaigns group by 1"
        )
    )
    assert channels == {
        "google_ads": "Paid Search",
        "microsoft_ads": "Paid Search",
        "facebook_ads": "Paid Social",
        "linkedin_ads": "Paid Social",
    }


# ---- 2. A generated demo world up to fct_spend_daily ----------------------------------------

DEMO_START = dt.date(2024, 9, 20)
DEMO_AS_OF = dt.date(2024, 10, 20)
RAW_TABLES = {
    "google_ads": ("campaign_stats", "date", "cost_micros / 1e6"),
    "microsoft_ads": ("campaign_performance_daily_report", "date", "spend"),
    "facebook_ads": ("basic_ad", "date", "spend"),
    "linkedin_ads": ("ad_analytics_by_campaign", "cast(day as date)", "cost_in_local_currency"),
}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DbtWorkspace:
    tmp = tmp_path_factory.mktemp("spend_demo")
    data = tmp / "data"
    generate(DemoConfig(data, seed=42, start=DEMO_START, as_of=DEMO_AS_OF, scale=0.05))
    ws = DbtWorkspace(data, tmp / "demo.duckdb", tmp / "work")
    ws.dbt(
        "build",
        "--select",
        "+fct_spend_daily",
        "rpt_spend__unmatched_campaigns",
        "assert_spend_conserved_raw_to_mart",
        # only tests whose every parent is built (not the GA4 report's reconciliation)
        "--indirect-selection",
        "cautious",
        "--exclude-resource-type",
        "unit_test",
        dbt_vars=ALL_ENABLED,
    )
    return ws


def rates(data: Path) -> dict[tuple[dt.date, str], float]:
    """{(day, currency): rate into USD}, a day without a published rate taking the latest one
    at most 4 days older (sam_fx_max_rate_age_days)."""
    con = duckdb.connect()
    published = con.execute(
        f"""select date, currency_from, rate from read_parquet('{data}/fx/fx_rates.parquet')
        where currency_to = 'USD'"""
    ).fetchall()
    con.close()
    by_currency: dict[str, dict[dt.date, float]] = defaultdict(dict)
    for day, currency, rate in published:
        by_currency[currency][day] = rate
    out = {}
    for currency, days in by_currency.items():
        first, last = min(days), max(days) + dt.timedelta(days=4)
        day = first
        while day <= last:
            for age in range(5):
                if day - dt.timedelta(days=age) in days:
                    out[(day, currency)] = days[day - dt.timedelta(days=age)]
                    break
            day += dt.timedelta(days=1)
    return out


def raw_daily(data: Path) -> list[tuple[str, dt.date, float]]:
    """(platform, day, spend in the account currency) straight from the parquet files."""
    con = duckdb.connect()
    out: list[tuple[str, dt.date, float]] = []
    for platform, (table, day, amount) in RAW_TABLES.items():
        out += [
            (platform, d, a)
            for d, a in con.execute(
                f"""select {day}, sum({amount})
                from read_parquet('{data}/{platform}/{table}.parquet') group by 1"""
            ).fetchall()
        ]
    con.close()
    return out


def test_demo_spend_per_platform_and_month_is_raw_at_the_days_rate(demo: DbtWorkspace) -> None:
    fx = rates(demo.data_dir)
    expected: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0])
    for platform, day, amount in raw_daily(demo.data_dir):
        currency = cat.ACCOUNTS[platform].currency  # the generator's account currency
        rate = 1.0 if currency == "USD" else fx[(day, currency)]
        expected[(platform, f"{day:%Y-%m}")][0] += amount
        expected[(platform, f"{day:%Y-%m}")][1] += amount * rate
    got = {
        (p, m): (o, s)
        for p, m, o, s in demo.query(
            """select platform, strftime(date_day, '%Y-%m'), sum(spend_original), sum(spend)
            from main.fct_spend_daily where platform != 'manual' group by 1, 2"""
        )
    }
    assert set(got) == set(expected)
    assert {p for p, _ in got} == set(PLATFORMS)
    for key, (original, converted) in expected.items():
        assert abs(got[key][0] - original) < CENT, key
        assert abs(got[key][1] - converted) < CENT, key
    flagged = """select count(*) from main.fct_spend_daily
        where platform != 'manual' and fx_rate_missing"""
    assert demo.scalar(flagged) == 0
    assert demo.run_results()["assert_spend_conserved_raw_to_mart"] == "pass"


def test_demo_campaign_channels_are_the_true_channels_of_their_clicks(demo: DbtWorkspace) -> None:
    got = {
        (p, c): ch
        for p, c, ch in demo.query(
            "select platform, campaign_id, channel from main.dim_ad_campaigns"
        )
    }
    truth = {
        (c.platform, str(c.campaign_id)): cat.CHANNEL_BY_KEY[c.channel].ga4_channel
        for c in cat.CAMPAIGNS
        if (c.platform, str(c.campaign_id)) in got
    }
    assert got == truth
    assert "Display" in got.values() and "Paid Social" in got.values()


def test_demo_unmatched_spend_is_exactly_the_untagged_campaign(demo: DbtWorkspace) -> None:
    fx = rates(demo.data_dir)
    untagged = [c for c in cat.CAMPAIGNS if any(ad.untagged for ad in c.ads)]
    assert [c.name for c in untagged] == ["li-brand-awareness-video"]
    camp = untagged[0]
    con = duckdb.connect()
    raw = con.execute(
        f"""select cast(day as date), cost_in_local_currency
        from read_parquet('{demo.data_dir}/linkedin_ads/ad_analytics_by_campaign.parquet')
        where campaign_id = {camp.campaign_id}"""
    ).fetchall()
    con.close()
    expected_spend = sum(a * fx[(d, "GBP")] for d, a in raw)
    rows = demo.dicts("select * from main.rpt_spend__unmatched_campaigns")
    assert len(rows) == 1
    row: dict[str, Any] = rows[0]
    assert (row["platform"], row["campaign_id"]) == ("linkedin_ads", str(camp.campaign_id))
    assert abs(row["spend"] - expected_spend) < CENT
    assert row["days"] == sum(1 for _, a in raw if a != 0)
    # every other campaign with spend met its sessions by name
    others = f"""select distinct campaign_match from main.fct_spend_daily
        where platform != 'manual' and campaign_id != '{camp.campaign_id}'"""
    assert demo.query(others) == [("name",)]


def test_demo_manual_costs_are_spread_to_the_cent_and_never_dropped(demo: DbtWorkspace) -> None:
    with MANUAL_COSTS_SEED.open(newline="") as f:
        seed = list(csv.DictReader(f))
    fx = rates(demo.data_dir)
    months: dict[tuple[str, str], float] = defaultdict(float)
    for r in seed:
        months[(r["month"][:7], r["currency"])] += float(r["amount"])
    got = dict(
        ((m, c), o)
        for m, c, o in demo.query(
            """select strftime(date_day, '%Y-%m'), currency_original, sum(spend_original)
            from main.fct_spend_daily where platform = 'manual' group by 1, 2"""
        )
    )
    assert set(got) == set(months)
    for key, amount in months.items():
        assert abs(got[key] - amount) < CENT, key
    rows = demo.query(
        """select date_day, currency_original, spend_original, spend, fx_rate_missing
        from main.fct_spend_daily where platform = 'manual'"""
    )
    days = sum(calendar.monthrange(int(r["month"][:4]), int(r["month"][5:7]))[1] for r in seed)
    assert len(rows) == days
    for day, currency, original, spend, missing in rows:
        assert round(original * 100) == pytest.approx(original * 100)  # whole cents
        rate = 1.0 if currency == "USD" else fx.get((day, currency))
        if rate is None:  # the demo's rates cover its 31 days only: flagged, kept
            assert missing and spend is None
        else:
            assert not missing and abs(spend - original * rate) < CENT
