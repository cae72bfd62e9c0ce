"""Several GA4 properties, several connectors and pass-through columns compiled for BigQuery
(offline, as `sam bq-check` does): the default vars are what `make bq-check` checks, these are
the non-default branches. Each listed property reads its own wildcard (with the constant
_table_suffix filter BigQuery prunes on), each connector its own schema, and the SQL parses as
BigQuery."""

from __future__ import annotations

from sam import bq_check

MULTI_VARS: dict[str, object] = {
    "sam_ga4_properties": [
        {"property_id": "111"},
        {"property_id": "222", "project": "other-project", "dataset": "export_222"},
    ],
    "sam_google_ads_union_schemas": ["ads_a", "ads_b"],
    "sam_facebook_ads_union_schemas": ["fb_a", "fb_b"],
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
SELECT = (
    "base_ga4__events stg_google_ads__campaign_stats stg_facebook_ads__basic_ad "
    "stg_hubspot__contacts int_crm__pass_through fct_leads fct_deals"
)


def test_multi_source_branches_compile_and_parse_as_bigquery() -> None:
    compiled = bq_check.compile_for_bigquery(False, SELECT, MULTI_VARS, "multi_sources")
    files, findings = bq_check.check_compiled(compiled)
    assert findings == [] and files >= 7
    models = compiled / "sam" / "models"
    base = (models / "staging" / "ga4" / "base_ga4__events.sql").read_text()
    for relation in (
        "`sam-offline-check`.`analytics_111`.`events_2*`",
        "`sam-offline-check`.`analytics_111`.`events_intraday_*`",
        "`other-project`.`export_222`.`events_2*`",
        "`other-project`.`export_222`.`events_intraday_*`",
    ):
        assert f"from {relation} as export\n        where _table_suffix between" in base, relation
    assert base.count("as property_id") == 4
    stats = (models / "staging" / "google_ads" / "stg_google_ads__campaign_stats.sql").read_text()
    assert "`sam-offline-check`.`ads_a`.`campaign_stats`" in stats
    assert "`sam-offline-check`.`ads_b`.`campaign_stats`" in stats
    assert "full union all by name" in stats
    leads = (models / "marts" / "core" / "fct_leads.sql").read_text()
    assert "pass_through.job_title, pass_through.country_upper," in leads
    contacts = (models / "staging" / "hubspot" / "stg_hubspot__contacts.sql").read_text()
    assert "upper(property_country) as country_upper," in contacts


def test_several_crm_portals_compile_and_parse_as_bigquery() -> None:
    """Two HubSpot portals: each portal's schema unioned by name with its source_relation, every
    id qualified by it (macros/crm/crm_union.sql), and the CRM models down to fct_leads parse as
    BigQuery."""
    crm_vars: dict[str, object] = {"sam_hubspot_union_schemas": ["hub_a", "hub_b"]}
    select = (
        "stg_hubspot__contacts stg_hubspot__deal_contacts int_hubspot__contact_resolution "
        "int_crm__people fct_leads"
    )
    compiled = bq_check.compile_for_bigquery(False, select, crm_vars, "multi_crm")
    files, findings = bq_check.check_compiled(compiled)
    assert findings == [] and files >= 5
    staging = compiled / "sam" / "models" / "staging" / "hubspot"
    contacts = (staging / "stg_hubspot__contacts.sql").read_text()
    for schema in ("hub_a", "hub_b"):
        assert f"`sam-offline-check`.`{schema}`.`contact`" in contacts
        assert f"cast('{schema}' as string) as source_relation" in contacts
    assert "full union all by name" in contacts
    assert "(source_relation || ':' || cast(id as string)) as contact_id" in contacts
    links = (staging / "stg_hubspot__deal_contacts.sql").read_text()
    assert "(source_relation || ':' || cast(contact_id as string)) as contact_id" in links
