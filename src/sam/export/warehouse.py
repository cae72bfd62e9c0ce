"""Where `sam export` reads the exp_ tables and keeps its ledger: the DuckDB file or BigQuery.

The ledger (table sam_export_ledger) gets one row per attempt: `pending` just before a request
goes out, `sent` / `failed` with the answer. An outcome is sent once any row says sent; the
latest row says what happened last (dbt reads the same table: stg_sam__export_ledger).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import astuple, dataclass
from pathlib import Path
from typing import Any, Protocol

from sam.export.status import Destination, LedgerState

LEDGER_TABLE = "sam_export_ledger"
LEDGER_COLUMNS = (
    ("destination", "string"),
    ("outcome_key", "string"),
    ("payload_hash", "string"),
    ("status", "string"),
    ("attempted_at", "timestamp"),
    ("response", "string"),
    ("run_id", "string"),
)
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_\-]*$")


class WarehouseError(RuntimeError):
    """The warehouse cannot give what the export needs (a table missing, a bad name)."""


@dataclass(frozen=True)
class LedgerRow:
    destination: str
    outcome_key: str
    payload_hash: str
    status: str
    attempted_at: dt.datetime
    response: str
    run_id: str


class Warehouse(Protocol):
    def read_rows(self, table: str) -> list[dict[str, Any]]: ...

    def read_ledger(self, destination: Destination) -> dict[str, LedgerState]: ...

    def append_ledger(self, rows: Sequence[LedgerRow]) -> None: ...

    def close(self) -> None: ...


def _ident(name: str) -> str:
    if not _IDENT.match(name):
        raise WarehouseError(f"not a valid table / schema name: {name!r}")
    return name


def _ledger_states(rows: Sequence[tuple[Any, ...]]) -> dict[str, LedgerState]:
    """(outcome_key, status, attempted_at) rows -> the state of each outcome."""
    latest: dict[str, tuple[dt.datetime, bool, str]] = {}
    sent: set[str] = set()
    for key, status, attempted_at in rows:
        if status == "sent":
            sent.add(key)
        # at the same instant the answer (sent / failed) follows its pending row
        rank = (attempted_at, status != "pending", status)
        if key not in latest or rank >= latest[key]:
            latest[key] = rank
    return {key: LedgerState(key in sent, rank[2]) for key, rank in latest.items()}


class DuckDBWarehouse:
    """The DuckDB file dbt builds (SAM_DUCKDB_PATH); the ledger in `ledger_schema` (main)."""

    def __init__(self, path: Path, schema: str = "main", ledger_schema: str | None = None) -> None:
        import duckdb

        if not path.exists():
            raise WarehouseError(f"DuckDB file {path} does not exist (run `sam build` first)")
        self.schema = _ident(schema)
        self.ledger_schema = _ident(ledger_schema or schema)
        self.connection = duckdb.connect(str(path))

    def read_rows(self, table: str) -> list[dict[str, Any]]:
        import duckdb

        try:
            cursor = self.connection.execute(f"select * from {self.schema}.{_ident(table)}")
        except duckdb.CatalogException:
            raise WarehouseError(
                f"table {self.schema}.{table} not found: run `sam build` (dbt build) first"
            ) from None
        names = [d[0] for d in cursor.description or []]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def _ensure_ledger(self) -> None:
        types = {"string": "varchar", "timestamp": "timestamp"}
        columns = ", ".join(f"{name} {types[kind]}" for name, kind in LEDGER_COLUMNS)
        self.connection.execute(f"create schema if not exists {self.ledger_schema}")
        self.connection.execute(
            f"create table if not exists {self.ledger_schema}.{LEDGER_TABLE} ({columns})"
        )

    def read_ledger(self, destination: Destination) -> dict[str, LedgerState]:
        # a dry run writes nothing: no ledger table yet means nothing was ever sent
        exists = self.connection.execute(
            "select count(*) from information_schema.tables "
            "where table_schema = ? and table_name = ?",
            [self.ledger_schema, LEDGER_TABLE],
        ).fetchone()
        if not exists or not exists[0]:
            return {}
        rows = self.connection.execute(
            f"select outcome_key, status, attempted_at from {self.ledger_schema}.{LEDGER_TABLE} "
            "where destination = ?",
            [destination],
        ).fetchall()
        return _ledger_states(rows)

    def append_ledger(self, rows: Sequence[LedgerRow]) -> None:
        if not rows:
            return
        import pyarrow as pa

        self._ensure_ledger()
        names = [name for name, _ in LEDGER_COLUMNS]
        batch = pa.Table.from_pylist([dict(zip(names, astuple(row), strict=True)) for row in rows])
        # one statement, one transaction: all the rows of a request, or none
        self.connection.register("sam_ledger_batch", batch)
        try:
            self.connection.execute(
                f"insert into {self.ledger_schema}.{LEDGER_TABLE} ({', '.join(names)}) "
                f"select {', '.join(names)} from sam_ledger_batch"
            )
        finally:
            self.connection.unregister("sam_ledger_batch")

    def close(self) -> None:
        self.connection.close()


class BigQueryWarehouse:
    """BigQuery: the exp_ tables in `dataset`, the ledger in `ledger_dataset` (the same by
    default), written with streaming inserts (readable by the next query at once)."""

    def __init__(self, project: str, dataset: str, ledger_dataset: str | None = None) -> None:
        from google.cloud import bigquery

        self.client = bigquery.Client(project=project)
        self.project = _ident(project)
        self.dataset = _ident(dataset)
        self.ledger_dataset = _ident(ledger_dataset or dataset)

    @property
    def _ledger(self) -> str:
        return f"`{self.project}.{self.ledger_dataset}.{LEDGER_TABLE}`"

    def read_rows(self, table: str) -> list[dict[str, Any]]:
        from google.api_core.exceptions import NotFound

        try:
            result = self.client.query(
                f"select * from `{self.project}.{self.dataset}.{_ident(table)}`"
            ).result()
        except NotFound:
            raise WarehouseError(
                f"table {self.dataset}.{table} not found: run dbt build first"
            ) from None
        return [dict(row.items()) for row in result]

    def _ensure_ledger(self) -> None:
        types = {"string": "STRING", "timestamp": "TIMESTAMP"}
        columns = ", ".join(f"{name} {types[kind]}" for name, kind in LEDGER_COLUMNS)
        self.client.query(f"create table if not exists {self._ledger} ({columns})").result()

    def read_ledger(self, destination: Destination) -> dict[str, LedgerState]:
        from google.api_core.exceptions import NotFound
        from google.cloud import bigquery

        try:
            self.client.get_table(f"{self.project}.{self.ledger_dataset}.{LEDGER_TABLE}")
        except NotFound:
            return {}  # a dry run writes nothing: no ledger yet means nothing was ever sent
        job = self.client.query(
            f"select outcome_key, status, attempted_at from {self._ledger} "
            "where destination = @destination",
            job_config=bigquery.QueryJobConfig(
                query_parameters=[
                    bigquery.ScalarQueryParameter("destination", "STRING", destination)
                ]
            ),
        )
        rows = [
            (r["outcome_key"], r["status"], r["attempted_at"].replace(tzinfo=None))
            for r in job.result()
        ]
        return _ledger_states(rows)

    def append_ledger(self, rows: Sequence[LedgerRow]) -> None:
        if not rows:
            return
        self._ensure_ledger()
        table = f"{self.project}.{self.ledger_dataset}.{LEDGER_TABLE}"
        payload = [{**row.__dict__, "attempted_at": row.attempted_at.isoformat()} for row in rows]
        errors = self.client.insert_rows_json(table, payload)
        if errors:
            raise WarehouseError(f"writing the ledger {table} failed: {errors[:3]}")

    def close(self) -> None:
        self.client.close()  # type: ignore[no-untyped-call]
