"""`sam build --vars` precedence, the var checks and secret masking, without dbt (fast)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sam import var_checks
from sam.dbt_runner import DataDirError, build_vars, split_user_vars
from sam.secrets import mask, remember_url_password


def data_dir(tmp_path: Path, *tables: str) -> Path:
    (tmp_path / "ga4").mkdir()
    (tmp_path / "ga4" / "events_20240601.parquet").write_bytes(b"")
    for table in ("hubspot/contact", *tables):
        path = tmp_path / f"{table}.parquet"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"")
    (tmp_path / "manifest.json").write_text(json.dumps({"user_id": "sha256 of the e-mail"}))
    return tmp_path


def test_user_vars_win_over_derived_ones_and_are_merged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    directory = data_dir(tmp_path, "hubspot/deal_company", "fx/fx_rates")
    monkeypatch.setenv("SAM_DATA_DIR", str(directory))
    merged, rest = build_vars(
        None,
        [
            "--select",
            "fct_deals",
            "--vars",
            "{sam_ga4_user_id_holds: crm_id, sam_reporting_start_date: 2024-07-01}",
            "--vars={sam_fx_enabled: false}",
        ],
    )
    assert rest == ["--select", "fct_deals"]
    # derived from the directory, kept where the user said nothing
    assert merged["sam_crm"] == "hubspot"
    assert merged["sam_hubspot_deal_company_enabled"] is True
    assert merged["sam_hubspot_contact_list_enabled"] is False
    assert merged["sam_google_ads_enabled"] is False
    # the user's values win over the derived ones (the manifest says email_sha256; fx is present)
    assert merged["sam_ga4_user_id_holds"] == "crm_id"
    assert merged["sam_fx_enabled"] is False
    assert merged["sam_reporting_start_date"] == "2024-07-01"  # a date stays text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--vars"], "--vars needs a value"),
        (["--vars", "{a: [1"], "--vars is not valid YAML/JSON"),
        (["--vars", "just text"], "--vars must be a mapping"),
    ],
)
def test_unusable_vars_are_one_line_errors(args: list[str], message: str) -> None:
    with pytest.raises(DataDirError, match=message):
        split_user_vars(args)


def test_every_var_problem_is_found() -> None:
    defaults = var_checks.project_defaults()
    assert var_checks.problems(defaults) == []
    wrong = {
        **defaults,
        "sam_crm": "dynamics",
        "sam_time_spine_start_date": "2036-01-01",
        "sam_fx_max_rate_age_days": "four",
        "sam_attribution_half_life_days": 0,
        "sam_reporting_currency": "Dollar",
        "sam_hubspot_offline_lists": [{"campaign_type": "Webinar", "name": "[webinar"}],
        "sam_ad_platforms": {"google_ads": {"source": "google", "session_source": "*google"}},
        "sam_channel_overrides": [{"channel": "Nothing"}],
    }
    found = var_checks.problems(wrong)
    assert len(found) == 8, found
    assert found[0] == "var sam_crm must be hubspot or salesforce, got 'dynamics'"
    assert any(p.startswith("var sam_time_spine_start_date (2036-01-01) is after") for p in found)
    assert any("var sam_hubspot_offline_lists[0].name: regex '[webinar'" in p for p in found)
    assert any("var sam_ad_platforms.google_ads.session_source" in p for p in found)
    assert any("var sam_channel_overrides[0] (Nothing) has no source" in p for p in found)


def test_secrets_are_masked_however_they_travel() -> None:
    url = "postgresql://analyst:p%40ss!word@db.example.com:5432/sam"
    remember_url_password(url)
    text = (
        f"cannot connect to {url}; driver said: password authentication failed "
        "(password=p@ss!word) for token=abc123def, key: 'sk-live-xyz'"
    )
    masked = mask(text)
    for secret in ("p%40ss!word", "p@ss!word", "abc123def", "sk-live-xyz"):
        assert secret not in masked, masked
    assert "postgresql://analyst:***@db.example.com:5432/sam" in masked
    assert mask("bigquery://my-project/sam") == "bigquery://my-project/sam"
