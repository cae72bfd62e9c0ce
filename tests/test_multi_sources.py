"""Several GA4 properties and several Google Ads connectors in one data directory (issue 19).

Two tiny demos (seeds 1 and 2, six weeks, scale 0.03) give two GA4 properties and two Google Ads
accounts (the second demo's account, campaign and row ids moved so the accounts differ, as two real
accounts do). Three builds of the session and spend models:
  - alone_a: the first demo as it is (one property, one account: the default vars);
  - alone_b: the first demo's CRM with the second demo's GA4 shards and Google Ads account;
  - together: ga4/111/ + ga4/222/ and google_ads/acct_a/ + google_ads/acct_b/, the layout from which
    `sam build` derives sam_ga4_properties and sam_google_ads_union_schemas.
Each property's session count together equals its count alone, and so does each account's spend;
session keys and the Google Ads staging keys stay unique (the builds' own unique tests, and
checked here).

CRM pass-through columns (Fivetran's *_pass_through_columns): alone_a also builds fct_leads and
fct_deals with HubSpot pass-through vars, and one more build of the first demo with Salesforce;
the values that arrive are compared with the raw connector files.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import duckdb
import pytest
import yaml
from faults import query, rewrite

REPO = Path(__file__).resolve().parents[1]
SAM = str(Path(sys.executable).parent / "sam")
SELECT = ["+fct_sessions", "+fct_spend_daily"]
# the second account: ids moved out of the first account's range
ID_SHIFT = 1_000_000_000


def generate(out: Path, seed: int) -> None:
    done = subprocess.run(
        [SAM, "demo-data", "--out", str(out), "--seed", str(seed), "--scale", "0.03",
         "--start", "2024-11-15", "--as-of", "2024-12-31", "--quiet"],
        text=True, capture_output=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr


def second_account(folder: Path) -> None:
    """Move a Google Ads connector's ids so it is another account."""
    rewrite(
        folder / "campaign_stats.parquet",
        f"select * replace (customer_id + {ID_SHIFT} as customer_id, id + {ID_SHIFT} as id, "
        f"'b-' || _fivetran_id as _fivetran_id)",
    )
    rewrite(
        folder / "campaign_history.parquet",
        f"select * replace (customer_id + {ID_SHIFT} as customer_id, id + {ID_SHIFT} as id)",
    )
    rewrite(folder / "account_history.parquet", f"select * replace (id + {ID_SHIFT} as id)")


HUBSPOT_PASS_THROUGH = {
    "sam_hubspot_contact_pass_through_columns": [
        {"name": "property_jobtitle", "alias": "job_title"},
        {
            "name": "property_country",
            "alias": "country_upper",
            "transform_sql": "upper(property_country)",
        },
    ],
    "sam_hubspot_deal_pass_through_columns": [{"name": "property_dealtype", "alias": "deal_type"}],
}
SALESFORCE_PASS_THROUGH = {
    "sam_crm": "salesforce",
    "sam_salesforce_person_pass_through_columns": [{"name": "title", "alias": "job_title"}],
    "sam_salesforce_opportunity_pass_through_columns": [
        {"name": "forecast_category", "alias": "forecast"},
        {"name": "type", "alias": "deal_type_lower", "transform_sql": "lower(type)"},
    ],
}
MARTS = ["+fct_leads", "+fct_deals"]
AD_PLATFORMS = ("google_ads", "facebook_ads", "linkedin_ads", "microsoft_ads")


