"""No secret is ever printed: every message the CLI writes goes through mask().

Connection strings carry passwords (`postgresql://user:password@host/db`) and drivers echo them
back in their errors; keys and tokens travel as `password=`, `token=`, `key=` parameters. mask()
hides the password of any URL, any such parameter, and any value remember()ed (the password of a
connection string the user gave, however a driver quotes it back).
"""

from __future__ import annotations

import re
from urllib.parse import quote, unquote

HIDDEN = "***"
_remembered: set[str] = set()

# scheme://user:password@  (the password ends at the last @ before the host)
_URL_PASSWORD = re.compile(r"(?P<head>[A-Za-z][A-Za-z0-9+.\-]*://[^:/@\s]*:)(?P<secret>[^@\s]+)@")
# password=..., pwd=..., token=..., secret=..., key=..., api_key=... (URL query or DSN style)
_PARAMETER = re.compile(
    r"(?P<head>\b(?:password|passwd|pwd|token|access_token|secret|api_key|apikey|private_key|key)"
    r"\s*[=:]\s*['\"]?)(?P<secret>[^'\"&;\s,)]+)",
    re.IGNORECASE,
)


def remember(secret: str | None) -> None:
    """Hide this value (and its URL-quoted form) wherever it appears from now on."""
    if secret and len(secret) >= 3:
        _remembered.update({secret, quote(secret, safe=""), unquote(secret)})


def remember_url_password(url: str | None) -> None:
    """Remember the password of a connection URL, if it has one."""
    if not url:
        return
    match = _URL_PASSWORD.search(url)
    if match:
        remember(match.group("secret"))


def mask(text: str) -> str:
    """The text with every password, key and token it carries replaced by ***."""
    for secret in sorted(_remembered, key=len, reverse=True):
        text = text.replace(secret, HIDDEN)
    text = _URL_PASSWORD.sub(lambda m: f"{m.group('head')}{HIDDEN}@", text)
    return _PARAMETER.sub(lambda m: f"{m.group('head')}{HIDDEN}", text)
