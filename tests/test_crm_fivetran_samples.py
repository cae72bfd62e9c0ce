"""The CRM models on Fivetran's own connector sample tables (tests/fixtures/fivetran, see
tests/fixtures/NOTICE): real column sets, real types, values md5-hashed.

The samples are CSV seeds; each is landed here as the Parquet table the connector would write
(`sf_` prefix and `_data` suffix dropped). Tables the samples do not have are landed empty with
only `id` (the key the source declares and tests) and `_fivetran_synced`: staging must fill every
other column it reads with typed NULLs (the same code path as a connector that lacks a custom
field). Expected values are read from the CSVs
with the csv module, independently of the models.
"""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest
from crm_dbt import build_crm, crm_workspace
from ga4_dbt import DbtWorkspace

FIXTURES = Path(__file__).parent / "fixtures" / "fivetran"
# Every table the staging of each CRM reads.
TABLES = {
    "hubspot": (
        "contact", "contact_property_history", "contact_merge_audit", "deal", "deal_contact",
        "deal_company", "deal_pipeline", "deal_pipeline_stage", "deal_stage", "contact_list",
        "contact_list_member",
    ),
    "salesforce": (
        "lead", "contact", "opportunity", "opportunity_history", "opportunity_contact_role",
        "campaign", "campaign_member",
    ),
}  # fmt: skip


def sample_csv(crm: str, table: str) -> Path:
    prefix = "sf_" if crm == "salesforce" else ""
    return FIXTURES / crm / f"{prefix}{table}_data.csv"


def csv_rows(crm: str, table: str) -> list[dict[str, str]]:
    with sample_csv(crm, table).open(newline="") as f:
        return list(csv.DictReader(f))


def land(crm: str, data_dir: Path) -> list[str]:
    """Write the samples as <data_dir>/<crm>/<table>.parquet; returns the tables landed empty."""
    folder = data_dir / crm
    folder.mkdir(parents=True)
    con = duckdb.connect()
    empty = []
    for table in TABLES[crm]:
        target = folder / f"{table}.parquet"
        if sample_csv(crm, table).exists():
            con.execute(
                f"copy (select * from read_csv('{sample_csv(crm, table)}', header = true)) "
                f"to '{target}' (format parquet)"
            )
        else:
            empty.append(table)
            con.execute(
                "copy (select cast(null as varchar) as id, "
                "cast(null as timestamp) as _fivetran_synced where false) "
                f"to '{target}' (format parquet)"
            )
    (data_dir / "fx").mkdir(exist_ok=True)
    con.execute(
        f"""copy (select date '2021-01-04' as date, 'EUR' as currency_from, 'USD' as currency_to,
        1.22 as rate) to '{data_dir / "fx" / "fx_rates.parquet"}' (format parquet)"""
    )
    return empty


def build_sample(crm: str, tmp_path_factory: pytest.TempPathFactory) -> DbtWorkspace:
    data_dir = tmp_path_factory.mktemp(f"fivetran_{crm}")
    empty = land(crm, data_dir)
    assert empty, "the samples lack some tables: the test must cover empty ones"
    ws = crm_workspace(data_dir, tmp_path_factory.mktemp(f"fivetran_{crm}_work"))
    # staging, int_crm__*, the data tests and the reconciliation test. The samples are
    # single-currency portals without a currency column (a required column unless the default
    # currency var says what it is: docs/reliability.md).
    build_crm(ws, crm, extra_vars={f"sam_{crm}_default_currency": "USD"})
    return ws


@pytest.fixture(scope="module")
def hubspot(tmp_path_factory: pytest.TempPathFactory) -> DbtWorkspace:
    return build_sample("hubspot", tmp_path_factory)


@pytest.fixture(scope="module")
def salesforce(tmp_path_factory: pytest.TempPathFactory) -> DbtWorkspace:
    return build_sample("salesforce", tmp_path_factory)


@pytest.mark.parametrize("crm", ["hubspot", "salesforce"])
def test_every_sample_row_reaches_staging(crm: str, request: pytest.FixtureRequest) -> None:
    built: DbtWorkspace = request.getfixturevalue(crm)
    staging = {
        "hubspot": {
            "contact": "stg_hubspot__contacts",
            "deal": "stg_hubspot__deals",
            "deal_stage": "stg_hubspot__deal_stages",
            "deal_pipeline_stage": "stg_hubspot__deal_pipeline_stages",
            "contact_merge_audit": "stg_hubspot__contact_merge_audits",
            "deal_contact": "stg_hubspot__deal_contacts",
        },
        "salesforce": {
            "lead": "stg_salesforce__leads",
            "contact": "stg_salesforce__contacts",
            "opportunity": "stg_salesforce__opportunities",
            "opportunity_history": "stg_salesforce__opportunity_history",  # History Mode
        },
    }[crm]
    for table, model in staging.items():
        assert built.scalar(f"select count(*) from {model}") == len(csv_rows(crm, table)), model


def test_hubspot_sample_merges_and_stage_times(hubspot: DbtWorkspace) -> None:
    built = hubspot
    # the sample's merges: ids listed in property_hs_merged_object_ids, and the merge audit
    listed = {
        (merged, row["id"])
        for row in csv_rows("hubspot", "contact")
        for merged in (row["property_hs_merged_object_ids"] or "").split(";")
        if merged
    }
    audit = {
        (r["vid_to_merge"], r["canonical_vid"]) for r in csv_rows("hubspot", "contact_merge_audit")
    }
    resolved = set(
        built.query(
            """select contact_id, surviving_contact_id from int_hubspot__contact_resolution
            where exclusion_reason = 'merged_away'"""
        )
    )
    assert listed and resolved == listed | audit
    staged_ids = {r["id"] for r in csv_rows("hubspot", "contact")}
    live = {r["id"] for r in csv_rows("hubspot", "contact") if r["_fivetran_deleted"] != "TRUE"}
    merged_staged = {m for m, _ in listed | audit if m in staged_ids}
    people = {r[0] for r in built.query("select person_id from int_crm__people")}
    assert people == live - merged_staged
    # stage entry times are date_entered, never _fivetran_start
    expected = {
        (r["deal_id"], r["value"], r["date_entered"]) for r in csv_rows("hubspot", "deal_stage")
    }
    got = built.query(
        """select deal_id, stage_id, strftime(stage_entered_at, '%Y-%m-%d %-H:%M:%S')
        from stg_hubspot__deal_stages"""
    )
    assert set(got) == expected


def test_salesforce_sample_deleted_opportunities_are_counted(salesforce: DbtWorkspace) -> None:
    built = salesforce
    opportunities = csv_rows("salesforce", "opportunity")
    deleted = {r["id"] for r in opportunities if r["is_deleted"] == "true"}
    assert deleted, "the sample has deleted opportunities"
    assert {r[0] for r in built.query("select deal_id from int_crm__deals")} == {
        r["id"] for r in opportunities
    } - deleted
    assert built.scalar(
        """select excluded_records from rpt_crm__exclusions
            where record_type = 'deal' and exclusion_reason = 'deleted'"""
    ) == len(deleted)
