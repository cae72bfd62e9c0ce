"""The `sam` command line: what SQL should not do (generate, import, check, report, export).

One module per command in this package, each declaring its command on its own Typer
(sam.cli.common.command_app). Adding a command is one module plus one line in COMMANDS.
A command's module is imported when the command runs (or `sam --help` lists it), so
`sam check` does not pay for the report's matplotlib or the demo generator's numpy.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Iterator, MutableMapping
from typing import Any

import typer
from typer.core import TyperGroup

from sam.secrets import mask

# command name -> module, in the order `sam --help` lists them
COMMANDS: dict[str, str] = {
    "demo-data": "sam.cli.demo_data",
    "import-ga4-json": "sam.cli.import_ga4_json",
    "build": "sam.cli.build",
    "summary": "sam.cli.summary",
    "bq-check": "sam.cli.bq_check",
    "check": "sam.cli.check",
    "report": "sam.cli.report",
    "export": "sam.cli.export",
    "freshness": "sam.cli.freshness",
    "bench": "sam.cli.bench",
}


# typer's _Command (typer vendors click as the private typer._click)
_Command = Any


class _LazyCommands(MutableMapping[str, _Command]):
    """COMMANDS as click commands, each module imported on first use."""

    def __init__(self) -> None:
        self._loaded: dict[str, _Command] = {}

    def __getitem__(self, name: str) -> _Command:
        if name not in self._loaded:
            module = importlib.import_module(COMMANDS[name])  # KeyError: no such command
            self._loaded[name] = typer.main.get_command(module.app)
        return self._loaded[name]

    def __setitem__(self, name: str, command: _Command) -> None:
        raise TypeError(f"register {name!r} in sam.cli.main.COMMANDS")

    def __delitem__(self, name: str) -> None:
        raise TypeError(f"cannot remove the command {name!r}")

    def __iter__(self) -> Iterator[str]:
        return iter(COMMANDS)

    def __len__(self) -> int:
        return len(COMMANDS)


class _SamCommands(TyperGroup):
    """Typer's group (help, 'Did you mean ...?') over the lazily imported COMMANDS."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = _LazyCommands()


class _OneLineTyper(typer.Typer):
    """Issue 14: whatever goes wrong, the user reads one line with no secret in it, never a
    traceback (SAM_DEBUG=1 shows the traceback for a bug report)."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if os.environ.get("SAM_DEBUG"):
            return super().__call__(*args, **kwargs)
        try:
            return super().__call__(*args, standalone_mode=False, **kwargs)
        except typer.Exit as done:
            sys.exit(done.exit_code)
        except typer.Abort:
            typer.secho("sam: aborted", err=True, fg=typer.colors.RED)
            sys.exit(130)
        except KeyboardInterrupt:
            sys.exit(130)
        except Exception as err:  # click usage errors and any bug: one line, secrets masked
            usage = getattr(err, "format_message", None)
            if usage is not None and hasattr(err, "exit_code"):
                typer.secho(f"sam: {mask(usage())}", err=True, fg=typer.colors.RED)
                sys.exit(int(getattr(err, "exit_code", 2)))
            first = (str(err).strip().splitlines() or [""])[0]
            typer.secho(
                f"sam: unexpected {type(err).__name__}: {mask(first)} (SAM_DEBUG=1 for details)",
                err=True,
                fg=typer.colors.RED,
            )
            sys.exit(3)


app = _OneLineTyper(
    name="sam",
    cls=_SamCommands,
    help="SAM (systematic attribution marketing): GA4 + CRM + ad spend -> ROI per channel.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    """The group itself does nothing: the commands come from COMMANDS."""
