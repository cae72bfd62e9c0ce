"""SAM's own project rules as dbt-score rules (`make score`; pyproject's [tool.dbt-score] adds
this module to dbt-score's rule namespaces). Each rule is one of the brief's standards:

- layers: an intermediate model reads staging and intermediate models, never a mart;
- a primary-key test on every model: `unique` + `not_null` on one column, or SAM's
  `sam_unique_combination` over several;
- freshness declared on every source, unless the table is in FRESHNESS_EXEMPT with its reason.

`is_not_dispatch_implementation` is a rule filter (pyproject's [tool.dbt-score.rules] applies it to
dbt-score's two macro-documentation rules): an engine's implementation of a dispatched macro
(default__x, bigquery__x, duckdb__x) is documented by the dispatching macro x, whose yml
describes what every implementation returns (tests/test_score_rules.py checks that each has one).
"""

import re
from typing import Any

from dbt_score import Macro, Model, RuleViolation, Source, rule, rule_filter

PK_COMBINATION_TESTS = frozenset({"sam_unique_combination", "unique_combination_of_columns"})


@rule
def intermediate_reads_no_mart(model: Model) -> RuleViolation | None:
    """An intermediate model reads staging and intermediate models only, never a mart."""
    if not model.original_file_path.startswith("models/intermediate/"):
        return None
    marts = sorted(
        parent.name
        for parent in model.parents
        if isinstance(parent, Model) and parent.original_file_path.startswith("models/marts/")
    )
    if marts:
        return RuleViolation(message=f"Intermediate model reads marts: {', '.join(marts)}.")
    return None


@rule
def has_primary_key_test(model: Model) -> RuleViolation | None:
    """A model has a primary-key test: unique and not_null on one column, or a unique
    combination of columns."""
    if any(test.type in PK_COMBINATION_TESTS for test in model.tests):
        return None
    for column in model.columns:
        if {"unique", "not_null"} <= {test.type for test in column.tests}:
            return None
    return RuleViolation(
        message="No primary-key test (unique + not_null on a column, or sam_unique_combination)."
    )


# Source tables without a freshness check, each for a reason (docs/DECISIONLOG.md "Source
# freshness"): freshness is max(load time) per table, so a table whose rows change only when the
# thing they describe changes looks stale while its connector is healthy. The tables that change
# every day (GA4's daily shards, the four ad reports, FX rates, the CRM's contacts / leads / deals /
# opportunities) carry each connector's check. tests/test_score_rules.py keeps this list true: every
# entry is a declared source table without freshness, and a table without freshness that is not
# listed fails the rule.
_SLOWLY_CHANGING = (
    "slowly changing: new rows only when the entity changes; the connector's daily table is checked"
)
_CRM_SLOWLY_CHANGING = (
    "CRM table that changes only when users edit it; the CRM's people and deals are checked"
)
_CRM_ON_CHANGE = (
    "CRM history appended only when a record changes stage or property; the records are checked"
)
FRESHNESS_EXEMPT: dict[str, str] = {
    "ga4.events_intraday": (
        "intraday shards exist only until the daily shard lands, and not at all on a property on "
        "the daily export alone; the daily shards (ga4.events) are checked"
    ),
    "sam_export.sam_export_ledger": (
        "written by `sam export`, not a connector: rows only when outcomes are sent"
    ),
    "hubspot.contact_property_history": _CRM_ON_CHANGE,
    "hubspot.deal_stage": _CRM_ON_CHANGE,
    "hubspot.contact_merge_audit": "merges are rare; a week without one is normal",
    "hubspot.company": _CRM_SLOWLY_CHANGING,
    "hubspot.deal_contact": _CRM_SLOWLY_CHANGING,
    "hubspot.deal_company": (
        "association table without _fivetran_synced (Fivetran's sample and the demo)"
    ),
    "hubspot.deal_pipeline": _CRM_SLOWLY_CHANGING,
    "hubspot.deal_pipeline_stage": _CRM_SLOWLY_CHANGING,
    "hubspot.contact_list": _CRM_SLOWLY_CHANGING,
    "hubspot.contact_list_member": _CRM_SLOWLY_CHANGING,
    "salesforce.account": _CRM_SLOWLY_CHANGING,
    "salesforce.opportunity_history": _CRM_ON_CHANGE,
    "salesforce.opportunity_contact_role": _CRM_SLOWLY_CHANGING,
    "salesforce.campaign": _CRM_SLOWLY_CHANGING,
    "salesforce.campaign_member": _CRM_SLOWLY_CHANGING,
    "salesforce.user": _CRM_SLOWLY_CHANGING,
    "facebook_ads.ad_history": _SLOWLY_CHANGING,
    "facebook_ads.ad_set_history": _SLOWLY_CHANGING,
    "facebook_ads.campaign_history": _SLOWLY_CHANGING,
    "facebook_ads.account_history": _SLOWLY_CHANGING,
    "linkedin_ads.campaign_history": _SLOWLY_CHANGING,
    "linkedin_ads.campaign_group_history": _SLOWLY_CHANGING,
    "linkedin_ads.account_history": _SLOWLY_CHANGING,
    "google_ads.campaign_history": _SLOWLY_CHANGING,
    "google_ads.account_history": _SLOWLY_CHANGING,
    "microsoft_ads.campaign_history": _SLOWLY_CHANGING,
    "microsoft_ads.account_history": _SLOWLY_CHANGING,
}

DISPATCH_IMPLEMENTATION = re.compile(r"^(default|bigquery|duckdb)__(?P<dispatcher>\w+)$")


@rule_filter
def is_not_dispatch_implementation(macro: Macro) -> bool:
    """Macros that are not an engine's implementation of a dispatched macro."""
    return DISPATCH_IMPLEMENTATION.match(macro.name) is None


def _declared(threshold: Any) -> bool:
    if threshold is None:
        return False
    count = threshold.get("count") if isinstance(threshold, dict) else threshold.count
    return count is not None


@rule
def source_has_freshness(source: Source) -> RuleViolation | None:
    """A source declares freshness (warn_after or error_after), or is in FRESHNESS_EXEMPT."""
    if f"{source.source_name}.{source.name}" in FRESHNESS_EXEMPT:
        return None
    freshness: Any = source.freshness
    if freshness is not None:
        if isinstance(freshness, dict):
            warn, error = freshness.get("warn_after"), freshness.get("error_after")
        else:
            warn, error = freshness.warn_after, freshness.error_after
        if _declared(warn) or _declared(error):
            return None
    return RuleViolation(message="Source declares no freshness.")
