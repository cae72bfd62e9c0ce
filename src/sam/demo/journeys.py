"""People and their journeys: every day a cohort of new people arrives through some channel;
each person gets all of their sessions (possibly weeks later, on two devices), and some submit a
lead form. Only the sessions are scheduled for later days; leads are kept for the CRM."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from sam.demo import catalog as cat
from sam.demo import pages
from sam.demo.frame import Frame
from sam.demo.rand import day_rng, hash64, uniform, weighted_index
from sam.demo.traffic import Variant

DAY_US = 86_400_000_000
HOUR_US = 3_600_000_000
LOOKBACK_US = 90 * DAY_US  # GA4 last non-direct click lookback
PERSONS_PER_DAY = 1 << 20  # person uid = day ordinal * 2^20 + index
SESSIONS_PER_PERSON = 64  # session uid = person uid * 64 + j
MAX_SESSIONS = 40

I64 = npt.NDArray[np.int64]
OFFLINE = -1  # Lead.channel of booth leads (no web channel)

# consent codes: privacy_info.analytics_storage NULL / 'Yes' / 'No'
CONSENT_NONE, CONSENT_YES, CONSENT_NO = 0, 1, 2


def day_start_us(day: dt.date) -> int:
    return (day - dt.date(1970, 1, 1)).days * DAY_US


def traffic_factor(day: dt.date) -> float:
    """Weekday pattern, a slow growth trend and the holiday dip."""
    f = cat.WEEKEND_FACTOR if day.weekday() >= 5 else 1.0
    f *= 1.0 + 0.25 * min(max((day - dt.date(2024, 6, 1)).days / 214, 0.0), 1.5)
    if (day.month, day.day) >= (12, 21) or (day.month, day.day) <= (1, 2):
        f *= 0.55
    return f


@dataclass
class VariantTables:
    """Per-channel candidate variants and vectorised variant attributes."""

    variants: list[Variant]
    by_channel: dict[str, list[int]] = field(default_factory=dict)
    active_from: I64 = field(default_factory=lambda: np.zeros(0, np.int64))
    active_to: I64 = field(default_factory=lambda: np.zeros(0, np.int64))
    is_direct: npt.NDArray[np.bool_] = field(default_factory=lambda: np.zeros(0, bool))
    is_email: npt.NDArray[np.bool_] = field(default_factory=lambda: np.zeros(0, bool))
    click: npt.NDArray[np.str_] = field(default_factory=lambda: np.zeros(0, "U12"))
    channel_idx: I64 = field(default_factory=lambda: np.zeros(0, np.int64))
    newsletter_base: int = 0
    newsletter_first: dt.date = dt.date.min
    newsletter_count: int = 0
    nurture: int = 0
    organic: list[int] = field(default_factory=list)
    social: list[int] = field(default_factory=list)

    @staticmethod
    def build(variants: list[Variant]) -> VariantTables:
        t = VariantTables(variants)
        keys = [c.key for c in cat.CHANNELS]
        for i, v in enumerate(variants):
            if v.month is None:
                t.by_channel.setdefault(v.channel, []).append(i)
        t.active_from = np.array([v.active_from.toordinal() for v in variants], dtype=np.int64)
        t.active_to = np.array(
            [min(v.active_to, dt.date(9999, 1, 1)).toordinal() for v in variants], dtype=np.int64
        )
        t.is_direct = np.array([v.is_direct for v in variants])
        t.is_email = np.array([v.channel == "email" for v in variants])
        t.click = np.array([v.click or "" for v in variants])
        t.channel_idx = np.array([keys.index(v.channel) for v in variants], dtype=np.int64)
        months = [i for i, v in enumerate(variants) if v.month is not None]
        t.newsletter_base, t.newsletter_count = months[0], len(months)
        first_month = variants[months[0]].month
        assert first_month is not None
        t.newsletter_first = first_month
        t.nurture = next(
            i for i, v in enumerate(variants) if v.channel == "email" and v.month is None
        )
        t.organic = t.by_channel["organic_search"]
        t.social = t.by_channel["organic_social"]
        return t

    def newsletter(self, start_us: I64) -> I64:
        """Variant index of the newsletter of each timestamp's month (clamped to the range)."""
        month = np.asarray(start_us).astype("datetime64[us]").astype("datetime64[M]")
        months = (month - np.datetime64(self.newsletter_first, "M")).astype(np.int64)
        return self.newsletter_base + np.clip(months, 0, self.newsletter_count - 1)


