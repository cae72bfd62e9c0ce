"""Sessions -> GA4 export rows (nested Arrow), vectorised.

Each session's pages come from ``pages.plan``; each page fires up to eight events in a fixed
order (first_visit, session_start, page_view, form_start, scroll, form_submit, generate_lead,
user_engagement). The table is built in the newest daily schema plus a few internal ``_``
columns (arrival time, flags) that the shard writer uses and drops.
"""

from __future__ import annotations

import datetime as dt
import zlib
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from sam.demo import catalog as cat
from sam.demo import pages
from sam.demo.frame import Frame
from sam.demo.journeys import CONSENT_NO, CONSENT_YES, DAY_US, client_rand
from sam.demo.rand import hash64, tokens, uniform, weighted_index
from sam.demo.traffic import Variant
from sam.ga4 import schema as ga4

I64 = npt.NDArray[np.int64]
B = npt.NDArray[np.bool_]

FV, SS, PV, FSTART, SCROLL, FSUBMIT, GLEAD, UE = range(8)
EVENT_NAMES = (
    "first_visit",
    "session_start",
    "page_view",
    "form_start",
    "scroll",
    "form_submit",
    "generate_lead",
    "user_engagement",
)
REPORTS_ENGAGEMENT = (FSTART, SCROLL, FSUBMIT, GLEAD, UE)

# _flags bits
F_GCLID_ORGANIC, F_MIXED_CASE, F_SPAM, F_COOKIELESS, F_LATE, F_CROSSING = 1, 2, 4, 8, 16, 32

FULL = ga4.full_schema()
INTERNAL = pa.schema(
    [
        ("_arrival", pa.int64()),
        ("_dup", pa.bool_()),
        ("_suid", pa.int64()),
        ("_flags", pa.int32()),
        ("_known", pa.int64()),
        ("_slot", pa.int64()),
        ("_day", pa.int64()),
    ]
)


def _t(name: str) -> pa.DataType:
    return FULL.field(name).type


def _struct_rows(typ: pa.DataType, rows: list[dict[str, Any] | None]) -> pa.Array:
    return pa.array(rows, type=typ)


