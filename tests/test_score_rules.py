"""SAM's dbt-score rules (src/sam/score_rules.py) and the macro docs `make score` scores.

Cheap (no dbt run, no parse: under a second): the rules are evaluated on hand-built dbt-score
objects with an injected violation and its fix; the freshness exemptions and the macro yml are
checked against the files they describe (the sources yml, each macro's own signature).
"""

import re
from pathlib import Path
from typing import Any

import dbt.include.global_project
import pytest
import yaml
from dbt.parser.schemas import is_valid_type
from dbt_score import Macro, Model, RuleViolation, Source
from dbt_score.models import Column, Duration, SourceFreshness
from dbt_score.models import Test as ScoreTest

from sam import score_rules

ROOT = Path(__file__).resolve().parents[1]


def _model(
    path: str,
    *,
    tests: list[ScoreTest] | None = None,
    columns: list[Column] | None = None,
    parents: list[Any] | None = None,
) -> Model:
    name = Path(path).stem
    return Model(
        unique_id=f"model.sam.{name}",
        name=name,
        relation_name=None,
        description="",
        original_file_path=path,
        config={},
        meta={},
        columns=columns or [],
        package_name="sam",
        database="db",
        schema="main",
        raw_code="select 1",
        language="sql",
        access="protected",
        group=None,
        tests=tests or [],
        parents=parents or [],
    )


def _source(source_name: str, name: str, freshness: SourceFreshness | None) -> Source:
    return Source(
        unique_id=f"source.sam.{source_name}.{name}",
        name=name,
        description="",
        source_name=source_name,
        source_description="",
        original_file_path="models/x.yml",
        config={},
        meta={},
        source_meta={},
        columns=[],
        package_name="sam",
        database="db",
        schema="raw",
        identifier=name,
        loader="",
        freshness=freshness,
    )


def _macro(name: str) -> Macro:
    return Macro(
        unique_id=f"macro.sam.{name}",
        name=name,
        description="",
        original_file_path="macros/x.sql",
        package_name="sam",
        macro_sql="",
        meta={},
        tags=[],
    )


def _evaluate(rule: Any, evaluable: Any) -> RuleViolation | None:
    result: RuleViolation | None = rule().evaluate(evaluable)
    return result


def test_intermediate_model_reading_a_mart_fails() -> None:
    mart = _model("models/marts/core/fct_leads.sql")
    staging = _model("models/staging/hubspot/stg_hubspot__contacts.sql")
    violation = _evaluate(
        score_rules.intermediate_reads_no_mart,
        _model("models/intermediate/crm/int_crm__people.sql", parents=[staging, mart]),
    )
    assert (
        violation is not None and violation.message == "Intermediate model reads marts: fct_leads."
    )
    assert (
        _evaluate(
            score_rules.intermediate_reads_no_mart,
            _model("models/intermediate/crm/int_crm__people.sql", parents=[staging]),
        )
        is None
    )
    # a mart may read a mart
    assert (
        _evaluate(
            score_rules.intermediate_reads_no_mart,
            _model("models/marts/core/fct_deals.sql", parents=[mart]),
        )
        is None
    )


def test_model_without_primary_key_test_fails() -> None:
    only_unique = Column(name="lead_id", description="", tests=[ScoreTest(name="u", type="unique")])
    assert (
        _evaluate(
            score_rules.has_primary_key_test,
            _model("models/marts/core/fct_leads.sql", columns=[only_unique]),
        )
        is not None
    )
    both = Column(
        name="lead_id",
        description="",
        tests=[ScoreTest(name="u", type="unique"), ScoreTest(name="n", type="not_null")],
    )
    assert (
        _evaluate(
            score_rules.has_primary_key_test,
            _model("models/marts/core/fct_leads.sql", columns=[both]),
        )
        is None
    )
    combination = ScoreTest(name="c", type="sam_unique_combination", kwargs={"columns": ["a", "b"]})
    assert (
        _evaluate(
            score_rules.has_primary_key_test,
            _model("models/marts/core/fct_leads.sql", tests=[combination]),
        )
        is None
    )


def test_source_without_freshness_fails_unless_exempt() -> None:
    none = SourceFreshness(warn_after=Duration(), error_after=Duration())
    declared = SourceFreshness(warn_after=Duration(count=1, period="day"), error_after=Duration())
    violation = _evaluate(score_rules.source_has_freshness, _source("hubspot", "contact", none))
    assert violation is not None and violation.message == "Source declares no freshness."
    assert (
        _evaluate(score_rules.source_has_freshness, _source("hubspot", "contact", None)) is not None
    )
    assert (
        _evaluate(score_rules.source_has_freshness, _source("hubspot", "contact", declared)) is None
    )
    # listed with a reason
    assert _evaluate(score_rules.source_has_freshness, _source("hubspot", "company", None)) is None


def _declared_tables() -> dict[str, bool]:
    """Every source table of the sources yml files -> whether it declares freshness (its own, or
    its source's when the table does not set it)."""
    tables: dict[str, bool] = {}
    for path in sorted((ROOT / "models").rglob("_*__sources.yml")):
        for source in yaml.safe_load(path.read_text())["sources"]:
            source_freshness = (source.get("config") or {}).get(
                "freshness", source.get("freshness")
            )
            for table in source["tables"]:
                config = table.get("config") or {}
                if "freshness" in config:
                    freshness = config["freshness"]
                else:
                    freshness = table.get("freshness", source_freshness)
                declared = bool(freshness) and any(
                    (freshness.get(key) or {}).get("count") for key in ("warn_after", "error_after")
                )
                tables[f"{source['name']}.{table['name']}"] = declared
    return tables


