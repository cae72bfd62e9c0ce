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
import pyarrow as pa
import pyarrow.compute as pc

from sam.demo import GENERATOR_VERSION, ads, crm, hubspot, salesforce, truth
from sam.demo import catalog as cat
from sam.demo.events import Static, build_events
from sam.demo.frame import Frame
from sam.demo.fx import Fx
from sam.demo.journeys import DAY_US, VariantTables, make_cohort
from sam.demo.parquet import write_parquet
from sam.demo.shards import EPOCH, ShardWriter
from sam.demo.traffic import Variant, build_variants

BATCH_SESSIONS = 25_000  # sessions turned into events at once (bounds memory)
SESSIONS_PER_DAY = 1_000  # rough, at scale 1: sizes the chunks of days generated together
OUTPUT_DIRS = (
    "ga4",
    "hubspot",
    "salesforce",
    "google_ads",
    "facebook_ads",
    "linkedin_ads",
    "microsoft_ads",
    "fx",
    "ground_truth",
)


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
        """Raise DemoError on bad input, including an output folder holding data that
        `sam demo-data` did not write (it replaces its own folders wholesale)."""
        if self.as_of < self.start:
            raise DemoError(f"--as-of {self.as_of} is before --start {self.start}")
        if not self.scale > 0 or not np.isfinite(self.scale):
            raise DemoError(f"--scale must be > 0 (got {self.scale})")
        if self.seed < 0:
            raise DemoError(f"--seed must be >= 0 (got {self.seed})")
        ours = _written_by_demo(self.out)
        theirs = [d for d in OUTPUT_DIRS if (self.out / d).exists()]
        if theirs and not ours:
            raise DemoError(
                f"{self.out} holds {', '.join(theirs)} not written by sam demo-data "
                "(no demo manifest.json); choose another --out"
            )
        try:
            self.out.mkdir(parents=True, exist_ok=True)
            probe = self.out / ".sam-write-test"
            probe.write_text("ok")
            probe.unlink()
        except OSError as exc:
            raise DemoError(
                f"output directory {self.out} is not writable ({exc.strerror or exc})"
            ) from exc


