"""`python -m sam.cli ...`, the same as `sam ...` (exit code included, as the entry point's
`sys.exit(app())`)."""

import sys

from sam.cli.main import app

sys.exit(app())