def test_freshness_exemptions_are_true() -> None:
    """Each exempt table is a declared table without freshness, with a reason; every declared table
    without freshness (both CRMs, every ad platform) is exempt."""
    tables = _declared_tables()
    assert len(tables) > 30
    for name, reason in score_rules.FRESHNESS_EXEMPT.items():
        assert name in tables, f"{name} is exempt but not a declared source table"
        assert not tables[name], f"{name} declares freshness: remove it from FRESHNESS_EXEMPT"
        assert len(reason) > 20
    missing = sorted(
        name
        for name, declared in tables.items()
        if not declared and name not in score_rules.FRESHNESS_EXEMPT
    )
    assert missing == []
    # the tables that change every day are checked, not exempt
    for name in (
        "ga4.events",
        "hubspot.contact",
        "hubspot.deal",
        "salesforce.opportunity",
        "google_ads.campaign_stats",
        "fx.fx_rates",
    ):
        assert tables[name]


def test_dispatch_implementations_are_filtered() -> None:
    keep = score_rules.is_not_dispatch_implementation()
    assert keep.evaluate(_macro("sha256_hex"))
    assert keep.evaluate(_macro("sam_default_channel_group"))
    for name in ("default__sha256_hex", "duckdb__sha256_hex", "bigquery__type_string"):
        assert not keep.evaluate(_macro(name))


MACRO = re.compile(r"\{%-?\s*(macro|test)\s+(\w+)\s*\((.*?)\)\s*-?%\}", re.S)


def _arguments(signature: str) -> list[str]:
    """The argument names of a Jinja signature (defaults may hold commas in brackets)."""
    names, depth, current = [], 0, ""
    for char in signature + ",":
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        if char == "," and depth == 0:
            if current.strip():
                names.append(current.split("=")[0].strip())
            current = ""
        else:
            current += char
    return names


def _macros_in(folder: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in sorted(folder.rglob("*.sql")):
        for kind, name, signature in MACRO.findall(path.read_text()):
            found[("test_" if kind == "test" else "") + name] = _arguments(signature)
    return found


def _dispatchers(folder: Path) -> dict[str, str]:
    """Each name dispatched with adapter.dispatch('<name>', ...) -> the macro that dispatches it."""
    found: dict[str, str] = {}
    for path in sorted(folder.rglob("*.sql")):
        text = path.read_text()
        starts = list(MACRO.finditer(text))
        for start, end in zip(starts, [*starts[1:], None], strict=True):
            body = text[start.end() : end.start() if end else len(text)]
            for dispatched in re.findall(r"adapter\.dispatch\(\s*'(\w+)'", body):
                found[dispatched] = start.group(2)
    return found


def _documented() -> dict[str, dict[str, Any]]:
    entries: dict[str, dict[str, Any]] = {}
    for path in sorted(
        [*(ROOT / "macros").rglob("*.yml"), *(ROOT / "tests" / "generic").rglob("*.yml")]
    ):
        for entry in yaml.safe_load(path.read_text()).get("macros") or []:
            assert entry["name"] not in entries, f"{entry['name']} documented twice"
            entries[entry["name"]] = entry
    return entries


def test_every_macro_documented_with_its_arguments() -> None:
    """Each SAM macro (dispatch implementations aside) has a description and exactly its
    signature's arguments, in order, each with a type and a description; no yml entry is stale."""
    macros = {**_macros_in(ROOT / "macros"), **_macros_in(ROOT / "tests" / "generic")}
    documented = _documented()
    assert len(macros) > 150
    problems = []
    for name, arguments in sorted(macros.items()):
        if score_rules.DISPATCH_IMPLEMENTATION.match(name):
            continue
        entry = documented.get(name)
        if entry is None or not (entry.get("description") or "").strip():
            problems.append(f"{name}: no description")
            continue
        listed = entry.get("arguments") or []
        # a generic test's arguments are in its description (tests/generic/_generic__tests.yml)
        if name.startswith("test_"):
            assert not listed and all(f"{a}," in entry["description"] for a in arguments)
            continue
        if [argument["name"] for argument in listed] != arguments:
            problems.append(f"{name}: yml arguments {[a['name'] for a in listed]} != {arguments}")
        problems += [
            f"{name}.{a['name']}: no valid type or no description"
            for a in listed
            if not is_valid_type(a.get("type") or "") or not (a.get("description") or "").strip()
        ]
    problems += [f"{name}: documented but not a macro" for name in documented if name not in macros]
    assert problems == []


def test_every_dispatch_implementation_has_a_documented_dispatcher() -> None:
    """The filter's premise: default__x / bigquery__x / duckdb__x are described by x, a documented
    SAM macro, or dbt's own macro x that SAM overrides (collect_freshness)."""
    macros = _macros_in(ROOT / "macros")
    documented = _documented()
    dbt_macros = _macros_in(Path(dbt.include.global_project.__file__).parent / "macros")
    dispatchers = _dispatchers(ROOT / "macros")
    implementations = {
        name: match["dispatcher"]
        for name in macros
        if (match := score_rules.DISPATCH_IMPLEMENTATION.match(name))
    }
    assert len(implementations) > 40
    assert dispatchers["sam_type_string"] == "type_string"
    orphans = sorted(
        name
        for name, dispatched in implementations.items()
        if dispatchers.get(dispatched) not in documented and dispatched not in dbt_macros
    )
    assert orphans == []
    assert "collect_freshness" in dbt_macros


@pytest.mark.parametrize(
    "signature, names",
    [
        ("", []),
        ("relation=this", ["relation"]),
        ("var_name, relation=none", ["var_name", "relation"]),
        ("columns, prefix='', leading=false", ["columns", "prefix", "leading"]),
        ("overrides={}, x=[1, 2]", ["overrides", "x"]),
    ],
)
def test_signature_arguments(signature: str, names: list[str]) -> None:
    assert _arguments(signature) == names
