"""`sam freshness`: dbt source freshness, judged against the data's own "today".

A frozen data directory (the demo) declares its as-of date in manifest.json; its sources are
judged as of the end of that day (dbt var sam_freshness_as_of, read by macros/freshness.sql).
Any other data is judged against the clock.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from sam import parse_cache
from sam.dbt_runner import build_vars, declared_as_of
from sam.project import run_dbt


def freshness_vars(
    as_of: str | None = None, extra_args: Sequence[str] = ()
) -> tuple[dict[str, object], list[str]]:
    """The vars of `sam build` for the data directory (the user's --vars merged over them) plus
    sam_freshness_as_of, and the other dbt arguments. The as-of day: `as_of` when given, else a
    sam_freshness_as_of in --vars, else the directory's declared as-of date, else none (the
    clock)."""
    dbt_vars, rest = build_vars(None, extra_args)
    chosen = as_of or dbt_vars.get("sam_freshness_as_of")
    if chosen is None:
        chosen = declared_as_of(Path(str(dbt_vars["sam_data_dir"])))
    if chosen is not None:
        dbt_vars["sam_freshness_as_of"] = chosen
    return dbt_vars, rest


def freshness(as_of: str | None = None, extra_args: Sequence[str] = ()) -> int:
    """Run `dbt source freshness`; returns dbt's exit code (1 when a source is stale).

    With several GA4 properties (sam_ga4_properties) the `ga4` source names none of them (it is
    the single-property default), so it is left out and every listed property is judged by the
    run-operation ga4_properties_freshness (macros/freshness.sql): the exit code is non-zero when
    either fails."""
    dbt_vars, rest = freshness_vars(as_of, extra_args)
    encoded = json.dumps(dbt_vars, default=str)
    if not dbt_vars.get("sam_ga4_properties"):
        return _run(["source", "freshness", "--vars", encoded, *rest])
    sources = _run(["source", "freshness", "--vars", encoded, "--exclude", "source:ga4", *rest])
    properties = _run(["run-operation", "ga4_properties_freshness", "--vars", encoded])
    return sources or properties


def _run(args: list[str]) -> int:
    """dbt with the parsed project of the last run with the same vars (sam.parse_cache)."""
    with parse_cache.kept(args):
        return run_dbt(args).returncode
