"""sam demo-data: determinism, export schemas, the mess (recounted from the files with DuckDB),
late events across --as-of, one truth in both CRMs, spend <-> UTMs, and the story."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from sam.cli import app
from sam.demo.generator import DemoConfig, generate
from sam.demo.journeys import _group_rank
from sam.ga4.channels import default_channel_group
from sam.ga4.schema import ShardKind, export_schema

SID = "list_filter(event_params, lambda p: p.key = 'ga_session_id')[1].value.int_value"


def param(key: str, kind: str = "string_value") -> str:
    return f"list_filter(event_params, lambda p: p.key = '{key}')[1].value.{kind}"


def run(out: Path, **kw: Any) -> dict[str, Any]:
    return generate(DemoConfig(out, **kw))


def events(con: duckdb.DuckDBPyConnection, root: Path) -> None:
    con.execute(f"""create or replace view events as select * from
        read_parquet('{root}/ga4/*.parquet', union_by_name = true, filename = true)""")


def one(con: duckdb.DuckDBPyConnection, sql: str) -> Any:
    row = con.execute(sql).fetchone()
    assert row is not None
    return row[0]


@pytest.fixture(scope="module")
def world(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, dict[str, Any], duckdb.DuckDBPyConnection]:
    """A quarter-scale half year crossing both schema eras (2024-07-17 and 2024-10-10)."""
    out = tmp_path_factory.mktemp("demo")
    manifest = run(out, seed=42, start=dt.date(2024, 7, 1), as_of=dt.date(2024, 12, 31), scale=0.25)
    con = duckdb.connect()
    events(con, out)
    return out, manifest, con


def _digest(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_same_seed_same_bytes_other_seed_other_rows(tmp_path: Path) -> None:
    kw: dict[str, Any] = dict(start=dt.date(2024, 10, 1), as_of=dt.date(2024, 10, 20), scale=0.05)
    run(tmp_path / "a", seed=7, **kw)
    run(tmp_path / "b", seed=7, **kw)
    run(tmp_path / "c", seed=8, **kw)
    a, b, c = (_digest(tmp_path / x) for x in "abc")
    assert a == b
    assert len(a) > 40
    con = duckdb.connect()
    rows = [
        one(con, f"select count(*) from read_parquet('{tmp_path / x}/ga4/events_20241005.parquet')")
        for x in "ac"
    ]
    shard = "ga4/events_20241005.parquet"
    same = one(
        con,
        f"""select count(*) from (
        select user_pseudo_id, event_timestamp from '{tmp_path}/a/{shard}'
        intersect select user_pseudo_id, event_timestamp from '{tmp_path}/c/{shard}')""",
    )
    assert a["ga4/events_20241005.parquet"] != c["ga4/events_20241005.parquet"]
    assert rows[0] > 100 and rows[1] > 100 and same == 0


def test_every_shard_has_the_export_schema_of_its_era(world: Any) -> None:
    out, manifest, _ = world
    files = sorted((out / "ga4").glob("*.parquet"))
    assert len(files) == 184 and manifest["ga4"]["daily_shards"] == 183
    assert [f.name for f in files if "intraday" in f.name] == ["events_intraday_20241231.parquet"]
    assert not (out / "ga4" / "events_20241231.parquet").exists()
    for f in files:
        kind = ShardKind.INTRADAY if "intraday" in f.name else ShardKind.DAILY
        day = dt.datetime.strptime(f.stem[-8:], "%Y%m%d").date()
        assert pq.read_schema(f).remove_metadata().equals(export_schema(day, kind)), f.name
    names = {f.name: pq.read_schema(f).names for f in files}
    assert "session_traffic_source_last_click" not in names["events_20240716.parquet"]
    assert "session_traffic_source_last_click" in names["events_20240717.parquet"]
    cross = {
        d: str(
            pq.read_schema(out / "ga4" / f"events_{d}.parquet")
            .field("session_traffic_source_last_click")
            .type
        )
        for d in ("20241009", "20241010")
    }
    assert "default_channel_group" not in cross["20241009"]
    assert "default_channel_group" in cross["20241010"]
    intraday = names["events_intraday_20241231.parquet"]
    assert not {"traffic_source", "user_ltv", "is_active_user"} & set(intraday)


def test_every_kind_of_mess_is_present_and_recounted(world: Any) -> None:
    _, manifest, con = world
    m = manifest["mess"]
    starts = f"""(select distinct user_pseudo_id, {SID} sid, {param("page_location")} url,
        {param("source")} src, {param("medium")} med from events
        where event_name = 'session_start' and user_pseudo_id is not null)"""
    recount = {
        "events": "select count(*) from events",
        "duplicate_events": "select coalesce(sum(n - 1), 0) from "
        "(select * exclude (filename), count(*) as n from events group by all)",
        "midnight_sessions": f"""select count(*) from (select user_pseudo_id, {SID} from events
            where user_pseudo_id is not null group by all having count(distinct event_date) > 1)""",
        "cookieless_events": "select count(*) from events where user_pseudo_id is null",
        "multi_device_users": """select count(*) from (select user_id from events
            where user_id is not null group by 1 having count(distinct user_pseudo_id) > 1)""",
        "gclid_as_organic_sessions": f"""select count(*) from {starts} where url like '%gclid=%'
            and (src is null or (src = 'google' and med = 'organic'))""",
        "mixed_case_utm_sessions": f"""select count(*) from {starts}
            where regexp_matches(url, 'utm_(source|medium|campaign)=[^&]*[A-Z]')""",
        "referral_spam_sessions": f"""select count(*) from {starts}
            where med = 'referral' and regexp_matches(src, 'seo|traffic|buttons')""",
        "sessions": f"select count(*) from {starts}",
    }
    for key, sql in recount.items():
        got = one(con, sql)
        assert got == m[key], key
        assert got > 0, key
    # shares that make the mess realistic
    assert 0.003 < m["duplicate_events"] / m["events"] < 0.008
    assert (
        one(
            con,
            f"""select count(*) from events where user_pseudo_id is null and
        (privacy_info.analytics_storage <> 'No' or {SID} is not null)""",
        )
        == 0
    )
    pings = dict(
        con.execute("""select event_name, count(distinct event_timestamp) from events
        where user_pseudo_id is null group by 1""").fetchall()
    )
    assert pings["page_view"] == pings["session_start"] == pings["first_visit"] > 100
    # spam: one page, no engagement, spammy referrer
    spam = con.execute(f"""select
        count(distinct event_timestamp) filter (where event_name = 'page_view'),
        coalesce(sum({param("engagement_time_msec", "int_value")}), 0) from events
        where regexp_matches(coalesce({param("source")}, ''), 'seo|traffic|buttons')
        group by user_pseudo_id, {SID}""").fetchall()
    assert spam and all(pv == 1 and eng == 0 for pv, eng in spam)
    # session_engaged comes as string '1' mostly and sometimes as int 1
    kinds = dict(
        con.execute(f"""select {param("session_engaged", "int_value")} is not null, count(*)
        from events where {param("session_engaged")} = '1'
          or {param("session_engaged", "int_value")} = 1
        group by 1""").fetchall()
    )
    assert kinds[False] > 3 * kinds[True] > 0
    # engagement_time_msec is never on first_visit / session_start; entrances only on landings
    assert (
        one(
            con,
            f"""select count(*) from events where event_name in ('first_visit', 'session_start')
        and {param("engagement_time_msec", "int_value")} is not null""",
        )
        == 0
    )
    assert (
        one(
            con,
            f"""select count(*) from events where {param("entrances", "int_value")} = 1
        and event_name <> 'page_view'""",
        )
        == 0
    )


def test_bots_submit_fast_without_form_start(world: Any) -> None:
    out, _, con = world
    con.execute(f"""create or replace temp view lead_sessions as
        select user_pseudo_id, {SID} sid,
          min(event_timestamp) filter (where event_name = 'session_start') t0,
          min(event_timestamp) filter (where event_name = 'form_submit') t_submit,
          count(*) filter (where event_name = 'form_start') form_starts
        from events where user_pseudo_id is not null group by all having t_submit is not null""")
    truth = f"{out}/ground_truth/leads.parquet"
    rows = con.execute(f"""select l.is_bot, count(*), avg((t_submit - t0) / 1e6),
          count(*) filter (where form_starts = 0)
        from lead_sessions s join '{truth}' l on l.ga_client_id = s.user_pseudo_id
        group by 1""").fetchall()
    stats = {bot: (n, secs, no_start) for bot, n, secs, no_start in rows}
    n_bot, bot_secs, bot_no_start = stats[True]
    assert bot_no_start == n_bot and bot_secs < 10
    assert stats[False][1] > 30 and stats[False][2] == 0
    disposable = one(
        con,
        f"""select avg(case when regexp_matches(lower(email),
        'mailinator|guerrillamail|sharklasers|10minutemail|yopmail|trashmail') then 1 else 0 end)
        from '{truth}' where is_bot""",
    )
    assert disposable == 1


def test_utms_classify_as_ga4_says(world: Any) -> None:
    """GA4's own channel in the export is what Google's rule table (as data, sam.ga4.channels)
    gives the session's UTMs, the source's category from Google's list (the seed)."""
    _, _, con = world
    rows = con.execute(f"""select distinct
        {param("source")}, {param("medium")}, {param("campaign")},
        session_traffic_source_last_click.cross_channel_campaign.default_channel_group
        from events where event_name = 'session_start' and event_date >= '20241010'
        and filename not like '%intraday%' and {param("source")} is not null
        and not ({param("page_location")} like '%gclid=%' and {param("medium")} = 'organic')
        """).fetchall()
    groups = {g for *_, g in rows}
    assert {
        "Paid Search",
        "Paid Social",
        "Display",
        "Organic Search",
        "Organic Social",
        "Email",
        "Referral",
    } <= groups
    for source, medium, campaign, group in rows:
        assert default_channel_group(source, medium, campaign) == group, (source, medium, campaign)


