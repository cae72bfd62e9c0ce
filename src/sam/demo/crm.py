"""The CRM truth: one list of people and one list of deals, from which BOTH the HubSpot and the
Salesforce tables are rendered (same people, same times, same amounts; only ids and shapes
differ). Every draw is counter-based on the person / deal key, so a later --as-of only reveals
more of the same story."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np

from sam.demo import catalog as cat
from sam.demo.frame import Frame
from sam.demo.journeys import (
    DAY_US,
    HOUR_US,
    OFFLINE,
    ascii_slug,
    client_ids,
    day_start_us,
    person_name,
    person_names,
)
from sam.demo.journeys import company as company_info
from sam.demo.rand import F64, hash64, normal, tokens, uniform, weighted_index
from sam.demo.recorded import DUPLICATE, SALES_ADDED, RecordedSource, offline_source, web_source
from sam.demo.traffic import Variant

MIN_US = 60_000_000
SYNC_EVERY_US = 6 * HOUR_US  # Fivetran syncs every 6 hours
DUPLICATE_SHARE = 0.02  # real leads that get a second (duplicate) record, merged later
GDPR_DELETE_SHARE = 0.005
BOT_DELETE_SHARE = 0.40
DEAL_DUPLICATE_SHARE = 0.03
COMMITTEE = ((1, 0.35), (2, 0.30), (3, 0.20), (4, 0.15))
OFFLINE_FUNNEL = (0.30, 0.35, 0.25, 15_000.0)  # mql, sql, win, deal size of booth leads


@dataclass
class Person:
    """A CRM person: an inbound lead, a booth lead, a contact sales added, or a duplicate."""

    key: int
    kind: str  # inbound / offline / sales / duplicate
    created_at: int
    email: str
    first_name: str
    last_name: str
    title: str
    company: int  # -1: none (bots)
    place: int
    channel: str  # true channel (GA4 name, 'Offline', '(sales)')
    platform: str | None = None
    campaign: str | None = None
    is_bot: bool = False
    mql_at: int | None = None
    sql_at: int | None = None
    disqualified_at: int | None = None
    deleted_at: int | None = None
    merged_into: int | None = None  # duplicates: key of the surviving person
    merged_at: int | None = None
    ga_client_id: str | None = None
    gclid: str | None = None
    fbclid: str | None = None
    deal: int | None = None  # key of the deal this person's SQL opened
    owner: int = 0
    offline: list[tuple[int, int, bool]] = field(default_factory=list)  # campaign, at, attended
    single_channel: bool = True
    user_pseudo_ids: list[str] = field(default_factory=list)
    user_id: str | None = None
    lead_index: int = -1
    recorded: RecordedSource = SALES_ADDED  # the source the CRM recorded at creation


@dataclass
class Deal:
    key: int
    primary: int  # person key
    company: int
    created_at: int
    currency: str
    amount_initial: float
    amount_final: float
    amount_final_at: int
    path: list[tuple[int, int]]  # (stage index, entered at)
    close_planned: int
    won: bool
    contacts: list[int] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    deleted_duplicate_of: int | None = None
    deleted_at: int | None = None
    owner: int = 0
    campaign: int | None = None  # offline campaign index (Salesforce primary campaign source)


@dataclass
class Crm:
    people: list[Person]
    deals: list[Deal]
    cutoff: int

    def alive(self, t: int | None) -> bool:
        """Did ``t`` happen by the end of --as-of?"""
        return t is not None and t < self.cutoff

    def last_change(self, *times: int | None) -> int:
        """The latest of ``times`` that happened by the end of --as-of (the first must have)."""
        return max(t for t in times if t is not None and t < self.cutoff)


def sync_time(t: int, cutoff: int) -> int:
    """The first 6-hourly Fivetran sync after ``t`` (a few minutes past the hour), before cutoff."""
    s = (t // SYNC_EVERY_US + 1) * SYNC_EVERY_US + 7 * MIN_US + (t % 997) * 1_000_000 // 10
    return min(s, cutoff - 1_000_000)


def build(
    seed: int,
    scale: float,
    as_of: dt.date,
    leads: Frame,
    emails: list[str],
    user_ids: list[str | None],
    variants: list[Variant],
) -> Crm:
    """People and deals as of the end of ``as_of``."""
    vs = variants
    cutoff = day_start_us(as_of) + DAY_US
    n = len(leads)
    if n == 0:
        return Crm([], [], cutoff)
    key = leads["person"]
    # every draw of every lead at once (counter-based: the same values one by one would give)
    u = uniform(seed, "crm", key[:, None], np.arange(16)[None, :])
    deal_w = uniform(seed, "deal", key[:, None], np.arange(12)[None, :])
    deal_z = normal(seed, "deal_size", key)
    gaps = uniform(seed, "stage_gaps", key[:, None], np.arange(8)[None, :])
    gclids = tokens(seed, "gclid", np.maximum(leads["gclid_uid"], 0), 64, "Cj0KCQjw").to_pylist()
    fbclids = tokens(seed, "fbclid", np.maximum(leads["fbclid_uid"], 0), 58, "IwAR").to_pylist()
    owners = (
        hash64(seed, "owner", np.maximum(leads["company"], 0)) % np.uint64(len(cat.REPS))
    ).astype(np.int64)
    names = person_names(seed, key)
    device_ids = [client_ids(seed, key, s, leads[f"first_us{s}"]) for s in (0, 1)]
    tracking = uniform(seed, "crm_recorded_source", key)
    people: list[Person] = []
    deals: list[Deal] = []
    for i in range(n):
        pk = int(key[i])
        lead_us = int(leads["lead_us"][i])
        if lead_us >= cutoff:
            continue
        ch = int(leads["channel"][i])
        is_bot = bool(leads["is_bot"][i])
        comp = int(leads["company"][i])
        first, last = names[i]
        p = Person(
            key=pk,
            kind="offline" if ch == OFFLINE else "inbound",
            created_at=lead_us,
            email=emails[i],
            first_name="" if is_bot else first,
            last_name="x" if is_bot else last,
            title="" if is_bot else cat.JOB_TITLES[int(u[i, 0] * len(cat.JOB_TITLES))],
            company=comp,
            place=int(leads["place"][i]),
            is_bot=is_bot,
            channel="",
            single_channel=bool(leads["single_channel"][i]),
            user_id=user_ids[i],
            lead_index=i,
            owner=int(owners[i]),
        )
        if ch == OFFLINE:
            oc = int(leads["offline_campaign"][i])
            p.channel, p.campaign = cat.OFFLINE_CHANNEL, cat.OFFLINE_CAMPAIGNS[oc].name
            p.offline.append((oc, lead_us, True))
            p.recorded = offline_source(p.channel)
            mql_rate, sql_rate, win_rate, deal_usd = OFFLINE_FUNNEL
        else:
            c = cat.CHANNELS[ch]
            v = vs[int(leads["variant"][i])]
            p.channel, p.platform = c.ga4_channel, v.platform
            p.campaign = v.campaign_obj.name if v.campaign_obj else v.campaign
            p.recorded = web_source(v, float(tracking[i]))
            mql_rate, sql_rate, win_rate, deal_usd = c.mql_rate, c.sql_rate, c.win_rate, c.deal_usd
            slot = int(leads["lead_slot"][i])
            if u[i, 1] < cat.GA_CLIENT_ID_CAPTURED:
                p.ga_client_id = device_ids[slot][i]
            if leads["gclid_uid"][i] >= 0 and u[i, 2] < cat.GCLID_CAPTURED:
                p.gclid = gclids[i]
            if leads["fbclid_uid"][i] >= 0 and u[i, 2] < cat.GCLID_CAPTURED:
                p.fbclid = fbclids[i]
            p.user_pseudo_ids = [device_ids[s][i] for s in (0, 1) if leads[f"first_us{s}"][i] >= 0]
        if is_bot:
            p.disqualified_at = lead_us + int((1 + 3 * u[i, 3]) * DAY_US)
            if u[i, 4] < BOT_DELETE_SHARE:
                p.deleted_at = lead_us + int((3 + 17 * u[i, 5]) * DAY_US)
            people.append(p)
            continue
        if u[i, 4] < GDPR_DELETE_SHARE:
            p.deleted_at = lead_us + int((30 + 60 * u[i, 5]) * DAY_US)
        if u[i, 6] < mql_rate:
            p.mql_at = lead_us + 2 * HOUR_US + int(-np.log(1 - u[i, 7]) * 3 * DAY_US)
            if u[i, 8] < sql_rate:
                p.sql_at = p.mql_at + DAY_US + int(-np.log(1 - u[i, 9]) * 8 * DAY_US)
                deals.append(_deal(p, win_rate, deal_usd, u[i], deal_w[i], deal_z[i], gaps[i]))
                p.deal = deals[-1].key
        if p.mql_at is None:
            p.disqualified_at = lead_us + 21 * DAY_US
        people.append(p)
        if u[i, 10] < DUPLICATE_SHARE:
            people.append(_duplicate(seed, p, u[i]))
    people = [q for q in people if q.created_at < cutoff]
    _committees(seed, people, deals, cutoff)
    _offline_touches(seed, people, cutoff, leads)
    people = [q for q in people if q.created_at < cutoff]
    deals += _duplicate_deals(seed, deals)
    deals = [d for d in deals if d.created_at < cutoff]
    return Crm(people, deals, cutoff)


def _deal(p: Person, win_rate: float, deal_usd: float, u: F64, w: F64, z: float, gaps: F64) -> Deal:
    """The deal a lead's SQL opens: amount, currency, stage path (with a regression sometimes)."""
    assert p.sql_at is not None
    dk = p.key
    created = p.sql_at + int((10 + 170 * w[0]) * MIN_US)
    currency = cat.PLACES[p.place].currency
    usd = deal_usd * float(np.exp(cat.DEAL_SIGMA * z))
    final = max(round(usd / cat.FX_BASE[currency], -2), 1_000.0)
    initial = max(round(final * (0.8 + 0.4 * w[3]), -3), 1_000.0)
    won = bool(u[11] < win_rate)
    cycle = (20 + 45 * -np.log(1 - w[4])) if won else (10 + 35 * -np.log(1 - w[4]))
    close = created + int(cycle * DAY_US)
    if won:
        stages = list(range(cat.OPEN_STAGES)) + [cat.WON]
    else:
        stages = list(range(1 + int(w[5] * 4))) + [cat.LOST]
    if len(stages) >= 4 and w[6] < cat.STAGE_REGRESSION_SHARE:
        m = 1 + int(w[7] * (len(stages) - 3))
        stages = stages[: m + 1] + [stages[m - 1], stages[m]] + stages[m + 1 :]
    cuts = np.cumsum(-np.log(1 - gaps[: len(stages) - 1]))
    times = [created] + [created + int((close - created) * c / cuts[-1]) for c in cuts]
    times[-1] = close
    path = list(zip(stages, times, strict=True))
    contract = next((t for s, t in path if s == cat.OPEN_STAGES - 1), close)
    return Deal(
        key=dk,
        primary=p.key,
        company=p.company,
        created_at=created,
        currency=currency,
        amount_initial=initial,
        amount_final=final,
        amount_final_at=contract,
        path=path,
        close_planned=close,
        won=won,
        owner=p.owner,
    )