@dataclass
class Cohort:
    sessions: Frame
    leads: Frame
    lead_sessions: Frame  # every session of the persons who became leads (truth)
    emails: list[str]
    user_ids: list[str | None]


def _pick(rng: np.random.Generator, candidates: list[int], weights: list[float], n: int) -> I64:
    w = np.asarray(weights, dtype=np.float64)
    return np.asarray(candidates, dtype=np.int64)[
        rng.choice(len(candidates), size=n, p=w / w.sum())
    ]


def _acquisition_variants(
    rng: np.random.Generator, vt: VariantTables, chan: I64, day: dt.date, t0: I64
) -> I64:
    out = np.zeros(len(chan), dtype=np.int64)
    ordinal = day.toordinal()
    for ci, ch in enumerate(cat.CHANNELS):
        sel = np.flatnonzero(chan == ci)
        if not len(sel):
            continue
        if ch.key == "email":
            nl = vt.newsletter(t0[sel])
            out[sel] = np.where(rng.random(len(sel)) < 0.3, vt.nurture, nl)
            continue
        cand = [i for i in vt.by_channel[ch.key] if vt.active_from[i] <= ordinal <= vt.active_to[i]]
        out[sel] = _pick(rng, cand, [vt.variants[i].weight for i in cand], len(sel))
    return out


def _group_rank(key: I64) -> tuple[I64, I64]:
    """Rank within groups of equal key (stable) and the position of each group's first row."""
    if len(key) == 0:  # a day without visitors (tiny scales)
        return key.copy(), key.copy()
    order = np.argsort(key, kind="stable")
    k = key[order]
    new = np.concatenate([[True], k[1:] != k[:-1]])
    starts = np.flatnonzero(new)
    grp = np.cumsum(new) - 1
    rank_sorted = np.arange(len(k)) - starts[grp]
    rank = np.empty_like(rank_sorted)
    rank[order] = rank_sorted
    first = np.empty_like(rank_sorted)
    first[order] = order[starts[grp]]
    return rank, first