def build(
    root: Path,
    name: str,
    data: Path,
    select: list[str] = SELECT,
    dbt_vars: Mapping[str, object] | None = None,
    expect_ok: bool = True,
) -> Path:
    database = root / f"{name}.duckdb"
    env = dict(os.environ)
    env.update(
        SAM_DATA_DIR=str(data),
        SAM_DUCKDB_PATH=str(database),
        DBT_TARGET_PATH=str(root / "target"),
        DBT_LOG_PATH=str(root / "target" / "logs"),
        SAM_DUCKDB_MEMORY_LIMIT="1GB",
    )
    env.pop("SAM_DEBUG", None)
    done = subprocess.run(
        [SAM, "build", "--select", *select, "--exclude-resource-type", "unit_test",
         "--indirect-selection", "cautious",
         *(["--vars", yaml.safe_dump(dbt_vars)] if dbt_vars else [])],
        env=env, cwd=REPO, text=True, capture_output=True, check=False,
    )  # fmt: skip
    if not expect_ok:
        assert done.returncode != 0, f"{name} passed"
        (root / f"{name}.log").write_text(done.stdout + done.stderr)
        return root / f"{name}.log"
    assert done.returncode == 0, f"{name}: " + done.stdout[-4000:] + done.stderr[-2000:]
    return database


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("multi_sources")
    seed_a, seed_b = root / "seed1", root / "seed2"
    generate(seed_a, 1)
    generate(seed_b, 2)
    second_account(seed_b / "google_ads")

    alone_b = root / "alone_b"
    shutil.copytree(seed_a, alone_b)
    for folder in ("ga4", "google_ads"):
        shutil.rmtree(alone_b / folder)
        shutil.copytree(seed_b / folder, alone_b / folder)

    together = root / "together"
    shutil.copytree(seed_a, together, ignore=shutil.ignore_patterns("ga4", "google_ads"))
    shutil.copytree(seed_a / "ga4", together / "ga4" / "111")
    shutil.copytree(seed_b / "ga4", together / "ga4" / "222")
    shutil.copytree(seed_a / "google_ads", together / "google_ads" / "acct_a")
    shutil.copytree(seed_b / "google_ads", together / "google_ads" / "acct_b")

    # two connectors of the same ids (staging keys must hold them apart by source_relation)
    same_ids = root / "same_ids"
    shutil.copytree(seed_a, same_ids, ignore=shutil.ignore_patterns(*AD_PLATFORMS))
    for platform in AD_PLATFORMS:
        for schema in ("portal_x", "portal_y"):
            shutil.copytree(seed_a / platform, same_ids / platform / schema)

    return {
        "alone_a": build(root, "alone_a", seed_a, SELECT + MARTS, HUBSPOT_PASS_THROUGH),
        "salesforce": build(root, "salesforce", seed_a, MARTS, SALESFORCE_PASS_THROUGH),
        "same_ids": build(
            root,
            "same_ids",
            same_ids,
            # the models and their tests: the sources' own uniqueness tests fail on one account
            # landed twice (test_one_account_landed_twice_is_named)
            [f"path:models/staging/{platform},resource_type:model" for platform in AD_PLATFORMS],
        ),  # fmt: skip
        "same_ids_sources": build(
            root,
            "same_ids_sources",
            same_ids,
            ["source:google_ads.campaign_history"],
            expect_ok=False,
        ),  # fmt: skip
        "alone_b": build(root, "alone_b", alone_b),
        # with the coverage report: the raw-export tests read both properties' shards
        "together": build(root, "together", together, SELECT + ["+rpt_ga4__event_coverage"]),
    }


def sessions_by_property(database: Path) -> dict[str, int]:
    return {
        str(p): int(str(n))
        for p, n in query(database, "select property_id, count(*) from fct_sessions group by 1")
    }


def test_sessions_per_property_equal_each_property_alone(builds: dict[str, Path]) -> None:
    alone_a = sessions_by_property(builds["alone_a"])
    alone_b = sessions_by_property(builds["alone_b"])
    # alone: the default single property, sam_ga4_property_id
    assert list(alone_a) == ["123456789"] and list(alone_b) == ["123456789"]
    together = sessions_by_property(builds["together"])
    assert together == {"111": alone_a["123456789"], "222": alone_b["123456789"]}
    assert together["111"] > 100 and together["222"] > 100
    # the two seeds are two properties, not one counted twice
    assert together["111"] != together["222"]