def _duplicate(seed: int, p: Person, u: np.ndarray) -> Person:
    """A second record of the same person (badge-scan import / typo), merged a few days later."""
    created = p.created_at + int((2 + 28 * u[12]) * DAY_US)
    local, _, domain = p.email.strip().lower().partition("@")
    email = (
        f"{local}.{int(u[13] * 90) + 10}@{cat.PERSONAL_DOMAINS[int(u[14] * 4)]}"
        if u[15] < 0.5
        else f"{local.upper()}@{domain}"
    )
    return Person(
        key=-p.key,
        kind="duplicate",
        created_at=created,
        email=email,
        first_name=p.first_name,
        last_name=p.last_name,
        title=p.title,
        company=p.company,
        place=p.place,
        channel=cat.OFFLINE_CHANNEL,
        owner=p.owner,
        recorded=DUPLICATE,
        merged_into=p.key,
        merged_at=created + int((1 + 9 * u[11]) * DAY_US),
    )


def _committees(seed: int, people: list[Person], deals: list[Deal], cutoff: int) -> None:
    """1-4 contacts per deal: colleagues who are leads already, else contacts sales adds."""
    by_company: dict[int, list[Person]] = {}
    for p in people:
        if p.kind in ("inbound", "offline") and not p.is_bot and p.company >= 0:
            by_company.setdefault(p.company, []).append(p)
    for d in deals:
        w = uniform(seed, "committee", d.key, np.arange(4))
        size = COMMITTEE[int(weighted_index(w[:1], [c[1] for c in COMMITTEE])[0])][0]
        d.contacts = [d.primary]
        for q in by_company.get(d.company, []):
            if len(d.contacts) >= size:
                break
            if (
                q.key != d.primary
                and q.mql_at is not None
                and q.mql_at < d.created_at
                and q.deleted_at is None
            ):
                # a colleague already qualified joins the deal: sales converts them (SQL)
                joined = d.created_at + HOUR_US
                if q.sql_at is None or q.sql_at > joined:
                    q.sql_at = joined
                    q.disqualified_at = None
                d.contacts.append(q.key)
        while len(d.contacts) < size:
            sk = -(10**15) - d.key * 8 - len(d.contacts)
            first, last = person_name(seed, sk)
            created = d.created_at + int((1 + 47 * w[len(d.contacts) % 4]) * HOUR_US)
            domain = company_info(seed, d.company).domain
            email = f"{ascii_slug(first)}.{ascii_slug(last)}@{domain}"
            people.append(
                Person(
                    key=sk,
                    kind="sales",
                    created_at=created,
                    email=email,
                    first_name=first,
                    last_name=last,
                    title=cat.JOB_TITLES[int(w[3] * len(cat.JOB_TITLES))],
                    company=d.company,
                    place=company_info(seed, d.company).place,
                    channel="(sales)",
                    owner=d.owner,
                )
            )
            d.contacts.append(sk)
        d.roles = [
            cat.CONTACT_ROLES[int(h % np.uint64(len(cat.CONTACT_ROLES)))]
            for h in hash64(seed, "role", d.key, np.arange(len(d.contacts)))
        ]
    del cutoff