def test_crms_tell_the_same_story(world: Any) -> None:
    out, manifest, con = world
    hs, sf = f"{out}/hubspot", f"{out}/salesforce"
    con.execute(f"""create or replace temp view hs_people as
        select * from '{hs}/contact.parquet' where not _fivetran_deleted and id not in (
          select cast(unnest(string_split(property_hs_merged_object_ids, ';')) as bigint)
          from '{hs}/contact.parquet' where property_hs_merged_object_ids is not null)""")
    hs_leads = one(
        con, "select count(*) from hs_people where property_hs_lifecyclestage_lead_date is not null"
    )
    sf_leads = one(con, f"select count(*) from '{sf}/lead.parquet' where not is_deleted")
    assert hs_leads == sf_leads > 500
    hs_mql = one(
        con,
        "select count(*) from hs_people"
        " where property_hs_lifecyclestage_marketingqualifiedlead_date is not null",
    )
    sf_mql = one(
        con,
        f"select count(*) from '{sf}/lead.parquet' where not is_deleted and mql_date_c is not null",
    )
    assert hs_mql == sf_mql > 50
    hs_won = con.execute(f"""select property_deal_currency_code, sum(property_amount), count(*)
        from '{hs}/deal.parquet' d join '{hs}/deal_pipeline_stage.parquet' s
          on s.stage_id = d.deal_pipeline_stage_id
        where not d.is_deleted and s.closed_won group by 1 order by 1""").fetchall()
    sf_won = con.execute(f"""select currency_iso_code, sum(amount), count(*)
        from '{sf}/opportunity.parquet'
        where not is_deleted and is_won group by 1 order by 1""").fetchall()
    assert hs_won == sf_won and {c for c, *_ in hs_won} == {"EUR", "GBP", "USD"}
    # the other CRM mess, recounted
    m = manifest["mess"]
    assert (
        one(con, f"select count(*) from '{hs}/contact_merge_audit.parquet'")
        == m["merged_contacts"]
        > 0
    )
    assert (
        one(
            con,
            f"""select count(*) from '{hs}/contact.parquet'
        where property_email <> lower(trim(property_email))""",
        )
        == m["messy_emails"]
        > 0
    )
    assert (
        one(con, f"select count(*) from '{hs}/contact.parquet' where _fivetran_deleted")
        == one(
            con,
            f"select count(*) from '{sf}/lead.parquet'"
            " where is_deleted and master_record_id is null",
        )
        == m["deleted_contacts"]
        > 0
    )
    assert (
        one(
            con,
            f"""select count(*) from (select converted_account_id, row_number() over (
        partition by converted_account_id order by converted_date, id) k from '{sf}/lead.parquet'
        where is_converted) where k > 1""",
        )
        == m["leads_converted_into_existing_account"]
        > 0
    )
    regress = one(
        con,
        f"""select count(distinct deal_id) from (
        select deal_id, s.display_order o,
          lag(s.display_order) over (partition by deal_id order by date_entered) prev
        from '{hs}/deal_stage.parquet' d
        join '{hs}/deal_pipeline_stage.parquet' s on s.stage_id = d.value)
        where o < prev and o < 5""",
    )
    assert regress == m["deals_with_stage_regression"] > 0
    roles = con.execute(f"""select max(n), min(n), count(*) filter (where p <> 1) from (
        select opportunity_id, count(*) n, count(*) filter (where is_primary) p
        from '{sf}/opportunity_contact_role.parquet' where not is_deleted group by 1)""").fetchone()
    assert roles == (4, 1, 0)
    assert one(con, f"select count(*) from '{sf}/campaign_member.parquet' where has_responded") > 0
    assert one(con, f"select count(*) from '{hs}/contact_list_member.parquet'") > 0


