"""SAM's own project rules as dbt-score rules (`make score`; pyproject's [tool.dbt-score] adds
this module to dbt-score's rule namespaces). Each rule is one of the brief's standards:

- layers: an intermediate model reads staging and intermediate models, never a mart;
- a primary-key test on every model: `unique` + `not_null` on one column, or SAM's
  `sam_unique_combination` over several;
- freshness declared on every source.
"""

from typing import Any

from dbt_score import Model, RuleViolation, Source, rule

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


def _declared(threshold: Any) -> bool:
    if threshold is None:
        return False
    count = threshold.get("count") if isinstance(threshold, dict) else threshold.count
    return count is not None


@rule
def source_has_freshness(source: Source) -> RuleViolation | None:
    """A source declares freshness (warn_after or error_after)."""
    freshness: Any = source.freshness
    if freshness is not None:
        if isinstance(freshness, dict):
            warn, error = freshness.get("warn_after"), freshness.get("error_after")
        else:
            warn, error = freshness.warn_after, freshness.error_after
        if _declared(warn) or _declared(error):
            return None
    return RuleViolation(message="Source declares no freshness.")
