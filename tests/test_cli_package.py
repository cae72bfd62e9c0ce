"""The `sam` command line as a package: one module per command, each registered once in
sam.cli.main.COMMANDS and imported only when its command runs (fast, no dbt)."""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
from pathlib import Path

import typer
from typer.testing import CliRunner

import sam.cli
from sam.cli.main import COMMANDS, app
from sam.project import REPO_ROOT

NOT_COMMANDS = {"__init__", "__main__", "main", "common"}


def test_every_command_module_is_registered_once_under_its_own_name() -> None:
    package = Path(sam.cli.__file__).parent
    modules = {f"sam.cli.{p.stem}" for p in package.glob("*.py") if p.stem not in NOT_COMMANDS}
    assert sorted(COMMANDS.values()) == sorted(modules)
    for name, module_name in COMMANDS.items():
        module = importlib.import_module(module_name)
        assert isinstance(module.app, typer.Typer), module_name
        assert [c.name for c in module.app.registered_commands] == [name], module_name


def test_help_lists_every_command_in_registration_order() -> None:
    result = CliRunner().invoke(app, ["--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    listed = [
        line.split()[1]
        for line in result.output.splitlines()
        if line.startswith("│ ") and len(line.split()) > 2 and line.split()[1] in COMMANDS
    ]
    assert listed == list(COMMANDS)


def test_a_command_imports_only_its_own_module() -> None:
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from sam.cli import app\n"
        "result = CliRunner().invoke(app, ['build', '--crm', 'x'])\n"
        "print(result.exit_code)\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('sam.cli.'))))\n"
        "print('matplotlib' in sys.modules)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    exit_code, modules, matplotlib = run.stdout.splitlines()
    assert exit_code == "2"  # the one-line --crm error
    assert modules.split() == ["sam.cli.build", "sam.cli.common", "sam.cli.main"]
    assert matplotlib == "False"


def test_an_unknown_command_is_suggested_from_the_registry() -> None:
    result = CliRunner().invoke(app, ["biuld"])
    assert result.exit_code == 2
    assert "No such command 'biuld'. Did you mean 'build'?" in result.output


def test_python_dash_m_runs_the_same_app() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "sam.cli", "freshness", "--as-of", "someday"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 2
    assert run.stderr.strip() == "sam: --as-of must be a date YYYY-MM-DD (got 'someday')"


def test_the_readme_lists_every_command_once() -> None:
    readme = (REPO_ROOT / "README.md").read_text()
    table = readme.split("## The `sam` command", 1)[1].split("\n## ", 1)[0]
    listed = re.findall(r"^\| `sam ([\w-]+)` \|", table, re.M)
    assert sorted(listed) == sorted(COMMANDS), (
        "README.md '## The `sam` command' table vs sam.cli.main.COMMANDS: "
        f"missing {sorted(set(COMMANDS) - set(listed))}, "
        f"unknown {sorted(set(listed) - set(COMMANDS))}, "
        f"listed twice {sorted({c for c in listed if listed.count(c) > 1})}"
    )