@dataclass
class Static:
    """Small Arrow lookup tables built once per run (pages, variants, devices, places)."""

    seed: int
    variants: list[Variant]
    page_url: pa.Array
    page_title: pa.Array
    v_query: pa.Array
    v_click_prefix: pa.Array
    v_click: npt.NDArray[np.str_]
    v_source: pa.Array
    v_medium: pa.Array
    v_campaign: pa.Array
    v_term: pa.Array
    v_content: pa.Array
    v_traffic_source: pa.Array
    v_last_click: pa.Array
    v_flags: npt.NDArray[np.int32]
    v_landings: I64
    v_n_landings: I64
    v_referrers: I64
    v_n_referrers: I64
    referrer_pool: pa.Array
    device: pa.Array
    geo: pa.Array
    privacy: pa.Array
    browse_weights: npt.NDArray[np.float64]
    forms: list[cat.Form]

    @staticmethod
    def build(seed: int, variants: list[Variant]) -> Static:
        pages_ = cat.PAGES
        v = variants
        lc_rows = []
        for x in v:
            manual = None
            if x.manual is not None:
                manual = dict(
                    zip(
                        ("campaign_id", "campaign_name", "source", "medium", "term", "content"),
                        x.manual,
                        strict=True,
                    )
                )
            gads = None
            if x.gads is not None:
                gads = dict(
                    zip(
                        (
                            "customer_id",
                            "account_name",
                            "campaign_id",
                            "campaign_name",
                            "ad_group_id",
                            "ad_group_name",
                        ),
                        x.gads,
                        strict=True,
                    )
                )
            cross = dict(
                zip(
                    ("campaign_id", "campaign_name", "source", "medium", "source_platform"),
                    x.cross,
                    strict=True,
                )
            )
            cross["default_channel_group"] = x.ga4_channel
            cross["primary_channel_group"] = x.ga4_channel
            lc_rows.append(
                {
                    "manual_campaign": manual,
                    "google_ads_campaign": gads,
                    "cross_channel_campaign": cross,
                }
            )
        max_l = max(len(x.landings) for x in v)
        landings = np.array(
            [list(x.landings) + [x.landings[0]] * (max_l - len(x.landings)) for x in v]
        )
        flags = np.array(
            [
                (F_GCLID_ORGANIC if x.gclid_organic else 0)
                | (F_MIXED_CASE if x.mixed_case else 0)
                | (F_SPAM if x.spam else 0)
                for x in v
            ],
            dtype=np.int32,
        )
        prefix = []
        for x in v:
            sep = "&" if x.query else "?"
            prefix.append(
                {
                    "gclid": f"{sep}gclid=",
                    "msclkid": f"{sep}msclkid=",
                    "fbclid": f"{sep}fbclid=",
                    "li_fat_id": f"{sep}li_fat_id=",
                    "hsenc": f"{sep}_hsmi=3{_crc7(x.campaign)}&_hsenc=p2ANqtz-",
                }.get(x.click or "", "")
            )
        pool = sorted({r for x in v for r in x.referrers})
        max_r = max(max(len(x.referrers) for x in v), 1)
        ref_mat = np.zeros((len(v), max_r), dtype=np.int64)
        for i, x in enumerate(v):
            ref_mat[i, : len(x.referrers)] = [pool.index(r) for r in x.referrers]
        devices = [
            {
                "category": d.category,
                "mobile_brand_name": d.brand,
                "mobile_model_name": d.model,
                "mobile_marketing_name": d.marketing_name,
                "mobile_os_hardware_model": None,
                "operating_system": d.os,
                "operating_system_version": d.os_version,
                "vendor_id": None,
                "advertising_id": None,
                "language": None,
                "is_limited_ad_tracking": "No",
                "time_zone_offset_seconds": None,
                "browser": None,
                "browser_version": None,
                "web_info": {
                    "browser": d.browser,
                    "browser_version": d.browser_version,
                    "hostname": cat.SITE_HOST,
                },
            }
            for d in cat.DEVICES
        ]
        geos = [
            {
                "continent": p.continent,
                "sub_continent": p.sub_continent,
                "country": p.country,
                "region": p.region,
                "city": p.city,
                "metro": "(not set)",
            }
            for p in cat.PLACES
        ]
        privacy = [
            {"analytics_storage": a, "ads_storage": a, "uses_transient_token": "No"}
            for a in (None, "Yes", "No")
        ]
        return Static(
            seed=seed,
            variants=v,
            page_url=pa.array([cat.SITE + p.path for p in pages_]),
            page_title=pa.array([p.title for p in pages_]),
            v_query=pa.array([x.query for x in v]),
            v_click_prefix=pa.array(prefix),
            v_click=np.array([x.click or "" for x in v]),
            v_source=pa.array([x.source for x in v], pa.string()),
            v_medium=pa.array([x.medium for x in v], pa.string()),
            v_campaign=pa.array([x.campaign for x in v], pa.string()),
            v_term=pa.array([x.term for x in v], pa.string()),
            v_content=pa.array([x.content for x in v], pa.string()),
            v_traffic_source=_struct_rows(
                _t("traffic_source"),
                [dict(zip(("source", "medium", "name"), x.ts, strict=True)) for x in v],
            ),
            v_last_click=_struct_rows(_t("session_traffic_source_last_click"), lc_rows),  # type: ignore[arg-type]
            v_flags=flags,
            v_landings=landings.astype(np.int64),
            v_n_landings=np.array([len(x.landings) for x in v], dtype=np.int64),
            v_referrers=ref_mat,
            v_n_referrers=np.array([len(x.referrers) for x in v], dtype=np.int64),
            referrer_pool=pa.array(pool, pa.string()),
            device=_struct_rows(_t("device"), devices),  # type: ignore[arg-type]
            geo=_struct_rows(_t("geo"), geos),  # type: ignore[arg-type]
            privacy=_struct_rows(_t("privacy_info"), privacy),  # type: ignore[arg-type]
            browse_weights=np.array([p.browse_weight for p in pages_]),
            forms=list(cat.FORMS),
        )


