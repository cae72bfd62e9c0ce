"""`dbt test --select test_type:unit --target bigquery` offline: the SQL each unit test would send
to BigQuery, recorded instead of run (the GoogleSQL gate, sam.zetasql_check, analyses it).

dbt builds a unit test's query only while running it: each dict / csv fixture is rendered with the
columns of the relation it mocks (`adapter.get_columns_in_relation`, which asks BigQuery), the
model's SQL runs on those fixtures, and the expected rows are cast to the types of the result
(a temporary table dbt creates, then reads its columns). Offline there is no BigQuery, but the gate
knows every relation's columns and their BigQuery types (the output schema it resolved for each
model; the sources' and seeds' load types). This entry point runs dbt in-process with:
- the column lookup answered from a JSON file the gate writes; the temporary table of a unit test
  has the columns of the model it tests;
- every statement recorded and answered with an empty result (so each unit test "passes": this
  proves nothing about the values, which DuckDB's run checks, only what the SQL is);
- dropping the temporary table a no-op.

Run: `python -m sam.bq_offline_dbt <columns.json> <statements.json> <dbt test args...>`; the
columns JSON maps "project.dataset.table" to [[column, BigQuery type], ...]; statements.json
receives {unit test id: {"model": tested model id, "sql": [statements in order]}}.
"""

from __future__ import annotations

import json
import sys
import threading
from pathlib import Path
from typing import Any

_current = threading.local()


def _key(relation: Any) -> str:
    return f"{relation.database}.{relation.schema}.{relation.identifier}"


def patch_dbt(columns: dict[str, list[list[str]]], statements: dict[str, Any]) -> None:
    import agate
    from dbt.adapters.bigquery.column import BigQueryColumn
    from dbt.adapters.bigquery.connections import (
        BigQueryAdapterResponse,
        BigQueryConnectionManager,
    )
    from dbt.adapters.bigquery.impl import BigQueryAdapter
    from dbt.task.test import TestRunner

    def tested_columns() -> list[list[str]]:
        return columns.get(getattr(_current, "tested", ""), [])

    def get_columns_in_relation(self: Any, relation: Any) -> list[Any]:
        found = columns.get(_key(relation))
        if found is None and "__dbt_tmp" in (relation.identifier or ""):
            found = tested_columns()  # the unit test's result: the tested model's columns
        return [BigQueryColumn(name, dtype) for name, dtype in found or []]

    def execute(
        self: Any, sql: str, auto_begin: bool = False, fetch: Any = None, limit: Any = None
    ) -> tuple[Any, Any]:
        getattr(_current, "sql", []).append(sql)
        names = ["actual_or_expected"]
        if "__dbt_sbq" in sql:  # get_columns_in_query: the result's column names
            names = [name for name, _ in tested_columns()]
        table = agate.Table([], names, [agate.Text() for _ in names])
        return BigQueryAdapterResponse(_message="OFFLINE"), table

    def drop_relation(self: Any, relation: Any) -> None:
        return None

    original = TestRunner.execute_unit_test

    def execute_unit_test(self: Any, unit_test_def: Any, manifest: Any) -> Any:
        tested = manifest.nodes[unit_test_def.depends_on.nodes[0]]
        _current.tested = f"{tested.database}.{tested.schema}.{tested.alias}"
        _current.sql = []
        try:
            return original(self, unit_test_def, manifest)
        finally:
            statements[unit_test_def.unique_id] = {"model": tested.unique_id, "sql": _current.sql}

    BigQueryAdapter.get_columns_in_relation = get_columns_in_relation  # type: ignore[method-assign]
    BigQueryAdapter.drop_relation = drop_relation  # type: ignore[method-assign]
    BigQueryConnectionManager.execute = execute  # type: ignore[method-assign]
    TestRunner.execute_unit_test = execute_unit_test  # type: ignore[method-assign]


def main(argv: list[str]) -> int:
    if len(argv) < 3:
        print(
            "usage: python -m sam.bq_offline_dbt <columns.json> <statements.json> <dbt args...>",
            file=sys.stderr,
        )
        return 2
    statements: dict[str, Any] = {}
    patch_dbt(json.loads(Path(argv[0]).read_text()), statements)
    from dbt.cli.main import dbtRunner

    result = dbtRunner().invoke(argv[2:])
    Path(argv[1]).write_text(json.dumps(statements, indent=1))
    return 0 if result.success else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
