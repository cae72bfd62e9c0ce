"""`sam check`: the gate passes on consistent marts and fails, naming the expectation, on broken
ones. The marts are the hand-written database of tests/marts_fixture.py (what each number should
be is worked out there); `make test` also runs `sam check` on the demo build."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from marts_fixture import AS_OF, build_marts, execute

from sam.check.config import CheckConfig, ConfigError, load_config
from sam.check.runner import CheckResult, run_check
from sam.check.suites import build_batches

SAM = str(Path(sys.executable).parent / "sam")


def _config(database: Path, docs: Path, **overrides: object) -> CheckConfig:
    return load_config(
        {"database": str(database), "as_of": AS_OF, "docs_dir": str(docs), **overrides}, env={}
    )


def _failed(result: CheckResult) -> set[str]:
    return {f"{o.batch}: {o.expectation}" for o in result.failures}


# --- configuration (no great-expectations run) ------------------------------------------------


def test_config_precedence_defaults_env_then_options(tmp_path: Path) -> None:
    project = tmp_path / "dbt_project.yml"
    project.write_text("vars:\n  sam_max_junk_share: 0.4\n")
    config = load_config(env={}, project_file=project)
    assert config.max_junk_share == 0.4  # the dbt var, not the package default
    assert config.max_age_days == 2
    assert config.as_of == dt.datetime.now(dt.UTC).date()

    env = {"SAM_CHECK_MAX_JUNK_SHARE": "0.3", "SAM_CHECK_AS_OF": "2024-12-31"}
    config = load_config(env=env, project_file=project)
    assert (config.max_junk_share, config.as_of) == (0.3, dt.date(2024, 12, 31))

    config = load_config({"max_junk_share": 0.1, "as_of": None}, env=env, project_file=project)
    assert (config.max_junk_share, config.as_of) == (0.1, dt.date(2024, 12, 31))


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"as_of": "31/12/2024"}, "--as-of: '31/12/2024' is not valid"),
        ({"max_junk_share": 1.5}, "a share is between 0 and 1"),
        ({"max_age_days": -1}, "must not be negative"),
        ({"engine": "sql"}, "engine sql needs a connection string"),
        ({"engine": "postgres"}, "must be duckdb or sql"),
    ],
)
def test_config_rejects_bad_values_in_one_line(overrides: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_config(overrides, env={})


def test_suites_use_the_thresholds() -> None:
    config = load_config({"as_of": "2024-12-31", "max_age_days": 3, "schema": "marts"}, env={})
    batches = {b.name: b for b in build_batches(config)}
    fresh = batches["freshness"].expectations[0].kwargs
    assert fresh["min_value"] == dt.datetime(2024, 12, 28)
    assert fresh["max_value"] == dt.datetime(2025, 1, 1)
    assert "from marts.fct_sessions" in batches["freshness"].sql
    junk = batches["junk_share"].expectations[0].kwargs
    assert junk["max_value"] == config.max_junk_share


# --- great-expectations runs on the hand-written marts -----------------------------------------


def test_check_passes_on_consistent_marts(tmp_path: Path) -> None:
    database = build_marts(tmp_path / "sam.duckdb")
    result = run_check(_config(database, tmp_path / "docs"))
    assert result.failures == []
    expected = sum(len(b.expectations) for b in build_batches(_config(database, tmp_path)))
    assert len(result.outcomes) == expected == 60
    assert result.docs_index == tmp_path / "docs" / "index.html"
    assert (tmp_path / "docs" / "validations").is_dir()


def test_cli_fails_on_a_duplicated_deal_naming_the_expectation(tmp_path: Path) -> None:
    database = build_marts(tmp_path / "sam.duckdb")
    execute(database, "insert into fct_deals select * from fct_deals where deal_id = 'D1'")
    env = dict(os.environ, SAM_DUCKDB_PATH=str(database), GX_ANALYTICS_ENABLED="false")
    run = subprocess.run(
        [SAM, "check", "--as-of", AS_OF, "--docs-dir", str(tmp_path / "docs")],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 1, run.stderr
    lines = run.stdout.splitlines()
    assert any(
        line.startswith("FAILED fct_deals: expect_column_values_to_be_unique(deal_id) - 2 of 5")
        and "D1" in line
        for line in lines
    ), run.stdout
    # The duplicate also doubles D1's 1,000 in won revenue: 2,200 vs 1,200 credited (gap 1000/2200).
    assert any(
        line.startswith("FAILED reconciliation: expect_column_values_to_be_between(revenue_gap")
        and "0.4545" in line
        for line in lines
    ), run.stdout
    # ... and the closed-won credits (1,200) no longer match either: three failures in all.
    summary = [line for line in lines if line.startswith("sam check: ") and "failed" in line]
    assert summary == ["sam check: 60 expectations on 10 batches, 3 failed: FAILED"], run.stdout


def test_each_breakage_is_named(tmp_path: Path) -> None:
    database = build_marts(tmp_path / "sam.duckdb")
    execute(
        database,
        # a credit above 1 (and its conversion's credits no longer sum to 1)
        "update fct_attribution_credits set credit = 1.5 "
        "where conversion_id = 'L1' and attribution_model = 'linear'",
        # a bot wave: 6 of 7 leads junk
        "update fct_leads set is_junk = true where lead_id <> 'L1'",
        # a lost spend row: the channel mart holds 550, the platforms 300
        "delete from fct_spend_daily where campaign_id = 'c2'",
        # a session without key
        "update fct_sessions set session_key = null where session_key = 's4'",
        # a mart that is not there
        "drop table rpt_channel_scorecard",
    )
    result = run_check(_config(database, tmp_path / "docs"))
    assert _failed(result) == {
        "fct_attribution_credits: expect_column_values_to_be_between(credit)",
        "credits_per_conversion: expect_column_values_to_be_between(credit_sum)",
        "junk_share: expect_column_values_to_be_between(junk_share)",
        "reconciliation: expect_column_values_to_be_between(spend_gap_vs_platforms)",
        "fct_sessions: expect_column_values_to_not_be_null(session_key)",
        "rpt_channel_scorecard: query",
    }
    by_name = {f"{o.batch}: {o.expectation}": o for o in result.failures}
    assert "0.857" in by_name["junk_share: expect_column_values_to_be_between(junk_share)"].detail
    # (550 - 300) / 300 for each of the two models
    spend = by_name["reconciliation: expect_column_values_to_be_between(spend_gap_vs_platforms)"]
    assert spend.detail.startswith("2 of 2 rows unexpected, e.g. ['0.8333")
    assert "rpt_channel_scorecard" in by_name["rpt_channel_scorecard: query"].detail


def test_cli_one_line_reason_without_database(tmp_path: Path) -> None:
    env = dict(os.environ, SAM_DUCKDB_PATH=str(tmp_path / "none.duckdb"))
    run = subprocess.run([SAM, "check"], env=env, capture_output=True, text=True, check=False)
    assert run.returncode == 2
    assert run.stderr.strip().splitlines()[-1].startswith("sam: no SAM database at")