def test_session_keys_unique_across_properties(builds: dict[str, Path]) -> None:
    rows = query(
        builds["together"],
        "select count(*), count(distinct session_key), count(distinct property_id) "
        "from fct_sessions",
    )
    total, distinct, properties = rows[0]
    assert total == distinct and properties == 2


def spend_by_account(database: Path) -> dict[str, float]:
    return {
        str(account): round(float(str(spend)), 2)
        for account, spend in query(
            database,
            "select account_id, sum(spend) from fct_spend_daily "
            "where platform = 'google_ads' group by 1",
        )
    }


def test_google_ads_spend_per_account_equal_each_account_alone(builds: dict[str, Path]) -> None:
    alone_a = spend_by_account(builds["alone_a"])
    alone_b = spend_by_account(builds["alone_b"])
    assert len(alone_a) == 1 and len(alone_b) == 1
    assert set(alone_a).isdisjoint(alone_b)
    together = spend_by_account(builds["together"])
    assert together == {**alone_a, **alone_b}
    assert min(together.values()) > 0


def test_google_ads_rows_carry_their_connector(builds: dict[str, Path]) -> None:
    con = duckdb.connect(str(builds["together"]), read_only=True)
    try:
        rows = con.execute(
            "select source_relation, count(*), count(distinct account_id) "
            "from stg_google_ads__campaign_stats group by 1 order by 1"
        ).fetchall()
        alone = [
            query(builds[name], "select count(*) from stg_google_ads__campaign_stats")[0][0]
            for name in ("alone_a", "alone_b")
        ]
    finally:
        con.close()
    assert rows == [("acct_a", alone[0], 1), ("acct_b", alone[1], 1)]
    # alone: one connector, source_relation '' (Fivetran's convention)
    single = "select distinct source_relation from stg_google_ads__campaign_stats"
    assert query(builds["alone_a"], single) == [("",)]


def test_source_relation_keeps_same_ids_of_two_connectors_apart(builds: dict[str, Path]) -> None:
    """Both connectors' rows are kept, and the staging primary keys (with source_relation) are
    unique: the build's sam_unique_combination tests passed; the ids alone repeat."""
    database = builds["same_ids"]
    for model, key in (
        ("stg_google_ads__campaign_stats", "stats_row_id"),
        ("stg_google_ads__campaign_history", "campaign_id, updated_at"),
        ("stg_google_ads__account_history", "account_id, updated_at"),
    ):
        alone = int(str(query(builds["alone_a"], f"select count(*) from {model}")[0][0]))
        total, keys, ids = query(
            database,
            f"select count(*), count(distinct (source_relation, {key})), count(distinct ({key})) "
            f"from {model}",
        )[0]
        assert (total, keys, ids) == (2 * alone, 2 * alone, alone), model
    # every ad platform's staging model keeps both connectors' rows, apart
    models = [
        str(name)
        for (name,) in query(
            database,
            "select table_name from information_schema.tables where table_name like 'stg_%ads__%'",
        )
    ]
    assert len(models) == 15, models
    for model in models:
        per_connector = query(
            database, f"select source_relation, count(*) from {model} group by 1 order by 1"
        )
        assert [name for name, _ in per_connector] == ["portal_x", "portal_y"], model
        assert per_connector[0][1] == per_connector[1][1], model
        assert int(str(per_connector[0][1])) > 0, model
    # one current version per connector and campaign
    current = query(
        database,
        "select source_relation, count(*) from stg_google_ads__campaign_history "
        "where is_latest_version group by 1 order by 1",
    )
    alone_current = query(
        builds["alone_a"],
        "select count(*) from stg_google_ads__campaign_history where is_latest_version",
    )[0][0]
    assert current == [("portal_x", alone_current), ("portal_y", alone_current)]


