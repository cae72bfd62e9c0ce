"""Fault injection: every bad input ends in a named error or a counted row (docs/reliability.md).

One baseline build of a tiny HubSpot-only, single-currency demo without the optional tables (the
acceptance case itself: it must build green), then one fault class at a time. Faults that SAM
must refuse stop `sam build` before dbt with one line; faults SAM must absorb rebuild only the
nodes downstream of the changed table and are checked against the baseline.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from faults import (
    Suite,
    add_copies,
    changed_rows,
    make_suite,
    one_line_error,
    query,
    replace_with,
    rewrite,
    run_results,
)

from sam.project import REPO_ROOT


@pytest.fixture(scope="module")
def suite(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Suite]:
    yield make_suite(tmp_path_factory.mktemp("faults"))


# --- the baseline: the acceptance case --------------------------------------------------------


def test_hubspot_only_without_optional_tables_and_fx_builds_green(suite: Suite) -> None:
    """No lists, list members, merge audits, deal companies, FX table: every model and test
    passes (the build already asserted exit 0), the switches came from the data directory, and the
    unit tests of the switched-off inputs were disabled, not failed."""
    results = run_results(suite)
    assert results, "no run results"
    statuses = {status for status, _ in results.values()}
    assert statuses <= {"success", "pass", "warn", "no-op"}, statuses
    assert "stg_hubspot__deal_companies" not in results
    assert "stg_fx__rates" not in results
    assert not [n for n in results if n.startswith("int_hubspot__deals_deleted_closed")]
    assert query(suite.database, "select count(*) from int_fx__rates_daily") == [(0,)]
    revenue = query(suite.database, "select sum(won_amount) from fct_deals")[0][0]
    assert revenue == pytest.approx(12000.0)  # the one won deal of the tiny demo, in USD


# --- faults SAM refuses: one line naming the fault, before dbt ---------------------------------

Mutation = Callable[[Path], None]


def drop_column(table: str, *columns: str) -> Mutation:
    return lambda data: rewrite(
        data / f"{table}.parquet", f"select * exclude ({', '.join(columns)})"
    )


def remove(relative: str) -> Mutation:
    return lambda data: (data / relative).unlink()


def shard_column_as_text(data: Path) -> None:
    rewrite(
        data / "ga4" / "events_20241105.parquet",
        "select * replace (cast(event_timestamp as varchar) as event_timestamp)",
    )


def corrupt(relative: str) -> Mutation:
    return lambda data: (data / relative).write_bytes(b"this is not parquet")


REFUSED: dict[str, tuple[Mutation, str]] = {
    "deal without amount column": (
        drop_column("hubspot/deal", "property_amount"),
        "hubspot.deal.property_amount: required column missing",
    ),
    "deal without currency column": (
        drop_column("hubspot/deal", "property_deal_currency_code"),
        "hubspot.deal.property_deal_currency_code: required column missing (the currency of the "
        "amount) - sync the column in your connector, or set var sam_hubspot_default_currency",
    ),
    "deal without any stage column": (
        drop_column("hubspot/deal", "property_dealstage", "deal_pipeline_stage_id"),
        "hubspot.deal.property_dealstage or hubspot.deal.deal_pipeline_stage_id: required column",
    ),
    "contact without create date": (
        drop_column("hubspot/contact", "property_createdate"),
        "hubspot.contact.property_createdate: required column missing (dates lead creation)",
    ),
    "stage history without entry time": (
        drop_column("hubspot/deal_stage", "date_entered"),
        "hubspot.deal_stage.date_entered: required column missing",
    ),
    "ad stats without spend column": (
        drop_column("google_ads/campaign_stats", "cost_micros"),
        "google_ads.campaign_stats.cost_micros: required column missing (the spend)",
    ),
    "required table missing": (
        remove("hubspot/deal.parquet"),
        "hubspot.deal: required table missing",
    ),
    "unreadable parquet file": (
        corrupt("hubspot/deal_contact.parquet"),
        "deal_contact.parquet: not a readable Parquet file",
    ),
    "GA4 shard column of the wrong type": (
        shard_column_as_text,
        "ga4 shard events_20241105: column event_timestamp is string, expected INT64",
    ),
    "GA4 shard without event_name": (
        lambda data: rewrite(
            data / "ga4" / "events_20241106.parquet", "select * exclude (event_name)"
        ),
        "ga4 shard events_20241106: required column event_name missing",
    ),
    "no GA4 shards": (
        lambda data: [p.unlink() for p in (data / "ga4").glob("events_*.parquet")] and None,
        "no GA4 shards in",
    ),
    "no CRM folder": (
        lambda data: shutil.rmtree(data / "hubspot"),
        "no CRM folder (hubspot/ or salesforce/)",
    ),
}


@pytest.mark.parametrize("fault", sorted(REFUSED))
def test_refused_input_is_named_in_one_line(suite: Suite, fault: str) -> None:
    mutate, expected = REFUSED[fault]
    data = suite.copy_data("refused-" + fault.replace(" ", "-"))
    mutate(data)
    line = one_line_error(suite.build(data, suite.root / "never.duckdb"))
    assert expected in line, line
    assert not (suite.root / "never.duckdb").exists()  # dbt never started


BAD_VARS: dict[str, tuple[str, str]] = {
    "reporting window reversed": (
        "{sam_reporting_start_date: '2024-12-01', sam_reporting_end_date: '2024-11-01'}",
        "var sam_reporting_start_date (2024-12-01) is after sam_reporting_end_date (2024-11-01)",
    ),
    "negative late days": (
        "{sam_ga4_late_days: -1}",
        "var sam_ga4_late_days must be a whole number",
    ),
    "override regex does not compile": (
        "{sam_channel_overrides: [{channel: AI, source: '(chatgpt'}]}",
        "var sam_channel_overrides[0].source: regex '(chatgpt' does not compile",
    ),
    "unknown CRM": ("{sam_crm: pipedrive}", "var sam_crm must be hubspot or salesforce"),
    "date that does not exist": (
        "{sam_ga4_start_date: 2024-02-30}",
        "var sam_ga4_start_date must be a date YYYY-MM-DD, got '2024-02-30'",
    ),
    "unknown attribution model": (
        "{sam_attribution_models: [linear, magic]}",
        "var sam_attribution_models: unknown model 'magic'",
    ),
    "vars not a mapping": ("[1, 2]", "--vars must be a mapping"),
}


@pytest.mark.parametrize("fault", sorted(BAD_VARS))
def test_bad_var_is_named_in_one_line(suite: Suite, fault: str) -> None:
    given, expected = BAD_VARS[fault]
    line = one_line_error(suite.sam(["build", "--vars", given], database=suite.root / "x.duckdb"))
    assert expected in line, line


def test_dbt_itself_refuses_a_bad_var_on_run_start(suite: Suite) -> None:
    """Without `sam build` (a scheduler running dbt): the on-run-start hook names the var."""
    done = _dbt_direct(
        suite, "{sam_reporting_start_date: '2024-12-01', sam_reporting_end_date: '2024-01-01'}"
    )
    assert done.returncode != 0
    assert "var sam_reporting_start_date (2024-12-01) is after sam_reporting_end_date" in (
        done.stdout
    ), done.stdout[-2000:]


def _dbt_direct(suite: Suite, dbt_vars: str) -> subprocess.CompletedProcess[str]:
    env = suite.env(suite.data, suite.root / "direct.duckdb")
    env["DBT_PROFILES_DIR"] = str(REPO_ROOT / "profiles")
    env["DBT_TARGET_PATH"] = str(suite.root / "target-direct")
    return subprocess.run(
        [
            str(Path(sys.executable).parent / "dbt"),
            "build",
            "--select",
            "dim_channels",
            "--vars",
            dbt_vars,
            "--project-dir",
            str(REPO_ROOT),
        ],
        env=env,
        text=True,
        capture_output=True,
        check=False,
    )


# --- CLI faults: one line, non-zero, no secret ---------------------------------------------------


def test_connection_string_password_is_never_printed(suite: Suite) -> None:
    done = suite.sam(
        ["check", "--engine", "sql", "--connection-string", "postgresql://u:S3cret@127.0.0.1:1/db"]
    )
    assert done.returncode != 0
    assert "S3cret" not in done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert "postgresql://u:***@127.0.0.1:1/db" in done.stderr


@pytest.mark.parametrize("command", ["summary", "report", "check"])
def test_commands_on_a_database_without_marts(suite: Suite, command: str) -> None:
    import duckdb

    empty = suite.root / f"empty-{command}.duckdb"
    duckdb.connect(str(empty)).close()
    args = [command] + (["--out", str(suite.root / "report")] if command == "report" else [])
    done = suite.sam(args, database=empty)
    assert done.returncode != 0 and "Traceback" not in done.stderr
    last = done.stderr.strip().splitlines()[-1]
    assert "sam: " in last and ("marts" in last or "mart is missing" in last), done.stderr
    missing = suite.sam(args, database=suite.root / "missing.duckdb")
    assert missing.returncode != 0 and "Traceback" not in missing.stderr
    assert "no SAM database at" in missing.stderr.strip().splitlines()[-1], missing.stderr


def test_build_on_a_missing_folder(suite: Suite) -> None:
    line = one_line_error(suite.sam(["build"], data=suite.root / "nowhere"))
    assert "data directory" in line and "does not exist" in line


# --- faults SAM absorbs: counted in a named bucket, the rest unchanged -------------------------


def test_deal_value_faults_are_excluded_and_counted(suite: Suite) -> None:
    """Four deals made wrong at once (one each): a negative amount, the won deal without an
    amount, a stage the pipeline does not know, a currency neither USD nor in any rates table;
    and one deleted. None is summed as pipeline or revenue; each is counted with its amount; the
    warn test names the four; every other deal is unchanged."""
    data = suite.copy_data("deal-values")
    database = suite.copy_database("deal-values")
    rewrite(
        data / "hubspot" / "deal.parquet",
        """select * replace (
            case deal_id when 16400000001 then -500.0
                         when 16400000003 then null else property_amount end as property_amount,
            case deal_id when 16400000008 then 'ghoststage' else property_dealstage end
                as property_dealstage,
            case deal_id when 16400000009 then 'XYZ' else property_deal_currency_code end
                as property_deal_currency_code,
            case deal_id when 16400000010 then true else is_deleted end as is_deleted
        )""",
    )
    done = suite.build(data, database, ["source:hubspot.deal+"])
    assert done.returncode == 0, done.stdout[-3000:]
    buckets = query(
        database,
        """select exclusion_reason, currency_original, excluded_records, excluded_amount_original
           from rpt_crm__exclusions where record_type = 'deal' order by 1""",
    )
    assert buckets == [
        ("deleted", None, 2, None),  # the demo's own deleted deal + 16400000010
        ("missing_amount_on_won_deal", "USD", 1, None),
        ("negative_amount", "USD", 1, -500.0),
        ("unknown_currency", "XYZ", 1, 17000.0),
        ("unknown_stage", "USD", 1, 7000.0),
    ]
    faulted = "('16400000001', '16400000003', '16400000008', '16400000009', '16400000010')"
    assert query(database, f"select count(*) from fct_deals where deal_id in {faulted}") == [(0,)]
    assert query(database, "select coalesce(sum(won_amount), 0) from fct_deals") == [(0,)]
    assert changed_rows(suite.database, database, "fct_deals", f"deal_id not in {faulted}") == 0
    assert changed_rows(suite.database, database, "fct_leads") == 0
    assert changed_rows(suite.database, database, "fct_sessions") == 0
    status, failures = run_results(suite)["assert_crm_deal_values_valid"]
    assert (status, failures) == ("warn", 4)


def test_duplicate_or_null_deal_id_is_a_named_test_failure(suite: Suite) -> None:
    """The same deal twice and a deal without an id: the source's key tests fail by name and
    nothing downstream is built, so no mart changes."""
    data = suite.copy_data("deal-duplicate")
    database = suite.copy_database("deal-duplicate")
    add_copies(data / "hubspot" / "deal.parquet", 1)
    add_copies(data / "hubspot" / "deal.parquet", 1, "* replace (null as deal_id)")
    done = suite.build(data, database, ["source:hubspot.deal+"])
    assert done.returncode != 0
    results = run_results(suite)
    assert results["source_unique_hubspot_deal_deal_id"] == ("fail", 1)
    assert results["source_not_null_hubspot_deal_deal_id"] == ("fail", 1)
    assert changed_rows(suite.database, database, "fct_deals") == 0  # downstream skipped


def test_contact_faults_are_absorbed_or_counted(suite: Suite) -> None:
    """E-mail case and spaces change nothing (the hash is of the normalised address); a deleted
    contact is counted in the deleted bucket and leaves fct_leads; nothing else changes."""
    data = suite.copy_data("contacts")
    database = suite.copy_database("contacts")
    contacts = query(
        suite.database,
        "select lead_id from fct_leads where email_sha256 is not null order by lead_id limit 2",
    )
    shouty, deleted = str(contacts[0][0]), str(contacts[1][0])
    rewrite(
        data / "hubspot" / "contact.parquet",
        f"""select * replace (
            case when cast(id as varchar) = '{shouty}' then '  ' || upper(property_email) || ' '
                 else property_email end as property_email,
            case when cast(id as varchar) = '{deleted}' then true else _fivetran_deleted end
                as _fivetran_deleted
        )""",
    )
    done = suite.build(data, database, ["source:hubspot.contact+"])
    assert done.returncode == 0, done.stdout[-3000:]
    before = dict(
        query(
            suite.database,
            "select exclusion_reason, excluded_records from rpt_crm__exclusions "
            "where record_type = 'contact'",
        )
    )
    after = dict(
        query(
            database,
            "select exclusion_reason, excluded_records from rpt_crm__exclusions "
            "where record_type = 'contact'",
        )
    )
    assert after.get("deleted", 0) == before.get("deleted", 0) + 1
    assert query(database, f"select count(*) from fct_leads where lead_id = '{deleted}'") == [(0,)]
    assert changed_rows(suite.database, database, "fct_leads", f"lead_id != '{deleted}'") == 0


GA4_DAYS = {
    "missing": "20241110",
    "empty": "20241111",
    "resent": "20241112",
    "exact_dup": "20241113",
    "no_traffic_cols": "20241114",
    "cookieless": "20241115",
}


def test_ga4_faults_are_counted_and_named(suite: Suite) -> None:
    """Six GA4 faults on six days, one full GA4 rebuild: a missing shard and an empty shard are
    zero rows of the coverage report named by the warn test; rows GA4 resent with a new
    event_bundle_sequence_id and exact duplicates are counted as duplicates and reconcile with the
    raw shards (no false alarm); a shard without traffic-source columns is named by a warning;
    cookieless pings are counted in their bucket. Sessions of the other days are unchanged."""
    data = suite.copy_data("ga4")
    database = suite.copy_database("ga4")
    ga4 = data / "ga4"

    def shard(day: str) -> Path:
        return ga4 / f"events_{day}.parquet"

    shard(GA4_DAYS["missing"]).unlink()
    replace_with(shard(GA4_DAYS["empty"]), "select * from {src} limit 0")
    add_copies(
        shard(GA4_DAYS["resent"]),
        5,
        "* replace (event_bundle_sequence_id + 1000000 as event_bundle_sequence_id)",
    )
    add_copies(shard(GA4_DAYS["exact_dup"]), 7)
    rewrite(
        shard(GA4_DAYS["no_traffic_cols"]),
        "select * exclude (traffic_source, collected_traffic_source, "
        "session_traffic_source_last_click)",
    )
    rewrite(
        shard(GA4_DAYS["cookieless"]),
        "select * replace (case when event_name = 'page_view' and event_timestamp % 10 = 0 "
        "then null else user_pseudo_id end as user_pseudo_id)",
    )
    done = suite.build(data, database, ["source:ga4+"], extra=["--full-refresh"])
    assert done.returncode == 0, done.stdout[-3000:]  # warnings only
    results = run_results(suite)
    assert results["assert_ga4_events_reconcile_with_raw_shards"][0] == "pass", done.stdout[-3000:]

    def coverage(day: str) -> tuple[object, ...]:
        iso = f"{day[:4]}-{day[4:6]}-{day[6:]}"
        rows = query(
            database,
            "select exported_rows, distinct_events, duplicate_rows, cookieless_events, "
            f"is_missing_day from rpt_ga4__event_coverage where event_date_dt = '{iso}'",
        )
        assert len(rows) == 1
        return rows[0]

    assert coverage(GA4_DAYS["missing"])[::4] == (0, True)
    assert coverage(GA4_DAYS["empty"])[::4] == (0, True)
    assert results["assert_ga4_no_missing_days"] == ("warn", 2)
    base_dups = {
        day: query(
            suite.database,
            "select duplicate_rows from rpt_ga4__event_coverage "
            f"where event_date_dt = '{day[:4]}-{day[4:6]}-{day[6:]}'",
        )[0][0]
        for day in (GA4_DAYS["resent"], GA4_DAYS["exact_dup"])
    }
    assert coverage(GA4_DAYS["resent"])[2] == base_dups[GA4_DAYS["resent"]] + 5
    assert coverage(GA4_DAYS["exact_dup"])[2] == base_dups[GA4_DAYS["exact_dup"]] + 7
    assert int(str(coverage(GA4_DAYS["cookieless"])[3])) > 0
    assert results["assert_ga4_shards_have_traffic_source_columns"] == ("warn", 1)
    faulted_days = ", ".join(f"'{d[:4]}-{d[4:6]}-{d[6:]}'" for d in GA4_DAYS.values())
    # sessions that touch a faulted day may change; every other session is as before
    keep = (
        f"session_date not in ({faulted_days}) and cast(session_end_at as date) "
        f"not in ({faulted_days})"
    )
    assert changed_rows(suite.database, database, "fct_sessions", keep) == 0
    assert (
        changed_rows(
            suite.database,
            database,
            "rpt_ga4__event_coverage",
            f"event_date_dt not in ({faulted_days})",
        )
        == 0
    )


def test_spend_faults_are_flagged_or_named(suite: Suite) -> None:
    """An ad account in EUR with no FX table: its spend is kept with fx_rate_missing (never
    read as USD) and the warn test names it; an exact duplicate ad-stats row fails the named key
    test instead of doubling spend."""
    data = suite.copy_data("spend")
    database = suite.copy_database("spend")
    rewrite(
        data / "facebook_ads" / "account_history.parquet", "select * replace ('EUR' as currency)"
    )
    done = suite.build(data, database, ["source:facebook_ads.account_history+"])
    assert done.returncode == 0, done.stdout[-3000:]
    rows = query(
        database,
        "select count(*), count(spend), bool_and(fx_rate_missing) from fct_spend_daily "
        "where platform = 'facebook_ads'",
    )
    assert rows[0][0] > 0 and rows[0][1] == 0 and rows[0][2] is True
    assert run_results(suite)["assert_spend_has_fx_rates"][0] == "warn"
    assert (
        changed_rows(suite.database, database, "fct_spend_daily", "platform != 'facebook_ads'") == 0
    )

    data = suite.copy_data("ad-duplicates")
    database = suite.copy_database("ad-duplicates")
    add_copies(data / "google_ads" / "campaign_stats.parquet", 1)
    done = suite.build(data, database, ["source:google_ads.campaign_stats+"])
    assert done.returncode != 0
    # the staging key is (source_relation, stats_row_id) since several connectors can land
    stats_key = (
        "sam_unique_combination_stg_google_ads__campaign_stats_source_relation__stats_row_id"
    )
    assert run_results(suite)[stats_key][0] == "fail"
    assert changed_rows(suite.database, database, "fct_spend_daily") == 0