def _offline_touches(seed: int, people: list[Person], cutoff: int, leads: Frame) -> None:
    """Webinar registrations (web form or e-mail invite) and attendance."""
    webinar_form = cat.FORM_INDEX["webinar-registration"]
    real = [p for p in people if p.kind == "inbound" and not p.is_bot]
    keys = np.array([p.key for p in real], dtype=np.int64)
    n_camp = len(cat.OFFLINE_CAMPAIGNS)
    draws = uniform(
        seed,
        "webinar",
        keys[:, None, None],
        np.arange(n_camp)[None, :, None],
        np.arange(3)[None, None, :],
    )
    for pi, p in enumerate(real):
        form = int(leads["form"][p.lead_index])
        for ci, c in enumerate(cat.OFFLINE_CAMPAIGNS):
            if c.kind != "Webinar":
                continue
            day_us = day_start_us(c.day) + 16 * HOUR_US
            w = draws[pi, ci]
            by_form = form == webinar_form and day_us - 35 * DAY_US <= p.created_at < day_us
            invited = p.created_at < day_us - 7 * DAY_US and w[0] < c.attendee_share
            if by_form or invited:
                at = p.created_at if by_form else day_us - int((2 + 5 * w[1]) * DAY_US)
                p.offline.append((ci, at, bool(w[2] < 0.6)))
    del cutoff


def _duplicate_deals(seed: int, deals: list[Deal]) -> list[Deal]:
    """Deals created twice by mistake and deleted the next day (never part of the truth)."""
    out = []
    for d in deals:
        w = uniform(seed, "deal_dup", d.key, np.arange(2))
        if w[0] < DEAL_DUPLICATE_SHARE:
            out.append(
                Deal(
                    key=-d.key,
                    primary=d.primary,
                    company=d.company,
                    created_at=d.created_at + int((3 + 20 * w[1]) * MIN_US),
                    currency=d.currency,
                    amount_initial=d.amount_initial,
                    amount_final=d.amount_initial,
                    amount_final_at=d.created_at,
                    path=[(0, d.created_at + int((3 + 20 * w[1]) * MIN_US))],
                    close_planned=d.close_planned,
                    won=False,
                    contacts=[d.primary],
                    roles=["Decision Maker"],
                    deleted_duplicate_of=d.key,
                    deleted_at=d.created_at + DAY_US,
                    owner=d.owner,
                )
            )
    return out
