"""The var rules are written twice: in Python (sam.var_checks, run by `sam build` before dbt
starts, with the regexes compiled) and in Jinja (macros/validate_vars.sql, dbt's on-run-start hook
for anyone running dbt directly). Both must say the same thing about the same wrong vars: one
wrong value per rule they share, the messages compared line for line (issue 20 review: the two
copies cannot drift apart unnoticed)."""

from __future__ import annotations

import json
from pathlib import Path

from sam import var_checks
from sam.project import run_dbt

# Strings throughout: Python quotes a value with repr(), the macro with '...' (the same for a str).
WRONG: dict[str, object] = {
    "sam_crm": "pipedrive",
    "sam_ga4_start_date": "2024-02-30",  # no such day
    "sam_reporting_start_date": "2024-05-01",  # after its end date
    "sam_reporting_end_date": "2024-04-01",
    "sam_ga4_late_days": "-1",
    "sam_test_recent_days": "a week",  # would have become a 0-day window
    "sam_attribution_half_life_days": "0",
    "sam_ga4_user_id_holds": "phone",
    "sam_attribution_models": ["first_touch", "last_click"],
    "sam_reporting_currency": "EURO",
    "sam_channel_overrides": [
        {"channel": "Partners"},  # no regex
        {"source": "^partner"},  # no channel
        {"channel": "Events", "medium": "^event$"},  # fine
    ],
}


def test_python_and_jinja_give_the_same_messages(tmp_path: Path) -> None:
    python = var_checks.problems({**var_checks.project_defaults(), **WRONG})
    inline = "{{ tojson(sam.validate_vars(fromjson('" + json.dumps(WRONG) + "'))) }}"
    result = run_dbt(
        ["compile", "--quiet", "--output", "json", "--inline", inline,
         "--target-path", str(tmp_path / "target"), "--log-path", str(tmp_path / "logs")],
        env={"SAM_DUCKDB_PATH": str(tmp_path / "parity.duckdb")},
        capture=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:]
    # --output json prints {"compiled": "<the rendered list as JSON>"} over a few lines
    output = result.stdout
    jinja = json.loads(json.loads(output[output.index("{") :])["compiled"])
    # Every shared rule fired once (ten vars and two override entries: eleven messages)...
    assert len(jinja) == 11, jinja
    # ...and the Python check says exactly the same, in the same order.
    assert python == jinja