def test_campaign_names_meet_utm_campaigns(world: Any) -> None:
    out, _, con = world
    ga4 = {
        r[0]
        for r in con.execute(f"""select distinct lower({param("campaign")}) from events
        where lower({param("medium")}) in ('cpc', 'paid_social', 'display')""").fetchall()
    }
    platforms: set[str] = set()
    for platform in ("google_ads", "facebook_ads", "linkedin_ads", "microsoft_ads"):
        platforms |= {
            r[0]
            for r in con.execute(
                f"select distinct lower(name) from '{out}/{platform}/campaign_history.parquet'"
            ).fetchall()
        }
    assert ga4 and ga4 <= platforms
    # only the deliberately untagged LinkedIn awareness campaign never shows up as utm_campaign
    assert platforms - ga4 == {"li-brand-awareness-video"}
    # at least one deliberate case mismatch between site and platform
    exact = {
        r[0] for r in con.execute(f"select distinct {param('campaign')} from events").fetchall()
    }
    assert "LI-ABM-Demo-Request" in exact and "li-abm-demo-request" not in exact


def test_the_story_holds_in_ground_truth(world: Any) -> None:
    out, _, con = world
    fx = f"'{out}/fx/fx_rates.parquet'"
    google = f"{out}/google_ads/campaign_stats.parquet"
    linkedin = f"{out}/linkedin_ads/ad_analytics_by_campaign.parquet"
    truth = f"{out}/ground_truth/leads.parquet"
    spend = dict(
        con.execute(f"""
        select 'paid_search', sum(cost_micros) / 1e6 from '{google}'
          where ad_network_type = 'SEARCH'
        union all
        select 'display', sum(cost_micros) / 1e6 from '{google}' where ad_network_type = 'CONTENT'
        union all
        select 'facebook', sum(b.spend * f.rate) from '{out}/facebook_ads/basic_ad.parquet' b
          join {fx} f on f.date = b.date and f.currency_from = 'EUR'
        union all
        select 'linkedin', sum(cost_in_usd) from '{linkedin}'
        """).fetchall()
    )
    spend["paid_search"] += one(
        con,
        f"select sum(spend) from '{out}/microsoft_ads/campaign_performance_daily_report.parquet'",
    )
    group = """case when true_channel = 'Display' then 'display' when true_channel = 'Paid Search'
        then 'paid_search' when true_platform = 'facebook_ads' then 'facebook'
        when true_platform = 'linkedin_ads' then 'linkedin' end"""
    leads = {
        g: (n, real, bots)
        for g, n, real, bots in con.execute(f"""select {group}, count(*),
        count(*) filter (where not is_bot), count(*) filter (where is_bot)
        from '{truth}' where record_kind = 'inbound' group by 1""").fetchall()
    }
    revenue = dict(
        con.execute(f"""select {group}, sum(amount_usd) from '{out}/ground_truth/deals.parquet'
        where is_won and not is_deleted_duplicate group by 1""").fetchall()
    )
    paid = ["paid_search", "facebook", "linkedin", "display"]
    cost_per_real_lead = {g: spend[g] / leads[g][1] for g in paid}
    cost_per_lead = {g: spend[g] / leads[g][0] for g in paid}
    roas = {g: (revenue.get(g) or 0) / spend[g] for g in paid}
    bot_share = {g: leads[g][2] / leads[g][0] for g in leads if g is not None}
    assert min(cost_per_real_lead, key=cost_per_real_lead.__getitem__) == "facebook"
    assert min(cost_per_lead, key=cost_per_lead.__getitem__) == "display"  # bots make it look best
    assert max(roas, key=roas.__getitem__) == "paid_search"
    assert cost_per_lead["linkedin"] == max(cost_per_lead.values())  # expensive...
    assert max(bot_share, key=bot_share.__getitem__) == "display" and bot_share["display"] > 0.4
    mql_rate = dict(
        con.execute(f"""select {group}, avg(case when mql_at is not null then 1 else 0 end)
        from '{truth}' where record_kind = 'inbound' and not is_bot group by 1""").fetchall()
    )
    assert mql_rate["linkedin"] > 0.3 > 0.1 > mql_rate["facebook"]  # ...and good; cheap and poor


