"""`dbt source freshness` through `sam freshness` (issue 19).

The demo is frozen at its manifest's as_of (2024-12-31): judged as of that day every source with a
load-time column passes; judged as of a later day the same data is stale and dbt exits 1 naming
the sources; a malformed as-of date is refused with the var's name. Which source tables carry a
freshness rule, and on which column, is pinned here (the columns the connectors write: Fivetran's
`_fivetran_synced` on the CRM tables that change every day, the report day on the ad reports, the
shard date of GA4, the rate date of FX).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sam.freshness import freshness_vars
from sam.project import run_dbt

ROOT = Path(__file__).parent.parent
DEMO = (ROOT / "data" / "demo").resolve()

pytestmark = pytest.mark.skipif(
    not (DEMO / "manifest.json").is_file(), reason="no demo data (make demo-data writes it)"
)

# source.table -> the load-time expression's key column (the demo uses HubSpot; the Salesforce
# tables are pinned by the static test below).
EXPECTED_DEMO_CHECKS = {
    "ga4.events": "_table_suffix",
    "google_ads.campaign_stats": "date",
    "facebook_ads.basic_ad": "date",
    "linkedin_ads.ad_analytics_by_campaign": "day",
    "microsoft_ads.campaign_performance_daily_report": "date",
    "fx.fx_rates": "date",
    "hubspot.contact": "_fivetran_synced",
    "hubspot.deal": "_fivetran_synced",
}


def _freshness(work: Path, dbt_vars: dict[str, Any]) -> tuple[int, dict[str, str], str]:
    """`dbt source freshness` in a private target folder: exit code, {source.table: status}."""
    result = run_dbt(
        [
            "source",
            "freshness",
            "--vars",
            json.dumps(dbt_vars),
            "--target-path",
            str(work / "target"),
            "--log-path",
            str(work / "logs"),
            "--output",
            str(work / "sources.json"),
        ],
        env={"SAM_DATA_DIR": str(DEMO), "SAM_DUCKDB_PATH": str(work / "fresh.duckdb")},
        capture=True,
    )
    statuses: dict[str, str] = {}
    if (work / "sources.json").is_file():
        for entry in json.loads((work / "sources.json").read_text())["results"]:
            _, _, source, table = entry["unique_id"].split(".")
            statuses[f"{source}.{table}"] = entry["status"]
    return result.returncode, statuses, result.stdout


@pytest.fixture(scope="module")
def demo_vars(monkeypatch_module: pytest.MonkeyPatch) -> dict[str, Any]:
    monkeypatch_module.setenv("SAM_DATA_DIR", str(DEMO))
    return freshness_vars()[0]


@pytest.fixture(scope="module")
def monkeypatch_module() -> Any:
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def test_demo_is_fresh_as_of_its_own_day(demo_vars: dict[str, Any], tmp_path: Path) -> None:
    assert demo_vars["sam_freshness_as_of"] == "2024-12-31"  # manifest.json as_of
    code, statuses, out = _freshness(tmp_path, demo_vars)
    assert code == 0, out[-4000:]
    assert set(statuses) == set(EXPECTED_DEMO_CHECKS), statuses
    assert set(statuses.values()) == {"pass"}, statuses


def test_same_demo_is_stale_a_week_later(demo_vars: dict[str, Any], tmp_path: Path) -> None:
    # 2025-01-07 23:59:59: 7 days after the newest shard / sync / report day; FX (error after 7
    # days of its newest rate, 2024-12-31) is stale too. Every rule errors after at most 7 days.
    code, statuses, out = _freshness(tmp_path, {**demo_vars, "sam_freshness_as_of": "2025-01-07"})
    assert code == 1, out[-4000:]
    assert set(statuses) == set(EXPECTED_DEMO_CHECKS)
    assert set(statuses.values()) == {"error"}, statuses


def test_malformed_as_of_is_refused_naming_the_var(
    demo_vars: dict[str, Any], tmp_path: Path
) -> None:
    code, _, out = _freshness(tmp_path, {**demo_vars, "sam_freshness_as_of": "31/12/2024"})
    assert code != 0
    assert "sam_freshness_as_of must be a date 'YYYY-MM-DD'" in out, out[-4000:]


def test_loaded_at_fields_are_columns_the_connectors_write() -> None:
    """Static: every freshness rule's loaded_at_field (both CRMs) names a column the Fivetran
    reference samples or the demo hold; the tables without a rule are the slowly changing ones."""
    import yaml

    declared: dict[str, str | None] = {}
    for path in sorted((ROOT / "models" / "staging").glob("*/_*__sources.yml")):
        for source in yaml.safe_load(path.read_text())["sources"]:
            source_config = source.get("config") or {}
            source_fresh = source_config.get("freshness")
            source_field = source_config.get("loaded_at_field", source.get("loaded_at_field"))
            for table in source["tables"]:
                config = table.get("config") or {}
                fresh = config.get("freshness", source_fresh)
                field = config.get("loaded_at_field", table.get("loaded_at_field", source_field))
                if fresh:
                    declared[f"{source['name']}.{table['name']}"] = field
    crm = {
        "hubspot.contact": "_fivetran_synced",
        "hubspot.deal": "_fivetran_synced",
        "salesforce.lead": "_fivetran_synced",
        "salesforce.contact": "_fivetran_synced",
        "salesforce.opportunity": "_fivetran_synced",
    }
    expected = {**{k: v for k, v in EXPECTED_DEMO_CHECKS.items() if not k.startswith("hub")}, **crm}
    assert set(declared) == set(expected), declared
    for table, key in expected.items():
        assert declared[table] and key in declared[table], (table, declared[table])


def test_cli_refuses_a_malformed_as_of_before_dbt() -> None:
    from typer.testing import CliRunner

    from sam.cli import app

    result = CliRunner().invoke(app, ["freshness", "--as-of", "2024-13-01"])
    assert result.exit_code == 2
    assert "--as-of must be a date YYYY-MM-DD" in result.output
