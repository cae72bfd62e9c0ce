"""SAM: systematic attribution marketing."""

__version__ = "0.1.0"