def test_late_events_and_a_later_as_of(tmp_path: Path) -> None:
    d = dt.date(2024, 11, 20)
    kw: dict[str, Any] = dict(seed=3, start=dt.date(2024, 11, 1), scale=0.3)
    manifests = {
        k: run(tmp_path / f"d{k}", as_of=d + dt.timedelta(days=k), **kw) for k in (0, 2, 3)
    }
    shards = {k: _digest(tmp_path / f"d{k}" / "ga4") for k in manifests}
    for day in range(1, 17):  # every shard before D-3 is complete, byte for byte
        name = f"events_202411{day:02d}.parquet"
        assert shards[0][name] == shards[2][name] == shards[3][name], name
    con = duckdb.connect()
    cols = "event_date, event_timestamp, event_name, user_pseudo_id, user_id, event_params, geo"

    def rows(k: int, upto: dt.date) -> int:
        return one(
            con,
            f"""select count(*) from read_parquet('{tmp_path}/d{k}/ga4/*.parquet',
            union_by_name = true) where event_date <= '{upto:%Y%m%d}'""",
        )

    grown = [
        rows(2, d - dt.timedelta(days=i)) - rows(0, d - dt.timedelta(days=i)) for i in (0, 1, 2)
    ]
    assert grown[0] > 0 and all(g >= 0 for g in grown)
    missing = one(
        con,
        f"""select count(*) from (
        select {cols} from read_parquet('{tmp_path}/d0/ga4/*.parquet', union_by_name = true)
        except all
        select {cols} from read_parquet('{tmp_path}/d2/ga4/*.parquet', union_by_name = true))""",
    )
    assert missing == 0
    # D+3 completes every day up to D: what was not there at D is exactly what the manifest said
    assert rows(3, d) - rows(0, d) == manifests[0]["mess"]["events_not_yet_arrived"] > 0
    assert (tmp_path / "d0" / "ga4" / "events_intraday_20241120.parquet").exists()
    assert not (tmp_path / "d2" / "ga4" / "events_intraday_20241120.parquet").exists()
    assert (tmp_path / "d2" / "ga4" / "events_20241120.parquet").exists()
    # rerunning an earlier --as-of into the same folder removes the later shards
    run(tmp_path / "d3", as_of=d, **kw)
    assert _digest(tmp_path / "d3") == _digest(tmp_path / "d0")
    assert json.loads((tmp_path / "d3" / "manifest.json").read_text())["as_of"] == "2024-11-20"