def raw(path: Path, sql: str) -> list[tuple[object, ...]]:
    con = duckdb.connect()
    try:
        return con.execute(sql.replace("{src}", f"read_parquet('{path.as_posix()}')")).fetchall()
    finally:
        con.close()


def seed_dir(builds: dict[str, Path]) -> Path:
    return builds["alone_a"].parent / "seed1"


def test_hubspot_pass_through_columns_arrive_in_fct_leads_and_fct_deals(
    builds: dict[str, Path],
) -> None:
    data = seed_dir(builds)
    contacts = {
        str(i): (title, str(country).upper() if country else None)
        for i, title, country in raw(
            data / "hubspot" / "contact.parquet",
            "select id, property_jobtitle, property_country from {src}",
        )
    }
    leads = query(builds["alone_a"], "select lead_id, job_title, country_upper from fct_leads")
    assert sum(1 for _, title, _ in leads if title) > 10  # the tiny demo has 27 leads
    for lead_id, title, country in leads:
        assert (title, country) == contacts[str(lead_id)], lead_id
    deal_types = {
        str(i): t
        for i, t in raw(
            data / "hubspot" / "deal.parquet", "select deal_id, property_dealtype from {src}"
        )
    }
    deals = query(builds["alone_a"], "select deal_id, deal_type from fct_deals")
    assert deals and any(t for _, t in deals)
    assert all(t == deal_types[str(d)] for d, t in deals)


def test_salesforce_pass_through_columns_arrive_in_fct_leads_and_fct_deals(
    builds: dict[str, Path],
) -> None:
    data = seed_dir(builds)
    titles = {
        str(i): t
        for table in ("lead", "contact")
        for i, t in raw(data / "salesforce" / f"{table}.parquet", "select id, title from {src}")
    }
    leads = query(builds["salesforce"], "select lead_id, job_title from fct_leads")
    assert sum(1 for _, title in leads if title) > 10
    assert all(title == titles[str(lead_id)] for lead_id, title in leads)
    opportunities = {
        str(i): (f, str(t).lower() if t else None)
        for i, f, t in raw(
            data / "salesforce" / "opportunity.parquet",
            "select id, forecast_category, type from {src}",
        )
    }
    deals = query(builds["salesforce"], "select deal_id, forecast, deal_type_lower from fct_deals")
    assert deals and any(f for _, f, _ in deals)
    assert all((f, t) == opportunities[str(d)] for d, f, t in deals)


def test_one_account_landed_twice_is_named(builds: dict[str, Path]) -> None:
    """Two connectors of the same Google Ads account would double its spend: the source's own
    uniqueness test (it reads every connector's folder on DuckDB) fails, naming itself."""
    log = builds["same_ids_sources"].read_text()
    assert "source_sam_unique_combination_google_ads_campaign_history_id__updated_at" in log


def test_raw_export_tests_read_every_property(builds: dict[str, Path]) -> None:
    """The together build ran the raw-shard reconciliation test over both properties and it
    passed: reading only the first property's shards, the raw counts would miss property 222's
    events that the coverage report holds. (The key-column test refs no model, so a selection
    does not pick it: tests/test_ga4_properties_freshness.py runs it on two properties.)"""
    results = json.loads((builds["together"].parent / "target" / "run_results.json").read_text())
    status = {r["unique_id"].split(".")[2]: r["status"] for r in results["results"]}
    assert status["assert_ga4_events_reconcile_with_raw_shards"] == "pass"
    # the coverage report counts both properties' rows: the raw shards of both folders (the
    # demo's intraday shard is of a day without a daily shard)
    data = builds["together"].parent / "together"
    raw = query(
        builds["together"],
        f"select count(*) from read_parquet('{data.as_posix()}/ga4/*/events_*.parquet')",
    )[0][0]
    assert query(builds["together"], "select sum(exported_rows) from rpt_ga4__event_coverage") == [
        (raw,)
    ]
