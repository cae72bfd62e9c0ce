"""Bad values of the several-properties / several-connectors / pass-through vars (issue 19): one
line naming the var, from `sam build`'s var check (before dbt) and from the macros (plain dbt)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from ga4_dbt import env_beside, tiny_demo

from sam import var_checks
from sam.project import run_dbt


def test_var_check_names_each_bad_entry() -> None:
    defaults = var_checks.project_defaults()
    assert var_checks.union_problems(defaults) == []
    wrong = {
        **defaults,
        "sam_ga4_properties": [{"property_id": "111"}, {"dataset": "analytics_2"}, "111"],
        "sam_google_ads_union_schemas": ["acct_a", "acct b; drop"],
        "sam_hubspot_contact_pass_through_columns": [
            {"name": "property_jobtitle", "alias": "job_title"},
            {"name": "property_title", "alias": "job_title"},
        ],
        "sam_salesforce_opportunity_pass_through_columns": {"name": "type"},
        "sam_salesforce_person_pass_through_columns": [{"alias": "no_name"}],
    }
    assert var_checks.union_problems(wrong) == [
        "var sam_ga4_properties[1] needs a property_id (letters, digits, _ or -), "
        "got {'dataset': 'analytics_2'}",
        "var sam_ga4_properties: property_id 111 is listed twice",
        "var sam_google_ads_union_schemas: schema 'acct b; drop' must be letters, digits, _ or -",
        "var sam_hubspot_contact_pass_through_columns: alias job_title is listed twice",
        "var sam_salesforce_person_pass_through_columns[0] needs a name (and alias) that is a "
        "column name (letters, digits, _), got {'alias': 'no_name'}",
        "var sam_salesforce_opportunity_pass_through_columns must be a list of "
        "{name, alias, transform_sql}",
    ]
    with pytest.raises(var_checks.VarError, match="sam_ga4_properties"):
        var_checks.check({"sam_ga4_properties": ["1", "1"]})


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tiny_demo(tmp_path_factory.mktemp("multi_faults") / "data")


def dbt_compile(data: Path, select: str, dbt_vars: dict[str, object]) -> str:
    done = run_dbt(
        ["compile", "-q", "--select", select, "--vars", yaml.safe_dump(dbt_vars)],
        env=env_beside(data), capture=True,
    )  # fmt: skip
    assert done.returncode != 0, done.stdout[-2000:]
    return done.stdout + done.stderr


@pytest.mark.parametrize(
    ("select", "dbt_vars", "message"),
    [
        (
            "stg_hubspot__contacts",
            {"sam_hubspot_contact_pass_through_columns": [{"name": "property_no_such_field"}]},
            "var sam_hubspot_contact_pass_through_columns: column property_no_such_field is not "
            "in the connector table",
        ),
        (
            "base_ga4__events",
            {"sam_ga4_properties": [{"property_id": "111"}, {"property_id": "111"}]},
            "var sam_ga4_properties: property_id 111 is listed twice",
        ),
    ],
)
def test_dbt_names_the_bad_var(
    tiny: Path, select: str, dbt_vars: dict[str, object], message: str
) -> None:
    assert message in " ".join(dbt_compile(tiny, select, dbt_vars).split())