@pytest.mark.parametrize(
    "args, message",
    [
        (["--as-of", "2024-05-01"], "before --start"),
        (["--scale", "0"], "--scale must be > 0"),
        (["--scale", "-1"], "--scale must be > 0"),
        (["--start", "2024-02-30"], "--start must be a date"),
    ],
)
def test_cli_rejects_bad_input_with_one_line(tmp_path: Path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(app, ["demo-data", "--out", str(tmp_path), *args])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0]


def test_cli_rejects_unwritable_out(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = CliRunner().invoke(app, ["demo-data", "--out", str(blocker / "sub"), "--quiet"])
    assert result.exit_code == 2
    assert "not writable" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_cli_refuses_to_overwrite_data_it_did_not_write(tmp_path: Path) -> None:
    (tmp_path / "hubspot").mkdir()
    (tmp_path / "hubspot" / "contact.parquet").write_bytes(b"real data")
    result = CliRunner().invoke(app, ["demo-data", "--out", str(tmp_path), "--quiet"])
    assert result.exit_code == 2
    assert "not written by sam demo-data" in result.stderr
    assert (tmp_path / "hubspot" / "contact.parquet").read_bytes() == b"real data"


def test_group_rank_by_hand_and_on_a_day_without_visitors() -> None:
    # keys 5, 3, 5, 3, 5: group 3 holds rows 1, 3; group 5 rows 0, 2, 4 (stable order)
    rank, first = _group_rank(np.array([5, 3, 5, 3, 5], dtype=np.int64))
    assert rank.tolist() == [0, 0, 1, 1, 2]
    assert first.tolist() == [0, 1, 0, 1, 0]
    empty = np.array([], dtype=np.int64)
    rank, first = _group_rank(empty)
    assert rank.tolist() == [] and first.tolist() == []


def test_tiny_scale_with_empty_days_generates(tmp_path: Path) -> None:
    # at 1 % some days get no visitors at all: the generator used to crash with an IndexError
    run(
        tmp_path / "tiny",
        seed=42,
        start=dt.date(2024, 6, 1),
        as_of=dt.date(2024, 7, 15),
        scale=0.01,
    )
    manifest = json.loads((tmp_path / "tiny" / "manifest.json").read_text())
    assert manifest["ga4"]["events"] > 0