def make_cohort(
    seed: int, day: dt.date, scale: float, vt: VariantTables, emails_seen: set[str]
) -> Cohort:
    """All people who first visit on ``day`` and their whole journeys."""
    rng = day_rng(seed, "cohort", day)
    factor = traffic_factor(day)
    counts = rng.poisson([c.new_people * scale * factor for c in cat.CHANNELS])
    chan = np.repeat(np.arange(len(cat.CHANNELS)), counts).astype(np.int64)
    n = len(chan)
    person = day.toordinal() * PERSONS_PER_DAY + np.arange(n, dtype=np.int64)
    # first visit: a two-peak day (Europe, then America), in UTC
    tod_h = np.where(rng.random(n) < 0.55, rng.normal(13.0, 2.8, n), rng.normal(19.5, 2.8, n)) % 24
    t0 = day_start_us(day) + (tod_h * HOUR_US).astype(np.int64)
    acq = _acquisition_variants(rng, vt, chan, day, t0)
    lead_rate = np.array([c.lead_rate for c in cat.CHANNELS])[chan]
    bot_share = np.array([c.bot_share for c in cat.CHANNELS])[chan]
    is_lead = rng.random(n) < lead_rate
    is_bot = is_lead & (rng.random(n) < bot_share)
    real_lead = is_lead & ~is_bot
    spam = np.array([vt.variants[v].spam for v in acq], dtype=bool)
    # places and consent: leads are located at their company (drawn later); others by weight
    place = weighted_index(rng.random(n), [p.weight for p in cat.PLACES])
    company = np.full(n, -1, dtype=np.int64)
    if real_lead.any():
        company[real_lead] = company_of(seed, person[real_lead], scale)
        place[real_lead] = company_place(seed, company[real_lead])
    eu = np.array([p.eu_consent for p in cat.PLACES])[place]
    cookieless = eu & ~is_lead & ~spam & (rng.random(n) < cat.COOKIELESS_SHARE_EU)
    consent = np.where(eu, np.where(cookieless, CONSENT_NO, CONSENT_YES), CONSENT_NONE)
    # devices
    dev0 = weighted_index(rng.random(n), [d.weight for d in cat.DEVICES])
    dev0 = np.where(is_bot | spam, cat.DESKTOP_DEVICES[-1], dev0)
    multi = (
        ~is_bot
        & ~spam
        & ~cookieless
        & (rng.random(n) < np.where(real_lead, cat.MULTI_DEVICE_SHARE, 0.05))
    )
    desktop = np.isin(dev0, cat.DESKTOP_DEVICES)
    dev1 = np.where(
        desktop,
        np.asarray(cat.MOBILE_DEVICES)[rng.integers(0, len(cat.MOBILE_DEVICES), n)],
        np.asarray(cat.DESKTOP_DEVICES)[rng.integers(0, len(cat.DESKTOP_DEVICES), n)],
    )
    sends_uid = real_lead & (rng.random(n) < cat.SENDS_USER_ID_SHARE)
    # journey lengths: sessions before (and including) the lead, and after it
    pre = np.minimum(rng.geometric(0.45, n), 12)
    post = np.minimum(rng.poisson(1.2, n), 10)
    plain = np.minimum(rng.geometric(0.72, n), 15)
    k = np.where(real_lead, pre + post, np.where(is_bot | spam | cookieless, 1, plain))
    pre = np.where(is_bot, 1, np.where(real_lead, pre, k))
    k = np.minimum(k, MAX_SESSIONS)
    # sessions
    p = np.repeat(np.arange(n), k)
    first = np.concatenate([[0], np.cumsum(k)[:-1]]).astype(np.int64)
    j = np.arange(len(p)) - first[p]
    after_lead = is_lead[p] & (j >= pre[p])
    gap = np.where(
        j == 0,
        0,
        2 * HOUR_US + rng.exponential(1.0, len(p)) * np.where(after_lead, 9 * DAY_US, 5 * DAY_US),
    ).astype(np.int64)
    csum = np.cumsum(gap)
    start = t0[p] + csum - csum[first[p]]
    variant = _return_variants(rng, vt, acq[p], chan[p], j, after_lead, start)
    slot = np.where((j > 0) & multi[p] & (rng.random(len(p)) < 0.5), 1, 0).astype(np.int64)
    device = np.where(slot == 1, dev1[p], dev0[p])
    key = p * 2 + slot
    rank, first_of_dev = _group_rank(key)
    lc = _last_click(vt, variant, start, first[p])
    uid = person[p] * SESSIONS_PER_PERSON + j
    is_lead_session = is_lead[p] & (j == pre[p] - 1)
    kind = np.full(len(p), pages.NORMAL, dtype=np.int8)
    kind[cookieless[p]] = pages.COOKIELESS
    kind[spam[p]] = pages.SPAM
    kind[is_lead_session & real_lead[p]] = pages.LEAD
    kind[is_lead_session & is_bot[p]] = pages.BOT
    uid_mode = np.where(
        sends_uid[p] & is_lead_session, 1, np.where(sends_uid[p] & after_lead, 2, 0)
    )
    # the lead's create time is its form submit
    ls = np.flatnonzero(is_lead_session)
    _, lead_plan = pages.plan(seed, uid[ls], start[ls], kind[ls])
    lead_us = np.full(n, -1, dtype=np.int64)
    lead_us[p[ls]] = lead_plan["lead_us"]
    form = np.full(len(p), -1, dtype=np.int64)
    for ci, ch in enumerate(cat.CHANNELS):
        sel = ls[chan[p[ls]] == ci]
        if len(sel) and ch.forms:
            keys_, w = zip(*ch.forms, strict=True)
            form[sel] = np.array([cat.FORM_INDEX[f] for f in keys_])[
                weighted_index(uniform(seed, "form", uid[sel]), w)
            ]
    # leads: names, e-mails, user ids (python per lead: leads are few)
    lead_rows = np.flatnonzero(is_lead)
    known = np.full(n, -1, dtype=np.int64)
    known[lead_rows] = np.arange(len(lead_rows))
    emails: list[str] = []
    user_ids: list[str | None] = []
    for i in lead_rows:
        email = make_email(seed, int(person[i]), int(company[i]), bool(is_bot[i]), emails_seen)
        emails.append(email)
        user_ids.append(
            hashlib.sha256(email.strip().lower().encode()).hexdigest() if sends_uid[i] else None
        )
    sessions = Frame(
        uid=uid,
        person=person[p],
        slot=slot,
        start_us=start,
        variant=variant,
        lc_variant=lc,
        ft_variant=variant[first_of_dev],
        first_touch_us=start[first_of_dev],
        session_number=rank + 1,
        device=device,
        place=place[p],
        kind=kind,
        consent=consent[p],
        uid_mode=uid_mode,
        known=known[p],
        form=form,
    )
    true_chan = vt.channel_idx[variant]
    single = np.ones(n, dtype=bool)
    before = j <= pre[p] - 1
    ga4_of = np.array([c.ga4_channel for c in cat.CHANNELS])
    differs = before & (ga4_of[true_chan] != ga4_of[chan[p]])
    single[np.unique(p[differs])] = False
    ls_variant = np.zeros(n, dtype=np.int64)
    ls_variant[p[ls]] = variant[ls]
    ls_uid = np.zeros(n, dtype=np.int64)
    ls_uid[p[ls]] = uid[ls]
    ls_slot = np.zeros(n, dtype=np.int64)
    ls_slot[p[ls]] = slot[ls]
    ls_form = np.zeros(n, dtype=np.int64)
    ls_form[p[ls]] = form[ls]
    # the gclid / fbclid a hidden field would carry: the lead session's, else the latest one
    # in the 90 days before the lead
    click_uid = _last_click_uid(vt, p, uid, variant, start, lead_us)
    first_us1 = np.full(n, -1, dtype=np.int64)
    s1 = np.flatnonzero(slot == 1)
    if len(s1):
        first_us1[p[s1[::-1]]] = start[s1[::-1]]
    leads = Frame(
        person=person,
        channel=chan,
        variant=acq,
        is_bot=is_bot,
        company=company,
        place=place,
        device0=dev0,
        device1=np.where(multi, dev1, -1),
        first_us0=t0,
        first_us1=first_us1,
        lead_us=lead_us,
        sends_user_id=sends_uid,
        single_channel=single,
        lead_variant=ls_variant,
        lead_session_uid=ls_uid,
        lead_slot=ls_slot,
        form=ls_form,
        gclid_uid=click_uid["gclid"],
        fbclid_uid=click_uid["fbclid"],
        offline_campaign=np.full(n, -1, dtype=np.int64),
    ).take(lead_rows)
    booth = _booth_leads(seed, day, scale, emails_seen, emails, user_ids)
    if len(booth):
        leads = Frame.concat([leads, booth])
    in_lead = is_lead[p]
    lead_sessions = Frame(
        person=person[p][in_lead],
        uid=uid[in_lead],
        slot=slot[in_lead],
        start_us=start[in_lead],
        variant=variant[in_lead],
        is_lead_session=is_lead_session[in_lead],
        cookieless=(kind == pages.COOKIELESS)[in_lead],
    )
    return Cohort(sessions, leads, lead_sessions, emails, user_ids)


