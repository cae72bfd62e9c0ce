"""Thresholds and targets of `sam check`: one typed config, defaults here, environment overrides
(SAM_CHECK_*), and the CLI options on top. docs/check.md lists every field.

The junk-share threshold is a dbt var when the project declares one (`sam_max_junk_share` in
dbt_project.yml): then that value is the default here, so the number lives in one place.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Literal

import yaml

from sam.project import REPO_ROOT, duckdb_path

Engine = Literal["duckdb", "sql"]

# dbt var mirrored by `max_junk_share` when dbt_project.yml declares it.
JUNK_SHARE_VAR = "sam_max_junk_share"
DEFAULT_MAX_JUNK_SHARE = 0.25


class ConfigError(ValueError):
    """A threshold or target that cannot be used (one-line reason)."""


@dataclass(frozen=True)
class CheckConfig:
    """What `sam check` reads and the limits it enforces."""

    # Where the marts are: the DuckDB file (engine duckdb), or any SQLAlchemy URL (engine sql),
    # e.g. bigquery://my-project/sam with the sqlalchemy-bigquery package installed.
    engine: Engine = "duckdb"
    database: Path = field(default_factory=duckdb_path)
    connection_string: str | None = None
    # Schema (DuckDB) or dataset (BigQuery) prefix of the marts; None = the connection's default.
    schema: str | None = None
    # "Today" of the data: the newest session must be at most max_age_days older than this.
    as_of: dt.date = field(default_factory=lambda: dt.datetime.now(dt.UTC).date())
    max_age_days: int = 2
    # Share of CRM leads flagged junk (bots, test, spam ...) above which the gate fails.
    max_junk_share: float = DEFAULT_MAX_JUNK_SHARE
    # Sane ranges of the scorecard ratios (rates are 0..1 by definition, ROI >= -1 by definition).
    max_roas: float = 100.0
    max_cost_per_lead: float = 100_000.0
    # Reconciliations (credits sum to 1, revenue and spend agree across marts): relative gap.
    tolerance: float = 1e-6
    # Where GX writes its data docs (HTML).
    docs_dir: Path = field(default_factory=lambda: REPO_ROOT / "reports" / "gx-data-docs")

    def relation(self, name: str) -> str:
        """A mart's name as the checks' SQL writes it."""
        return f"{self.schema}.{name}" if self.schema else name


# Environment variable -> field; values parsed by the field's type.
ENV_VARS: Mapping[str, str] = {
    "SAM_CHECK_ENGINE": "engine",
    "SAM_CHECK_CONNECTION_STRING": "connection_string",
    "SAM_CHECK_SCHEMA": "schema",
    "SAM_CHECK_AS_OF": "as_of",
    "SAM_CHECK_MAX_AGE_DAYS": "max_age_days",
    "SAM_CHECK_MAX_JUNK_SHARE": "max_junk_share",
    "SAM_CHECK_MAX_ROAS": "max_roas",
    "SAM_CHECK_MAX_COST_PER_LEAD": "max_cost_per_lead",
    "SAM_CHECK_TOLERANCE": "tolerance",
    "SAM_CHECK_DOCS_DIR": "docs_dir",
}


def _parse(name: str, raw: object, source: str) -> Any:
    """One value of field `name` from a string (env, CLI) or a YAML scalar."""
    try:
        if name == "engine":
            if raw not in ("duckdb", "sql"):
                raise ValueError("must be duckdb or sql")
            return raw
        if name == "as_of":
            return raw if isinstance(raw, dt.date) else dt.date.fromisoformat(str(raw))
        if name in ("database", "docs_dir"):
            return Path(str(raw))
        if name in ("connection_string", "schema"):
            return str(raw) if raw not in (None, "") else None
        if name == "max_age_days":
            value: float = int(str(raw))
        else:
            value = float(str(raw))
    except ValueError as err:
        raise ConfigError(f"{source}: {raw!r} is not valid ({err})") from None
    if value < 0:
        raise ConfigError(f"{source}: must not be negative (got {raw!r})")
    if name == "max_junk_share" and value > 1:
        raise ConfigError(f"{source}: a share is between 0 and 1 (got {raw!r})")
    return value


def dbt_var(name: str, project_file: Path = REPO_ROOT / "dbt_project.yml") -> object | None:
    """The default of a var declared in dbt_project.yml (None when not declared)."""
    if not project_file.exists():
        return None
    project = yaml.safe_load(project_file.read_text()) or {}
    return (project.get("vars") or {}).get(name)


def load_config(
    overrides: Mapping[str, object] | None = None,
    env: Mapping[str, str] | None = None,
    project_file: Path = REPO_ROOT / "dbt_project.yml",
) -> CheckConfig:
    """Defaults <- the dbt var <- SAM_CHECK_* environment <- explicit overrides (CLI options).

    Overrides whose value is None are ignored (an option not given)."""
    config = CheckConfig()
    from_dbt = dbt_var(JUNK_SHARE_VAR, project_file)
    if from_dbt is not None:
        config = replace(
            config, max_junk_share=_parse("max_junk_share", from_dbt, f"var {JUNK_SHARE_VAR}")
        )
    known = {f.name for f in fields(CheckConfig)}
    changes: dict[str, Any] = {}
    for var, name in ENV_VARS.items():
        text = (os.environ if env is None else env).get(var)
        if text not in (None, ""):
            changes[name] = _parse(name, text, var)
    for name, value in (overrides or {}).items():
        if name not in known:
            raise ConfigError(f"unknown check setting {name!r}")
        if value is not None:
            changes[name] = _parse(name, value, f"--{name.replace('_', '-')}")
    config = replace(config, **changes)
    if config.engine == "sql" and not config.connection_string:
        raise ConfigError(
            "engine sql needs a connection string (--connection-string or "
            "SAM_CHECK_CONNECTION_STRING, e.g. bigquery://my-project/sam)"
        )
    return config
