"""`sam freshness`: dbt source freshness, judged against the data's own "today".

A frozen data directory (the demo) declares its as-of date in manifest.json; its sources are
judged as of the end of that day (dbt var sam_freshness_as_of, read by macros/freshness.sql).
Any other data is judged against the clock.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from sam.dbt_runner import declared_as_of, vars_for_data_dir
from sam.project import data_dir, run_dbt


def freshness_vars(as_of: str | None = None) -> dict[str, object]:
    """The vars of `sam build` for the data directory, plus sam_freshness_as_of: `as_of` when
    given, else the directory's declared as-of date, else none (the clock)."""
    directory = data_dir()
    dbt_vars = vars_for_data_dir(directory)
    chosen = as_of or declared_as_of(directory)
    if chosen is not None:
        dbt_vars["sam_freshness_as_of"] = chosen
    return dbt_vars


def freshness(as_of: str | None = None, extra_args: Sequence[str] = ()) -> int:
    """Run `dbt source freshness`; returns dbt's exit code (1 when a source is stale)."""
    dbt_vars = freshness_vars(as_of)
    return run_dbt(["source", "freshness", "--vars", json.dumps(dbt_vars), *extra_args]).returncode