def _booth_leads(
    seed: int,
    day: dt.date,
    scale: float,
    emails_seen: set[str],
    emails: list[str],
    user_ids: list[str | None],
) -> Frame:
    """Leads scanned at an offline event's booth that day: no web touch before they exist."""
    events = [
        i for i, c in enumerate(cat.OFFLINE_CAMPAIGNS) if c.day == day and c.booth_leads_per_scale
    ]
    if not events:
        return Frame()
    ci = events[0]
    rng = day_rng(seed, "booth", day)
    n = int(rng.poisson(cat.OFFLINE_CAMPAIGNS[ci].booth_leads_per_scale * scale))
    person = day.toordinal() * PERSONS_PER_DAY + (
        PERSONS_PER_DAY - 1 - np.arange(n, dtype=np.int64)
    )
    company = company_of(seed, person, scale)
    lead_us = day_start_us(day) + (rng.uniform(9, 17, n) * HOUR_US).astype(np.int64) + DAY_US
    for i in range(n):
        emails.append(make_email(seed, int(person[i]), int(company[i]), False, emails_seen))
        user_ids.append(None)
    minus = np.full(n, -1, dtype=np.int64)
    return Frame(
        person=person,
        channel=np.full(n, OFFLINE, dtype=np.int64),
        variant=minus,
        is_bot=np.zeros(n, bool),
        company=company,
        place=company_place(seed, company),
        device0=minus,
        device1=minus,
        first_us0=minus,
        first_us1=minus,
        lead_us=lead_us,
        sends_user_id=np.zeros(n, bool),
        single_channel=np.ones(n, bool),
        lead_variant=minus,
        lead_session_uid=minus,
        lead_slot=minus,
        form=minus,
        gclid_uid=minus,
        fbclid_uid=minus,
        offline_campaign=np.full(n, ci, dtype=np.int64),
    )


