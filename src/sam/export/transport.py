"""HTTP with bounded retries: exponential backoff on 429 / 5xx / connection errors, honouring
Retry-After. Error texts never carry a URL (it may hold a secret) or a header."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import requests


@dataclass(frozen=True)
class HttpResult:
    """The last answer to a request: status 0 when no answer came (connection error)."""

    status: int
    body: Any
    error: str | None
    attempts: int

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


def _retryable(status: int) -> bool:
    return status == 0 or status == 429 or status >= 500


class Transport:
    """POSTs JSON with up to `max_attempts` tries; `sleep` is injectable (tests pass a no-op)."""

    def __init__(
        self,
        max_attempts: int = 5,
        base_delay: float = 1.0,
        max_delay: float = 30.0,
        timeout: float = 30.0,
        sleep: Callable[[float], None] = time.sleep,
        session: requests.Session | None = None,
    ) -> None:
        if max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        self.max_attempts = max_attempts
        self.base_delay = base_delay
        self.max_delay = max_delay
        self.timeout = timeout
        self.sleep = sleep
        self.session = session or requests.Session()

    def post(
        self, url: str, body: Mapping[str, Any], headers: Mapping[str, str] | None = None
    ) -> HttpResult:
        data = json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()
        all_headers = {"Content-Type": "application/json", **(headers or {})}
        result = HttpResult(0, None, "not sent", 0)
        for attempt in range(1, self.max_attempts + 1):
            retry_after: float | None = None
            try:
                response = self.session.post(
                    url, data=data, headers=all_headers, timeout=self.timeout
                )
            except requests.RequestException as err:
                result = HttpResult(0, None, f"no answer ({type(err).__name__})", attempt)
            else:
                parsed: Any
                try:
                    parsed = response.json() if response.content else None
                except ValueError:
                    parsed = response.text[:500]
                error = None if response.ok else f"HTTP {response.status_code}"
                result = HttpResult(response.status_code, parsed, error, attempt)
                if not _retryable(response.status_code):
                    return result
                header = response.headers.get("Retry-After")
                if header and header.strip().isdigit():
                    retry_after = float(header)
            if attempt < self.max_attempts:
                delay = min(self.max_delay, self.base_delay * 2 ** (attempt - 1))
                self.sleep(min(self.max_delay, retry_after) if retry_after is not None else delay)
        return result
