"""Render an HTML file in headless Chromium and report what the page did (not a test module).

Chromium prints every console message (console.*, uncaught errors) on stderr with
--enable-logging=stderr. The page is rendered from an instrumented copy that logs each image's
decoded width once loaded, so a chart that does not decode (width 0) is seen too.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
PROBE = (
    '<script>window.addEventListener("load", () => { for (const i of document.images) '
    'console.log("SAM-IMG " + i.naturalWidth + " " + i.alt); });</script>'
)
CONSOLE = re.compile(r':CONSOLE[:(]\d+\)?\] "(?P<message>.*)", source: ')


def find_chromium() -> str | None:
    """$SAM_CHROMIUM, else the first Chromium/Chrome on PATH."""
    explicit = os.environ.get("SAM_CHROMIUM")
    if explicit:
        return explicit
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


@dataclass(frozen=True)
class Rendered:
    images: list[tuple[int, str]]  # (decoded width in px, alt text) per <img>
    console: list[str]  # every other console message (errors, warnings, logs)
    dom: str


def render(chromium: str, page: Path, timeout: float = 90) -> Rendered:
    html = page.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="sam-chromium-") as work:
        probe = Path(work) / page.name
        probe.write_text(html.replace("</body>", PROBE + "</body>"), encoding="utf-8")
        run = subprocess.run(
            [
                chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--enable-logging=stderr", "--v=0", f"--user-data-dir={work}/profile",
                "--virtual-time-budget=5000", "--dump-dom", probe.as_uri(),
            ],
            capture_output=True, text=True, timeout=timeout, check=False,
        )  # fmt: skip
    if run.returncode != 0:
        raise RuntimeError(f"chromium exited {run.returncode}: {run.stderr[-500:]}")
    images: list[tuple[int, str]] = []
    console: list[str] = []
    for line in run.stderr.splitlines():
        match = CONSOLE.search(line)
        if not match:
            continue
        message = match["message"]
        if message.startswith("SAM-IMG "):
            width, _, alt = message.removeprefix("SAM-IMG ").partition(" ")
            images.append((int(width), alt))
        else:
            console.append(message)
    return Rendered(images, console, run.stdout)