def _written_by_demo(out: Path) -> bool:
    try:
        return bool(json.loads((out / "manifest.json").read_text()).get("generator") == "sam.demo")
    except (OSError, ValueError, AttributeError):
        return False


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
    return Frame(
        day=uniq // 100_000, variant=(uniq // 100) % 1_000, device=uniq % 100, sessions=counts
    )


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
                # later sessions start on or after this batch's last day: days before it are done
                done = EPOCH + dt.timedelta(days=int(batch["start_us"][-1] // DAY_US) - 1)
                writer.flush(min(done, last))
        writer.flush(last)
        log(f"ga4 {first}..{last}: {writer.mess['events']:,} events so far")
        first = last + dt.timedelta(days=1)
    mess = writer.finish()
    ga4_rows = {f"ga4/{n}": r for n, r in sorted(writer.rows_by_file.items())}
    shards = {
        "daily_shards": sum(1 for n in writer.written if n.startswith("events_2")),
        "intraday_shards": sum(1 for n in writer.written if n.startswith("events_intraday_")),
        "events": mess["events"],
        "events_by_name": dict(sorted(writer.events_by_name.items())),
    }
    del writer, schedule
    log(f"ga4 done: {mess['events']:,} events in {time.perf_counter() - t0:.1f}s")
    tables, crm_mess = _write_rest(cfg, world, variants)
    mess.update(crm_mess)
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
        "ga4": shards,
        "tables": {**tables, **ga4_rows},
        "mess": dict(sorted(mess.items())),
        "story": story_parameters(),
    }
    write_manifest(out, manifest)
    log(f"done in {time.perf_counter() - t0:.1f}s -> {out}")
    return manifest


def _write_rest(
    cfg: DemoConfig, world: World, variants: list[Variant]
) -> tuple[dict[str, int], dict[str, int]]:
    """CRM (both schemas), ad platforms, FX and ground truth; their row counts and mess counts."""
    out = cfg.out
    leads = Frame.concat(world.leads)
    lead_sessions = Frame.concat(world.lead_sessions)
    truth_crm = crm.build(
        cfg.seed,
        cfg.scale,
        cfg.as_of,
        leads,
        world.emails,
        world.user_ids,
        variants,
    )
    hs, hs_ids = hubspot.render(truth_crm, cfg.seed)
    sf, sf_ids = salesforce.render(truth_crm, cfg.seed)
    fx = Fx(cfg.seed, cfg.as_of)
    clicks = Frame.concat(world.clicks)
    ad_tables = ads.render(cfg.seed, clicks, variants, cfg.start, cfg.as_of, fx)
    gt = truth.render(
        cfg.seed,
        truth_crm,
        hs_ids["contact"],
        sf_ids["lead"],
        sf_ids["contact"],
        hs_ids["deal"],
        sf_ids["opportunity"],
        leads,
        lead_sessions,
        variants,
        fx,
        cfg.start,
    )
    groups: dict[str, dict[str, pa.Table]] = {
        "hubspot": hs,
        "salesforce": sf,
        **ad_tables,
        "fx": {"fx_rates": fx.table(cfg.start, cfg.as_of)},
        "ground_truth": gt,
    }
    counts: dict[str, int] = {}
    for folder, group in groups.items():
        for name, table in group.items():
            write_parquet(table, out / folder / f"{name}.parquet")
            counts[f"{folder}/{name}"] = table.num_rows
    return counts, crm_mess(truth_crm, hs, sf, gt)


def crm_mess(
    c: crm.Crm, hs: dict[str, pa.Table], sf: dict[str, pa.Table], gt: dict[str, pa.Table]
) -> dict[str, int]:
    """Counts of the CRM's kinds of mess (each recomputable from the files)."""
    people = c.people
    contact = hs["contact"]
    emails = contact.column("property_email").to_pylist()
    deals = gt["deals"]
    converted = sf["lead"].filter(pc.field("is_converted"))
    acct = converted.column("converted_account_id").to_pylist()
    order = sorted(range(len(acct)), key=lambda i: converted.column("converted_date")[i].as_py())
    seen: set[str] = set()
    existing = 0
    for i in order:
        if acct[i] in seen:
            existing += 1
        seen.add(acct[i])
    currencies = pc.value_counts(deals.filter(pc.field("is_won")).column("currency")).to_pylist()
    return {
        "bot_leads": sum(1 for p in people if p.is_bot),
        "deleted_contacts": sum(1 for p in people if c.alive(p.deleted_at)),
        "merged_contacts": hs["contact_merge_audit"].num_rows,
        "unmerged_duplicate_contacts": sum(
            1 for p in people if p.kind == "duplicate" and not c.alive(p.merged_at)
        ),
        "messy_emails": sum(1 for e in emails if e != e.strip().lower()),
        "deals_with_stage_regression": int(
            pc.sum(deals.column("had_stage_regression")).as_py() or 0
        ),
        "deleted_duplicate_deals": sum(
            1 for d in c.deals if d.deleted_duplicate_of is not None and c.alive(d.deleted_at)
        ),
        "leads_converted_into_existing_account": existing,
        **{f"won_deals_{v['values']}": v["counts"] for v in currencies},
        "leads_with_ga_client_id": sum(1 for p in people if p.ga_client_id),
        "leads_with_gclid": sum(1 for p in people if p.gclid),
        "offline_campaign_members": sf["campaign_member"].num_rows,
    }


def story_parameters() -> dict[str, Any]:
    """The channel table that makes the story (see docs/demo-data.md)."""
    return {
        c.key: {
            "ga4_channel": c.ga4_channel,
            "platform": c.platform,
            "new_people_per_weekday": c.new_people,
            "lead_rate": c.lead_rate,
            "bot_share_of_leads": c.bot_share,
            "mql_rate": c.mql_rate,
            "sql_rate_of_mql": c.sql_rate,
            "win_rate": c.win_rate,
            "median_deal_usd": c.deal_usd,
        }
        for c in cat.CHANNELS
    }


def write_manifest(out: Path, manifest: dict[str, Any]) -> None:
    tmp = out / "manifest.json.tmp"
    tmp.write_text(json.dumps(manifest, indent=2, sort_keys=False) + "\n")
    os.replace(tmp, out / "manifest.json")
