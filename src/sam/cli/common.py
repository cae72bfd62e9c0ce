"""What every `sam` command module shares: its one-command Typer and the one-line failure."""

from __future__ import annotations

import datetime as dt

import typer

from sam.secrets import mask


def command_app() -> typer.Typer:
    """The Typer a command module declares its one command on (sam.cli.main registers it)."""
    return typer.Typer(add_completion=False, pretty_exceptions_enable=False)


def fail(message: str) -> typer.Exit:
    """Print a one-line reason on stderr (passwords and keys masked) and return the exit to
    raise (exit code 2)."""
    first = (mask(message).strip().splitlines() or [""])[0]
    typer.secho(f"sam: {first}", err=True, fg=typer.colors.RED)
    return typer.Exit(code=2)


def iso_date(option: str, value: str) -> dt.date:
    """`value` as a date, or the one-line failure naming the option."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise fail(f"{option} must be a date YYYY-MM-DD (got {value!r})") from None
