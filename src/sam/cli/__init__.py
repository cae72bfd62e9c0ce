"""The `sam` command line (entry point `sam.cli:app`): sam.cli.main holds the app and the list
of commands, one module per command beside it."""

from sam.cli.main import app

__all__ = ["app"]
