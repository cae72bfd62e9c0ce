"""``sam demo-data``: the whole run, day by day, into the layout of contracts.md."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from sam.demo import GENERATOR_VERSION
from sam.demo import catalog as cat
from sam.demo.events import Static, build_events
from sam.demo.frame import Frame
from sam.demo.journeys import DAY_US, VariantTables, make_cohort
from sam.demo.shards import EPOCH, ShardWriter
from sam.demo.traffic import build_variants

BATCH_SESSIONS = 40_000  # sessions turned into events at once (bounds memory)
SESSIONS_PER_DAY = 1_000  # rough, at scale 1: sizes the chunks of days generated together
OUTPUT_DIRS = ("ga4", "hubspot", "salesforce", "google_ads", "facebook_ads", "linkedin_ads",
               "microsoft_ads", "fx", "ground_truth")


class DemoError(ValueError):
    """Bad input: the CLI prints the message on one line and exits 2."""


@dataclass(frozen=True)
class DemoConfig:
    out: Path
    seed: int = 42
    start: dt.date = dt.date(2024, 6, 1)
    as_of: dt.date = dt.date(2024, 12, 31)
    scale: float = 1.0

    def validate(self) -> None:
        if self.as_of < self.start:
            raise DemoError(f"--as-of {self.as_of} is before --start {self.start}")
        if not self.scale > 0 or not np.isfinite(self.scale):
            raise DemoError(f"--scale must be > 0 (got {self.scale})")
        if self.seed < 0:
            raise DemoError(f"--seed must be >= 0 (got {self.seed})")
        try:
            self.out.mkdir(parents=True, exist_ok=True)
            probe = self.out / ".sam-write-test"
            probe.write_text("ok")
            probe.unlink()
        except OSError as exc:
            raise DemoError(f"output directory {self.out} is not writable ({exc.strerror or exc})") from exc


@dataclass
class World:
    """What a run keeps in memory besides the day being written: leads and ad clicks."""

    leads: list[Frame] = field(default_factory=list)
    lead_sessions: list[Frame] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    user_ids: list[str | None] = field(default_factory=list)
    clicks: list[Frame] = field(default_factory=list)  # paid sessions per day x variant x device


def _chunk_days(scale: float) -> int:
    return max(1, int(BATCH_SESSIONS / (SESSIONS_PER_DAY * scale)))


def _count_paid(sessions: Frame, vt: VariantTables) -> Frame:
    paid = np.array([v.campaign_obj is not None for v in vt.variants])[sessions["variant"]]
    s = sessions.take(np.flatnonzero(paid))
    day = s["start_us"] // DAY_US
    key = (day * 1_000 + s["variant"]) * 100 + s["device"]
    uniq, counts = np.unique(key, return_counts=True)
    return Frame(day=uniq // 100_000, variant=(uniq // 100) % 1_000, device=uniq % 100, sessions=counts)


def generate(cfg: DemoConfig, log: Callable[[str], None] = lambda _m: None) -> dict[str, Any]:
    """Generate every file; return the manifest (also written to manifest.json)."""
    cfg.validate()
    t0 = time.perf_counter()
    out = cfg.out
    for sub in OUTPUT_DIRS:
        if (out / sub).exists():
            shutil.rmtree(out / sub)
    variants = build_variants(cfg.start, cfg.as_of)
    vt = VariantTables.build(variants)
    static = Static.build(cfg.seed, variants)
    world = World()
    emails_seen: set[str] = set()
    schedule: dict[int, list[Frame]] = defaultdict(list)
    writer = ShardWriter(out / "ga4", cfg.start, cfg.as_of)
    per_chunk = _chunk_days(cfg.scale)
    first = cfg.start
    while first <= cfg.as_of:
        last = min(first + dt.timedelta(days=per_chunk - 1), cfg.as_of)
        day = first
        while day <= last:
            c = make_cohort(cfg.seed, day, cfg.scale, vt, emails_seen)
            known = c.sessions["known"]
            c.sessions["known"] = np.where(known >= 0, known + len(world.user_ids), -1)
            world.leads.append(c.leads)
            world.lead_sessions.append(c.lead_sessions)
            world.emails += c.emails
            world.user_ids += c.user_ids
            sday = c.sessions["start_us"] // DAY_US
            for d in np.unique(sday):
                schedule[int(d)].append(c.sessions.take(np.flatnonzero(sday == d)))
            day += dt.timedelta(days=1)
        keys = range((first - EPOCH).days, (last - EPOCH).days + 1)
        sessions = Frame.concat([f for k in keys for f in schedule.pop(k, [])])
        if len(sessions):
            order = np.lexsort((sessions["uid"], sessions["start_us"]))
            sessions = sessions.take(order)
            world.clicks.append(_count_paid(sessions, vt))
            for b in range(0, len(sessions), BATCH_SESSIONS):
                batch = sessions.take(np.arange(b, min(b + BATCH_SESSIONS, len(sessions))))
                writer.add(build_events(static, batch, world.user_ids))
        writer.flush(last)
        log(f"ga4 {first}..{last}: {writer.mess['events']:,} events so far")
        first = last + dt.timedelta(days=1)
    mess = writer.finish()
    manifest: dict[str, Any] = {
        "generator": "sam.demo",
        "generator_version": GENERATOR_VERSION,
        "seed": cfg.seed,
        "start": cfg.start.isoformat(),
        "as_of": cfg.as_of.isoformat(),
        "scale": cfg.scale,
        "property_time_zone": "UTC",
        "reporting_currency": cat.REPORTING_CURRENCY,
        "user_id": "sha256 of the normalised (trimmed, lower-cased) e-mail",
        "ga4": {
            "daily_shards": sum(1 for n in writer.written if n.startswith("events_2")),
            "intraday_shards": sum(1 for n in writer.written if n.startswith("events_intraday_")),
            "events": mess["events"],
            "events_by_name": dict(sorted(writer.events_by_name.items())),
        },
        "tables": {f"ga4/{n}": r for n, r in sorted(writer.rows_by_file.items())},
        "mess": mess,
        "seconds": round(time.perf_counter() - t0, 2),
    }
    return manifest


def write_manifest(out: Path, manifest: dict[str, Any]) -> None:
    tmp = out / "manifest.json.tmp"
    tmp.write_text(json.dumps(manifest, indent=2, sort_keys=False) + "\n")
    os.replace(tmp, out / "manifest.json")
