"""Several CRM connectors (HubSpot portals, Salesforce orgs) unioned with source_relation.

HubSpot: two small demos (seeds 1 and 2) give two portals whose ids collide (both number
contacts and deals from the same base, as two real portals do); ten contacts of the second take
e-mails of the first (the same person known to two portals). With the first demo's GA4 export and
ad spend:
  - alone_a: the first demo's CRM (one connector: the default vars, source_relation '');
  - alone_b: the second demo's CRM alone;
  - together: hubspot/portal_a/ + hubspot/portal_b/, the layout from which `sam build` sets
    sam_hubspot_union_schemas.
Salesforce (cheaper: two builds): the first demo's org landed twice (salesforce/portal_a/ and
portal_b/: every id and every e-mail collides); each org together equals alone_a.
Each portal's leads, deals, revenue and rule-based credits together equal its build alone, lead
by lead and deal by deal (ids of two portals never merge; the same e-mail in two portals is two
people: docs/DECISIONLOG.md). The builds alone skip the data tests (the together build runs them:
the primary keys of every CRM model and mart hold across portals).

The data-driven models (Markov, Shapley) are fitted on all journeys of the build, so a portal's
data-driven credits together are not its credits alone (by design: one chain per conversion type).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from faults import query, replace_with, rewrite

from sam.dbt_runner import DataDirError, vars_for_data_dir

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SELECT = ["+fct_leads", "+fct_deals", "+fct_attribution_credits"]
PORTALS = ("portal_a", "portal_b")
SHARED_EMAILS = 10
# the CRM's person table and its e-mail column, per CRM
PERSON_TABLE = {"hubspot": ("contact", "property_email"), "salesforce": ("lead", "email")}
RULE_BASED = "('first_touch', 'last_touch', 'last_non_direct', 'linear', 'time_decay', 'u_shaped')"


def generate(out: Path, seed: int) -> None:
    done = subprocess.run(
        [str(BIN / "sam"), "demo-data", "--out", str(out), "--seed", str(seed), "--scale", "0.05",
         "--start", "2024-08-01", "--as-of", "2024-12-31", "--quiet"],
        text=True, capture_output=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr


def build(root: Path, name: str, data: Path, crm: str, data_tests: bool) -> Path:
    database = root / f"{name}.duckdb"
    env = dict(os.environ)
    env.update(
        SAM_DATA_DIR=str(data),
        SAM_DUCKDB_PATH=str(database),
        DBT_TARGET_PATH=str(root / f"target_{crm}"),
        DBT_LOG_PATH=str(root / f"target_{crm}" / "logs"),
        SAM_DUCKDB_MEMORY_LIMIT="1GB",
    )
    env.pop("SAM_DEBUG", None)
    done = subprocess.run(
        [str(BIN / "sam"), "build", "--crm", crm, "--select", *SELECT,
         "--exclude-resource-type", "unit_test", *([] if data_tests else ["test"]),
         "--indirect-selection", "cautious"],
        env=env, cwd=REPO, text=True, capture_output=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, f"{name}: " + done.stdout[-4000:] + done.stderr[-2000:]
    return database


def layouts(root: Path, crm: str) -> dict[str, Path]:
    """The data directories of one CRM (the other CRM's folder left out); Salesforce's second
    org is the first landed again (no alone_b)."""
    seed_a, seed_b = root / "seed1", root / ("seed2" if crm == "hubspot" else "seed1")
    other = "salesforce" if crm == "hubspot" else "hubspot"
    alone_a, alone_b, together = (
        root / f"{crm}_alone_a",
        root / f"{crm}_alone_b",
        root / f"{crm}_together",
    )
    shutil.copytree(seed_a, alone_a, ignore=shutil.ignore_patterns(other, "ground_truth"))
    shutil.copytree(alone_a, together, ignore=shutil.ignore_patterns(crm))
    shutil.copytree(seed_a / crm, together / crm / PORTALS[0])
    shutil.copytree(seed_b / crm, together / crm / PORTALS[1])
    if crm != "hubspot":
        return {"alone_a": alone_a, "together": together}
    shutil.copytree(alone_a, alone_b, ignore=shutil.ignore_patterns(crm))
    shutil.copytree(seed_b / crm, alone_b / crm)
    return {"alone_a": alone_a, "alone_b": alone_b, "together": together}


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("multi_crm")
    generate(root / "seed1", 1)
    generate(root / "seed2", 2)
    # the first SHARED_EMAILS people of the second CRM take e-mails of the first CRM's people
    for crm, (table, column) in PERSON_TABLE.items():
        if crm != "hubspot":
            continue
        first = root / "seed1" / crm / f"{table}.parquet"
        replace_with(
            root / "seed2" / crm / f"{table}.parquet",
            f"select t.* exclude (n) replace (coalesce(a.{column}, t.{column}) as {column}) "
            f"from (select *, row_number() over (order by id) as n from {{src}}) as t "
            f"left join (select {column}, row_number() over (order by id) as n "
            f"from read_parquet('{first.as_posix()}') where {column} is not null) as a "
            f"on t.n = a.n and t.n <= {SHARED_EMAILS} order by t.n",
        )
    return root


@pytest.fixture(scope="module", params=["hubspot", "salesforce"])
def crm_builds(request: pytest.FixtureRequest, seeds: Path) -> tuple[str, dict[str, Path]]:
    crm = str(request.param)
    dirs = layouts(seeds, crm)
    built = {
        name: build(seeds, f"{crm}_{name}", data, crm, data_tests=name == "together")
        for name, data in dirs.items()
    }
    built.setdefault("alone_b", built["alone_a"])
    return crm, built


def rows(database: Path, sql: str) -> list[tuple[object, ...]]:
    return sorted(query(database, sql), key=repr)


LEADS = (
    "select {id} as lead_id, person_type, created_at, mql_at, sql_at, first_touch_channel, "
    "lead_creation_channel, lead_creation_property_id, is_duplicate_email, is_junk, junk_reasons "
    "from fct_leads {where}"
)
DEALS = (
    "select {id} as deal_id, stage_name, is_won, is_lost, round(amount, 2), "
    "round(won_amount, 2), opportunity_channel from fct_deals {where}"
)
CREDITS = (
    "select attribution_model, conversion_type, channel, round(sum(credit), 6), "
    "round(sum(credited_value), 2), count(distinct {id}) from fct_attribution_credits "
    "{where} and attribution_model in " + RULE_BASED + " group by all"
)


def portal_rows(database: Path, template: str, id_column: str, portal: str | None) -> list:
    if portal is None:  # a build alone: ids as landed
        where = "where true"
        return rows(database, template.format(id=id_column, where=where))
    where = f"where source_relation = '{portal}'"
    stripped = f"replace({id_column}, '{portal}:', '')"
    return rows(database, template.format(id=stripped, where=where))


def test_each_portal_together_equals_the_portal_alone(
    crm_builds: tuple[str, dict[str, Path]],
) -> None:
    crm, built = crm_builds
    together = built["together"]
    for portal, alone in zip(PORTALS, ("alone_a", "alone_b"), strict=True):
        for template, id_column in ((LEADS, "lead_id"), (DEALS, "deal_id")):
            expected = portal_rows(built[alone], template, id_column, None)
            assert len(expected) > 10, (crm, alone, template)
            assert portal_rows(together, template, id_column, portal) == expected, (crm, portal)
        credits_alone = portal_rows(built[alone], CREDITS, "conversion_id", None)
        credits_together = rows(
            together,
            CREDITS.format(
                id="conversion_id",
                where=f"where starts_with(conversion_id, '{portal}:')",
            ),
        )
        assert credits_together == credits_alone, (crm, portal)
    # totals: revenue of the two portals adds up, and the counts are the sum of the counts alone
    total = query(together, "select count(*), round(sum(won_amount), 2) from fct_deals")[0]
    a = query(built["alone_a"], "select count(*), round(sum(won_amount), 2) from fct_deals")[0]
    b = query(built["alone_b"], "select count(*), round(sum(won_amount), 2) from fct_deals")[0]
    assert total[0] == int(str(a[0])) + int(str(b[0]))
    assert float(str(total[1])) == pytest.approx(float(str(a[1])) + float(str(b[1])), abs=0.01)
    assert float(str(a[1])) > 0 and float(str(b[1])) > 0


def test_colliding_ids_do_not_merge(crm_builds: tuple[str, dict[str, Path]]) -> None:
    crm, built = crm_builds
    together = built["together"]
    # the two portals' raw ids collide (checked, so the test exercises what it claims)
    leads_a = {str(i) for (i,) in query(built["alone_a"], "select lead_id from fct_leads")}
    leads_b = {str(i) for (i,) in query(built["alone_b"], "select lead_id from fct_leads")}
    deals_a = {str(i) for (i,) in query(built["alone_a"], "select deal_id from fct_deals")}
    deals_b = {str(i) for (i,) in query(built["alone_b"], "select deal_id from fct_deals")}
    assert len(leads_a & leads_b) > 50 and len(deals_a & deals_b) > 5, crm
    # together: every id once per portal, keys unique across portals
    assert query(
        together,
        "select count(*), count(distinct lead_id), count(distinct source_relation) from fct_leads",
    ) == [(len(leads_a) + len(leads_b), len(leads_a) + len(leads_b), 2)]
    assert query(
        together,
        "select count(*), count(distinct deal_id), count(distinct source_relation) from fct_deals",
    ) == [(len(deals_a) + len(deals_b), len(deals_a) + len(deals_b), 2)]
    # each deal's people are people of its own portal
    assert query(
        together,
        "select count(*) from int_crm__deal_people "
        "where split_part(deal_id, ':', 1) != split_part(person_id, ':', 1)",
    ) == [(0,)]
    # alone: one connector, source_relation '', ids as landed
    assert query(built["alone_a"], "select distinct source_relation from fct_leads") == [("",)]
    assert all(":" not in i for i in leads_a | deals_a)


def test_same_email_in_two_portals_is_two_people(crm_builds: tuple[str, dict[str, Path]]) -> None:
    """DECISIONLOG 2026-12-05: no identity stitching across portals by e-mail. The person in
    each portal is a lead of its portal, neither is the other's duplicate_email, and both are
    matched to the same GA4 visitors (user_id holds the e-mail hash in the demo)."""
    crm, built = crm_builds
    together = built["together"]
    per_email = (
        "select email_sha256, count(*), count(*) filter (where is_duplicate_email) "
        "from fct_leads where email_sha256 is not null {where} group by 1"
    )
    shared = {
        str(e): (int(str(n)), int(str(d)))
        for e, n, d in query(
            together,
            per_email.format(
                where="and email_sha256 in (select email_sha256 from fct_leads "
                "group by 1 having count(distinct source_relation) > 1)"
            ),
        )
    }
    # expected independently, from the builds alone: the e-mails both portals' live leads have,
    # with the leads and within-portal duplicates of each added up (nothing flagged across)
    alone = [
        {
            str(e): (int(str(n)), int(str(d)))
            for e, n, d in query(built[name], per_email.format(where=""))
        }
        for name in ("alone_a", "alone_b")
    ]
    expected = {
        e: (alone[0][e][0] + alone[1][e][0], alone[0][e][1] + alone[1][e][1])
        for e in alone[0].keys() & alone[1].keys()
    }
    assert shared == expected, crm
    # at least SHARED_EMAILS // 2 e-mails are one person in each portal, neither a duplicate
    assert sum(1 for n, d in shared.values() if (n, d) == (2, 0)) >= SHARED_EMAILS // 2, crm
    # the two people of one e-mail share their visitors (each stitched on its own)
    split = query(
        together,
        "with shared as (select email_sha256 from fct_leads where email_sha256 is not null "
        "group by 1 having count(distinct source_relation) > 1), "
        "people as (select lead_id, source_relation, email_sha256 from fct_leads "
        "where email_sha256 in (select email_sha256 from shared)), "
        "visitors as (select p.email_sha256, p.source_relation, v.user_pseudo_id "
        "from people p join int_identity__person_visitors v on v.person_id = p.lead_id "
        "where v.match_method = 'user_id') "
        "select count(*) from visitors a join visitors b on a.email_sha256 = b.email_sha256 "
        "and a.user_pseudo_id = b.user_pseudo_id and a.source_relation < b.source_relation",
    )
    assert int(str(split[0][0])) > 0, crm


# --- faults ---------------------------------------------------------------------------------


def test_portal_missing_a_required_column_is_named(seeds: Path, tmp_path: Path) -> None:
    """One portal without contact.property_createdate: `sam build` stops before dbt with one line
    naming the var, the schema, the table and the column; plain dbt (the macro) the same."""
    data = tmp_path / "data"
    shutil.copytree(seeds / "seed1", data, ignore=shutil.ignore_patterns("hubspot", "salesforce"))
    for portal, seed in zip(PORTALS, ("seed1", "seed2"), strict=True):
        shutil.copytree(seeds / seed / "hubspot", data / "hubspot" / portal)
    rewrite(
        data / "hubspot" / "portal_b" / "contact.parquet", "select * exclude (property_createdate)"
    )
    message = (
        "(sam_hubspot_union_schemas schema portal_b) hubspot.contact.property_createdate: "
        "required column missing"
    )
    env = dict(os.environ)
    env.update(SAM_DATA_DIR=str(data), SAM_DUCKDB_PATH=str(tmp_path / "sam.duckdb"))
    env.update(DBT_TARGET_PATH=str(tmp_path / "target"), DBT_LOG_PATH=str(tmp_path / "logs"))
    done = subprocess.run(
        [str(BIN / "sam"), "build", "--crm", "hubspot", "--select", "stg_hubspot__contacts"],
        env=env, cwd=REPO, text=True, capture_output=True, check=False,
    )  # fmt: skip
    assert done.returncode != 0
    assert message in " ".join((done.stdout + done.stderr).split())
    # plain dbt: the staging model's union checks each connector's columns
    dbt_vars = {"sam_crm": "hubspot", "sam_hubspot_union_schemas": list(PORTALS)}
    done = subprocess.run(
        [str(BIN / "dbt"), "compile", "-q", "--select", "stg_hubspot__contacts",
         "--vars", yaml.safe_dump(dbt_vars)],
        env={**env, "DBT_PROFILES_DIR": str(REPO / "profiles")}, cwd=REPO, text=True,
        capture_output=True, check=False,
    )  # fmt: skip
    assert done.returncode != 0
    assert message in " ".join((done.stdout + done.stderr).split())


def test_optional_table_of_some_portals_only_is_named(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "ga4").mkdir(parents=True)
    (data / "ga4" / "events_20240101.parquet").write_bytes(b"")
    for portal in PORTALS:
        (data / "hubspot" / portal).mkdir(parents=True)
        (data / "hubspot" / portal / "contact.parquet").write_bytes(b"")
    (data / "hubspot" / "portal_a" / "contact_list.parquet").write_bytes(b"")
    with pytest.raises(DataDirError, match=r"hubspot/\{portal_b\}/contact_list.parquet missing"):
        vars_for_data_dir(data)
    (data / "hubspot" / "portal_b" / "contact_list.parquet").write_bytes(b"")
    found = vars_for_data_dir(data)
    assert found["sam_hubspot_union_schemas"] == list(PORTALS)
    assert found["sam_hubspot_contact_list_enabled"] is True
    assert found["sam_hubspot_contact_merge_audit_enabled"] is False