def _return_variants(
    rng: np.random.Generator,
    vt: VariantTables,
    acq: I64,
    chan: I64,
    j: I64,
    after_lead: npt.NDArray[np.bool_],
    start: I64,
) -> I64:
    """Variant of every session: the acquisition variant first, then a mix of the same channel,
    Direct, Organic Search, newsletters (once known) and Organic Social."""
    m = len(acq)
    same_share = np.array([c.revisit_same for c in cat.CHANNELS])[chan]
    u = rng.random(m)
    other = weighted_index(rng.random(m), [0.45, 0.30, 0.15, 0.10])
    organic = np.asarray(vt.organic)[
        weighted_index(rng.random(m), [vt.variants[i].weight for i in vt.organic])
    ]
    social = np.asarray(vt.social)[
        weighted_index(rng.random(m), [vt.variants[i].weight for i in vt.social])
    ]
    newsletter = vt.newsletter(start)
    out = np.select(
        [other == 0, other == 1, (other == 2) & after_lead, other == 2, other == 3],
        [np.zeros(m, np.int64), organic, newsletter, organic, social],
    )
    same = u < same_share
    same_variant = np.where(vt.is_email[acq] & (acq != vt.nurture), newsletter, acq)
    day_ord = start // DAY_US + dt.date(1970, 1, 1).toordinal()
    live = (vt.active_from[same_variant] <= day_ord) & (day_ord <= vt.active_to[same_variant])
    out = np.where(same, np.where(live, same_variant, 0), out)
    return np.where(j == 0, acq, out).astype(np.int64)


def _last_click(vt: VariantTables, variant: I64, start: I64, group_first: I64) -> I64:
    """GA4's session attribution: a Direct session inherits the person's last non-direct source
    within the lookback (sessions of one person are contiguous and in time order)."""
    idx = np.arange(len(variant))
    pos = np.where(~vt.is_direct[variant], idx, -1)
    ff = np.maximum.accumulate(pos) if len(pos) else pos
    ok = (ff >= group_first) & (ff >= 0)
    ok &= start - start[np.maximum(ff, 0)] <= LOOKBACK_US
    return np.where(ok, variant[np.maximum(ff, 0)], variant)


def _last_click_uid(
    vt: VariantTables, p: I64, uid: I64, variant: I64, start: I64, lead_us: I64
) -> dict[str, I64]:
    n = len(lead_us)
    out = {}
    for click in ("gclid", "fbclid"):
        has = vt.click[variant] == click
        ok = has & (lead_us[p] >= 0) & (start <= lead_us[p]) & (start >= lead_us[p] - LOOKBACK_US)
        res = np.full(n, -1, dtype=np.int64)
        sel = np.flatnonzero(ok)
        res[p[sel]] = uid[sel]  # later sessions overwrite earlier ones: the latest wins
        out[click] = res
    return out


# --------------------------------------------------------------------------------------------
# Companies and people (pure functions of the seed and an index)
# --------------------------------------------------------------------------------------------

_COMBOS = len(cat.COMPANY_WORDS) * (len(cat.COMPANY_WORDS) - 1) * len(cat.COMPANY_SUFFIXES)


def company_pool(scale: float) -> int:
    return max(300, int(2_500 * scale))


def company_of(seed: int, person: I64, scale: float) -> I64:
    """A skewed draw: a few companies bring many leads (buying committees)."""
    u = uniform(seed, "company", person)
    return np.minimum((company_pool(scale) * u**2.2).astype(np.int64), company_pool(scale) - 1)


def company_place(seed: int, company: I64) -> I64:
    return weighted_index(uniform(seed, "company_place", company), [p.weight for p in cat.PLACES])


@dataclass(frozen=True)
class Company:
    index: int
    name: str
    domain: str
    industry: str
    place: int
    employees: int