def _crc7(text: str | None) -> str:
    return f"{zlib.crc32((text or '').encode()) % 10**7:07d}"


def _take(arr: pa.Array, idx: npt.ArrayLike) -> pa.Array:
    return arr.take(pa.array(np.asarray(idx, dtype=np.int64)))


def _masked_take(arr: pa.Array, idx: I64, mask: B) -> pa.Array:
    """arr[idx] where mask, NULL elsewhere."""
    return arr.take(pa.array(idx, type=pa.int64(), mask=~mask))


def _str(values: list[str | None] | pa.Array) -> pa.Array:
    return values if isinstance(values, pa.Array) else pa.array(values, pa.string())


def _join(*parts: pa.Array) -> pa.Array:
    return pc.binary_join_element_wise(*parts, "", null_handling="replace", null_replacement="")


class Params:
    """Builds event_params: for each key, a mask over events and the values where set."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.keys: list[tuple[str, B, str, Any]] = []

    def add(self, key: str, mask: B, kind: str, values: Any) -> None:
        """values: a full-length Arrow string array / numpy array, or a scalar."""
        self.keys.append((key, np.asarray(mask, dtype=bool), kind, values))

    def build(self) -> pa.Array:
        counts = np.zeros(self.n, dtype=np.int64)
        for _, m, _, _ in self.keys:
            counts += m
        offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int32)
        total = int(offsets[-1])
        cursor = offsets[:-1].astype(np.int64)
        key_code = np.zeros(total, dtype=np.int64)
        int_val = np.zeros(total, dtype=np.int64)
        int_set = np.zeros(total, dtype=bool)
        dbl_val = np.zeros(total, dtype=np.float64)
        dbl_set = np.zeros(total, dtype=bool)
        str_src: list[pa.Array] = []
        str_pos: list[I64] = []
        for code, (_, m, kind, values) in enumerate(self.keys):
            rows = np.flatnonzero(m)
            pos = cursor[rows]
            cursor[rows] += 1
            key_code[pos] = code
            if kind == "int":
                int_val[pos] = values[rows] if isinstance(values, np.ndarray) else values
                int_set[pos] = True
            elif kind == "double":
                dbl_val[pos] = values[rows] if isinstance(values, np.ndarray) else values
                dbl_set[pos] = True
            else:
                vals = (
                    values.filter(pa.array(m))
                    if isinstance(values, pa.Array)
                    else pa.array([values] * len(rows), pa.string())
                )
                str_src.append(vals)
                str_pos.append(pos)
        src = pa.concat_arrays(str_src) if str_src else pa.array([], pa.string())
        take_idx = np.full(total, -1, dtype=np.int64)
        base = 0
        for vals, pos in zip(str_src, str_pos, strict=True):
            take_idx[pos] = base + np.arange(len(vals))
            base += len(vals)
        string_value = src.take(pa.array(take_idx, mask=take_idx < 0))
        names = pa.array([k for k, _, _, _ in self.keys], pa.string())
        value = pa.StructArray.from_arrays(
            [
                string_value,
                pa.array(int_val, mask=~int_set),
                pa.nulls(total, pa.float64()),
                pa.array(dbl_val, mask=~dbl_set),
            ],
            fields=list(ga4.PARAM_VALUE),
        )
        item = pa.StructArray.from_arrays(
            [names.take(pa.array(key_code)), value], fields=list(ga4.EVENT_PARAMS.value_type)
        )
        return pa.ListArray.from_arrays(pa.array(offsets), item, type=ga4.EVENT_PARAMS)


def _empty_lists(n: int, typ: pa.ListType) -> pa.Array:
    return pa.ListArray.from_arrays(
        pa.array(np.zeros(n + 1, dtype=np.int32)), pa.array([], type=typ.value_type), type=typ
    )


def _date_strings(day_index: I64) -> pa.Array:
    uniq, inv = np.unique(day_index, return_inverse=True)
    labels = pa.array(
        [(dt.date(1970, 1, 1) + dt.timedelta(days=int(d))).strftime("%Y%m%d") for d in uniq]
    )
    return _take(labels, inv)


def build_events(st: Static, sess: Frame, user_ids: list[str | None]) -> pa.Table:
    """All events of ``sess`` (any days), newest daily schema + internal columns."""
    seed = st.seed
    uid, kind, var = sess["uid"], sess["kind"], sess["variant"]
    pg, res = pages.plan(seed, uid, sess["start_us"], kind)
    s = pg["sess"]
    j = pg["j"]
    cookieless = kind[s] == pages.COOKIELESS
    is_landing = (j == 0) | cookieless
    # page paths: landing from the variant, then browsing, the form page last for leads
    u_land = uniform(seed, "landing", uid)
    land = st.v_landings[var, (u_land * st.v_n_landings[var]).astype(np.int64)]
    form_of = sess["form"]
    form_path = np.array([cat.PAGE_INDEX[f.path] for f in st.forms])
    browse = weighted_index(uniform(seed, "browse", uid[s], j), st.browse_weights)
    path = np.where(j == 0, land[s], browse)
    human_form = pg["is_form"] & (kind[s] == pages.LEAD)
    path = np.where(human_form, form_path[np.maximum(form_of[s], 0)], path)
    # landing URL per session: page + utm query + click id
    click = st.v_click[var]
    has_click = click != ""
    token: pa.Array = pa.nulls(len(uid), pa.string())
    suffix: pa.Array = pa.nulls(len(uid), pa.string())
    if has_click.any():
        parts = []
        idx_all = np.flatnonzero(has_click)
        for name, length, pre, hexa in (
            ("gclid", 64, "Cj0KCQjw", False),
            ("msclkid", 32, "", True),
            ("fbclid", 58, "IwAR", False),
            ("li_fat_id", 36, "", True),
            ("hsenc", 48, "", False),
        ):
            sel = idx_all[click[idx_all] == name]
            if len(sel):
                parts.append((sel, tokens(seed, name, uid[sel], length, pre, hexa)))
        order = np.concatenate([p for p, _ in parts])
        toks = pa.concat_arrays([t for _, t in parts])
        pos = np.full(len(uid), -1, dtype=np.int64)
        pos[order] = np.arange(len(order))
        token_arr = toks.take(pa.array(pos, mask=pos < 0))
        suffix = _join(_take(st.v_click_prefix, var), token_arr)
        suffix = pc.if_else(pa.array(has_click), suffix, pa.nulls(len(uid), pa.string()))
        token = token_arr
    landing_url = _join(_take(st.page_url, land), _take(st.v_query, var), suffix)
    n_sites = len(st.page_url)
    url_pool = pa.concat_arrays([st.page_url, landing_url])
    page_url_idx = np.where(j == 0, n_sites + s, path)
    # referrers: external for landings, previous page otherwise
    u_ref = uniform(seed, "referrer", uid)
    n_ref = st.v_n_referrers[var]
    ref_idx = st.v_referrers[var, (u_ref * np.maximum(n_ref, 1)).astype(np.int64)]
    ref_arr = st.referrer_pool.take(pa.array(ref_idx, mask=n_ref == 0))
    prev_url_idx = np.concatenate([[0], page_url_idx[:-1]])
    page_ref = url_pool.take(pa.array(prev_url_idx))
    page_ref = pc.if_else(pa.array(j == 0), ref_arr.take(pa.array(s)), page_ref)

    # ---- event grid --------------------------------------------------------------------------
    P = len(s)
    is_new = sess["session_number"][s] == 1
    lead_human = kind[s] == pages.LEAD
    masks = np.zeros((P, 8), dtype=bool)
    masks[:, FV] = (is_landing & is_new) | cookieless
    masks[:, SS] = is_landing
    masks[:, PV] = True
    masks[:, FSTART] = pg["is_form"] & lead_human
    masks[:, SCROLL] = pg["has_scroll"]
    masks[:, FSUBMIT] = pg["is_form"]
    masks[:, GLEAD] = pg["is_form"]
    masks[:, UE] = pg["has_ue"]
    page_i, slot = np.nonzero(masks)
    dwell = pg["dwell"][page_i]
    submit = pg["submit_ms"][page_i]
    off_ms = np.select(
        [slot == FSTART, slot == SCROLL, slot == FSUBMIT, slot == GLEAD, slot == UE],
        [dwell * 3 // 10, dwell * 6 // 10, submit, submit + pages.LEAD_EVENT_DELAY_MS, dwell],
        0,
    )
    # engagement since the previous engagement-reporting event of the page, index in the batch
    human = np.isin(kind[s[page_i]], (pages.NORMAL, pages.LEAD, pages.COOKIELESS))
    reports = np.isin(slot, REPORTS_ENGAGEMENT) & human
    r = np.flatnonzero(reports)
    prev = np.concatenate([[0], off_ms[r][:-1]])
    same_page = np.concatenate([[False], page_i[r][1:] == page_i[r][:-1]])
    eng = np.zeros(len(page_i), dtype=np.int64)
    eng[r] = off_ms[r] - np.where(same_page, prev, 0)
    new_page = np.concatenate([[True], page_i[1:] != page_i[:-1]])
    batch_index = np.arange(len(page_i)) - np.flatnonzero(new_page)[np.cumsum(new_page) - 1]
    # exact duplicates: the same row twice
    dup_u = uniform(seed, "dup", uid[s[page_i]], j[page_i], slot)
    rep = np.repeat(np.arange(len(page_i)), 1 + (dup_u < cat.DUPLICATE_SHARE))
    is_dup = np.concatenate([[False], rep[1:] == rep[:-1]])[: len(rep)]
    # rows in event-day order (a session crossing midnight puts rows on two days)
    day = (pg["ts"][page_i] + off_ms * 1_000)[rep] // DAY_US
    order = rep[np.argsort(day, kind="stable")]
    is_dup = is_dup[np.argsort(day, kind="stable")]
    page_i, slot, off_ms, eng, batch_index = (
        a[order] for a in (page_i, slot, off_ms, eng, batch_index)
    )
    reports = reports[order]
    E = len(page_i)
    es = s[page_i]  # session index of each event
    ts = pg["ts"][page_i] + off_ms * 1_000
    has_eng = reports & (eng > 0)
    # ---- params ------------------------------------------------------------------------------
    # traffic params only on the landing page; a cookieless ping of a later page is a new
    # "session" (first_visit + session_start) but its referrer is the site itself
    landing_ev = (j[page_i] == 0) & (slot <= PV)
    ck = cookieless[page_i]
    engaged = res["engaged"][es]
    int_engaged = uniform(seed, "engaged_int", uid[es]) < 0.15
    ev_var = var[es]
    par = Params(E)
    par.add("ga_session_id", ~ck, "int", sess["start_us"][es] // 1_000_000)
    par.add("ga_session_number", ~ck, "int", sess["session_number"][es])
    par.add("page_location", np.ones(E, bool), "str", url_pool.take(pa.array(page_url_idx[page_i])))
    par.add("page_title", np.ones(E, bool), "str", _take(st.page_title, path[page_i]))
    page_ref_ev = page_ref.take(pa.array(page_i))
    par.add(
        "page_referrer", pc.is_valid(page_ref_ev).to_numpy(zero_copy_only=False), "str", page_ref_ev
    )
    par.add(
        "session_engaged", ~(engaged & int_engaged), "str", pc.if_else(pa.array(engaged), "1", "0")
    )
    par.add("session_engaged", engaged & int_engaged, "int", 1)
    par.add("entrances", is_landing[page_i] & (slot == PV), "int", 1)
    par.add("engagement_time_msec", has_eng, "int", eng)
    for key, arr in (
        ("source", st.v_source),
        ("medium", st.v_medium),
        ("campaign", st.v_campaign),
        ("term", st.v_term),
        ("content", st.v_content),
    ):
        vals = _take(arr, ev_var)
        par.add(key, landing_ev & pc.is_valid(vals).to_numpy(zero_copy_only=False), "str", vals)
    gclid_ev = (
        landing_ev & (st.v_click[ev_var] == "gclid") & ((st.v_flags[ev_var] & F_GCLID_ORGANIC) == 0)
    )
    token_ev = token.take(pa.array(es))
    par.add("gclid", gclid_ev, "str", token_ev)
    par.add("percent_scrolled", slot == SCROLL, "int", 90)
    form_ev = np.isin(slot, (FSTART, FSUBMIT))
    fidx = np.maximum(form_of[es], 0)
    par.add("form_id", form_ev, "str", _take(pa.array([f.form_id for f in st.forms]), fidx))
    par.add("form_name", form_ev, "str", _take(pa.array([f.key for f in st.forms]), fidx))
    par.add(
        "form_destination", form_ev, "str", _take(pa.array([f.destination for f in st.forms]), fidx)
    )
    values = np.array([f.value_usd for f in st.forms])[fidx]
    par.add("value", slot == GLEAD, "double", values)
    par.add("currency", slot == GLEAD, "str", cat.REPORTING_CURRENCY)
    # ---- identity ----------------------------------------------------------------------------
    known = sess["known"][es]
    mode = sess["uid_mode"][es]
    lead_us = res["lead_us"][es]
    has_uid = (known >= 0) & ((mode == 2) | ((mode == 1) & (ts >= lead_us) & (lead_us >= 0)))
    uniq_known = np.unique(known[has_uid])
    uid_strings = pa.array([user_ids[k] for k in uniq_known], pa.string())
    user_id = (
        uid_strings.take(pa.array(np.searchsorted(uniq_known, known), mask=~has_uid))
        if len(uniq_known)
        else pa.nulls(E, pa.string())
    )
    rnd = client_rand(seed, sess["person"], sess["slot"])
    pseudo = _join(
        pc.cast(pa.array(rnd), pa.string()),
        pa.array(["."] * len(uid)),
        pc.cast(pa.array(sess["first_touch_us"] // 1_000_000), pa.string()),
    )
    pseudo_ev = pseudo.take(pa.array(es, mask=ck))
    # ---- per-event columns -------------------------------------------------------------------
    day = ts // DAY_US
    flags = st.v_flags[ev_var] | np.where(ck, F_COOKIELESS, 0)
    page_uid = uid[es] * 16 + j[page_i]
    late = uniform(seed, "late", page_uid) < cat.LATE_SHARE
    delay = np.where(
        late,
        (uniform(seed, "delay", page_uid) ** 1.5 * cat.MAX_DELAY_HOURS * 3_600e6).astype(np.int64),
        0,
    )
    arrival = ts + delay
    flags |= np.where(arrival >= (day + 1) * DAY_US, F_LATE, 0)
    end_day = res["end_us"] // DAY_US
    crossing = end_day != sess["start_us"] // DAY_US
    flags |= np.where(crossing[es] & ~ck, F_CROSSING, 0)
    value_usd = np.where(slot == GLEAD, values, np.nan)
    is_active = (engaged | is_new[page_i]) & ~ck
    ft_var = np.where(ck, ev_var, sess["ft_variant"][es])
    has_query = np.array([bool(x.query) for x in st.variants])[ev_var]
    collected_mask = landing_ev & (has_query | (st.v_click[ev_var] == "gclid"))
    ctype = _t("collected_traffic_source")
    nul = pa.nulls(E, pa.string())
    m_tagged = pa.array(landing_ev & has_query)
    collected = pa.StructArray.from_arrays(
        [
            nul,
            pc.if_else(m_tagged, _take(st.v_campaign, ev_var), nul),
            pc.if_else(m_tagged, _take(st.v_source, ev_var), nul),
            pc.if_else(m_tagged, _take(st.v_medium, ev_var), nul),
            pc.if_else(m_tagged, _take(st.v_term, ev_var), nul),
            pc.if_else(m_tagged, _take(st.v_content, ev_var), nul),
            nul,
            nul,
            nul,
            pc.if_else(pa.array(landing_ev & (st.v_click[ev_var] == "gclid")), token_ev, nul),
            nul,
            nul,
        ],
        fields=list(ctype),
        mask=pa.array(~collected_mask),
    )
    device = _device_with_language(st, sess["device"][es], sess["place"][es])
    names = pa.array(list(EVENT_NAMES))
    page_ts_ms = pg["ts"][page_i] // 1_000
    bundle = (hash64(seed, "bundle", page_uid) % np.uint64(9_000_000_000)).astype(
        np.int64
    ) + 1_000_000_000
    offset = (hash64(seed, "server_offset", page_uid) % np.uint64(900_000)).astype(
        np.int64
    ) + 50_000
    ev_consent = sess["consent"][es]
    first_touch = pa.array(sess["first_touch_us"][es], mask=ck)
    cols: dict[str, pa.Array] = {
        "event_date": _date_strings(day),
        "event_timestamp": pa.array(ts),
        "event_name": _take(names, slot),
        "event_params": par.build(),
        "event_previous_timestamp": pa.nulls(E, pa.int64()),
        "event_value_in_usd": pa.array(value_usd, mask=np.isnan(value_usd)),
        "event_bundle_sequence_id": pa.array(bundle),
        "event_server_timestamp_offset": pa.array(offset),
        "user_id": user_id,
        "user_pseudo_id": pseudo_ev,
        "privacy_info": _take(st.privacy, ev_consent),
        "user_properties": _empty_lists(E, ga4.USER_PROPERTIES),
        "user_first_touch_timestamp": first_touch,
        "user_ltv": pa.StructArray.from_arrays(
            [pa.array(np.zeros(E)), pa.array(["USD"] * E)],
            fields=list(ga4.USER_LTV),
            mask=pa.array(ck),
        ),
        "device": device,
        "geo": _take(st.geo, sess["place"][es]),
        "app_info": pa.nulls(E, ga4.APP_INFO),
        "traffic_source": _take(st.v_traffic_source, ft_var),
        "stream_id": pa.array(np.full(E, cat.STREAM_ID, dtype=np.int64)),
        "platform": pa.array(["WEB"] * E),
        "event_dimensions": pa.nulls(E, ga4.EVENT_DIMENSIONS),
        "ecommerce": pa.nulls(E, ga4.ECOMMERCE),
        "items": _empty_lists(E, ga4.ITEMS),
        "collected_traffic_source": collected,
        "is_active_user": pa.array(is_active),
        "batch_event_index": pa.array(batch_index),
        "batch_ordering_id": pa.array(j[page_i] + 1),
        "batch_page_id": pa.array(page_ts_ms),
        "session_traffic_source_last_click": _take(st.v_last_click, sess["lc_variant"][es]),
        "_arrival": pa.array(arrival),
        "_dup": pa.array(is_dup),
        "_suid": pa.array(uid[es]),
        "_flags": pa.array(flags.astype(np.int32)),
        "_known": pa.array(np.where(has_uid, known, -1)),
        "_slot": pa.array(sess["slot"][es]),
        "_day": pa.array(day),
    }
    schema = pa.schema(list(FULL) + list(INTERNAL))
    return pa.Table.from_arrays([cols[f.name] for f in schema], schema=schema)


def _device_with_language(st: Static, device: I64, place: I64) -> pa.Array:
    base = _take(st.device, device)
    lang = _take(pa.array([p.language for p in cat.PLACES]), place)
    children = [base.field(i) if f.name != "language" else lang for i, f in enumerate(ga4.DEVICE)]
    return pa.StructArray.from_arrays(children, fields=list(ga4.DEVICE))


def conform(arr: pa.Array, typ: pa.DataType) -> pa.Array:
    """Rebuild ``arr`` with the (sub)type ``typ``: drops struct fields an older era lacks."""
    if arr.type.equals(typ):
        return arr
    if pa.types.is_struct(typ):
        children = [conform(arr.field(f.name), f.type) for f in typ]
        return pa.StructArray.from_arrays(children, fields=list(typ), mask=arr.is_null())
    raise TypeError(f"cannot conform {arr.type} to {typ}")


def to_shard(table: pa.Table, schema: pa.Schema) -> pa.Table:
    """The export columns of ``table`` in ``schema`` (internal columns dropped)."""
    cols = []
    for f in schema:
        col = table.column(f.name).combine_chunks()
        cols.append(conform(col, f.type))
    return pa.Table.from_arrays(cols, schema=schema)


CONSENT_LABELS = {0: None, CONSENT_YES: "Yes", CONSENT_NO: "No"}