@functools.lru_cache(maxsize=1 << 16)
def company(seed: int, index: int) -> Company:
    code = (index * 7919) % _COMBOS  # 7919 is prime: a bijection on the combinations
    nw = len(cat.COMPANY_WORDS)
    w1, suf = code % nw, code // (nw * (nw - 1))
    w2 = (w1 + 1 + (code // nw) % (nw - 1)) % nw  # never the same word twice
    word1, word2 = cat.COMPANY_WORDS[w1], cat.COMPANY_WORDS[w2]
    suffix, industry = cat.COMPANY_SUFFIXES[suf]
    serial = index // _COMBOS
    name = f"{word1}{word2.lower()} {suffix}" + (f" {serial + 1}" if serial else "")
    place = int(company_place(seed, np.array([index]))[0])
    local_tld = {"GB": ".co.uk", "DE": ".de", "FR": ".fr", "NL": ".nl", "ES": ".es"}
    generic = cat.TLDS[int(hash64(seed, "tld", index) % np.uint64(len(cat.TLDS)))]
    code2 = cat.PLACES[place].country_code
    tld = local_tld[code2] if code2 in local_tld and generic == ".com" else generic
    slug = f"{word1}{word2}".lower() + (f"{serial + 1}" if serial else "")
    employees = int(20 * np.exp(4 * float(uniform(seed, "employees", index))))
    return Company(index, name, f"{slug}-{suffix.lower()}{tld}", industry, place, employees)


def client_rand(seed: int, person: npt.ArrayLike, slot: npt.ArrayLike) -> I64:
    """The random half of a device's `_ga` client id (= user_pseudo_id before the dot)."""
    h = hash64(seed, "client", person, slot) % np.uint64(1_900_000_000)
    return h.astype(np.int64) + 100_000_000


def client_ids(
    seed: int, person: npt.ArrayLike, slot: npt.ArrayLike, first_us: npt.ArrayLike
) -> list[str]:
    """user_pseudo_id of (person, device slot): random part '.' first visit in Unix seconds."""
    rnd = client_rand(seed, person, slot).tolist()
    secs = (np.asarray(first_us, dtype=np.int64) // 1_000_000).tolist()
    return [f"{r}.{s}" for r, s in zip(rnd, secs, strict=True)]


def person_names(seed: int, persons: npt.ArrayLike) -> list[tuple[str, str]]:
    h = hash64(seed, "name", persons).tolist()
    nf, nl = len(cat.FIRST_NAMES), len(cat.LAST_NAMES)
    return [(cat.FIRST_NAMES[x % nf], cat.LAST_NAMES[(x >> 20) % nl]) for x in h]


def person_name(seed: int, person: int) -> tuple[str, str]:
    return person_names(seed, np.array([person]))[0]


def ascii_slug(s: str) -> str:
    table = str.maketrans({"ü": "u", "é": "e", "á": "a", "ó": "o", "'": "", " ": ""})
    return s.lower().translate(table)


def make_email(seed: int, person: int, company_index: int, is_bot: bool, seen: set[str]) -> str:
    """A real-looking raw e-mail (sometimes with capitals / spaces); unique once normalised."""
    u = uniform(seed, "email", person, np.arange(6))
    first, last = person_name(seed, person)
    if is_bot:
        letters = "abcdefghijklmnopqrstuvwxyz0123456789"
        h = int(hash64(seed, "botmail", person))
        local = "".join(letters[(h >> (5 * i)) % len(letters)] for i in range(9))
        domain = cat.DISPOSABLE_DOMAINS[int(u[1] * len(cat.DISPOSABLE_DOMAINS))]
    else:
        pattern = int(u[0] * 3)
        local = [
            f"{ascii_slug(first)}.{ascii_slug(last)}",
            f"{ascii_slug(first)[0]}{ascii_slug(last)}",
            ascii_slug(first),
        ][pattern]
        if company_index < 0 or u[1] < cat.PERSONAL_EMAIL_SHARE:
            domain = cat.PERSONAL_DOMAINS[int(u[2] * len(cat.PERSONAL_DOMAINS))]
            local = f"{ascii_slug(first)}.{ascii_slug(last)}{int(u[3] * 90) + 10}"
        else:
            domain = company(seed, company_index).domain
    base, n = f"{local}@{domain}", 1
    while base in seen:
        n += 1
        base = f"{local}{n}@{domain}"
    seen.add(base)
    if u[4] < cat.MESSY_EMAIL_SHARE:
        messy = base[:1].upper() + base[1:]
        if u[5] < 0.3:
            messy = messy.replace(domain, domain.capitalize())
        return f" {messy}" if u[5] < 0.5 else f"{messy} " if u[5] < 0.8 else messy
    return base
