"""Page plan of sessions: how many pages, when each loads, how long the visitor stays, which
events fire on it. Every draw is counter-based on the session uid, so the plan of a session is
the same whether it is computed for the GA4 events or for the CRM (a lead's create time is the
form_submit time of its lead session)."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from sam.demo.frame import Frame
from sam.demo.rand import normal, uniform

# Session kinds
NORMAL, LEAD, BOT, SPAM, COOKIELESS = 0, 1, 2, 3, 4

MAX_PAGES = 10
FORM_SUBMIT_AT = 0.85  # share of the form page's dwell before submit (humans)
LEAD_EVENT_DELAY_MS = 150  # generate_lead after form_submit


def n_pages(
    seed: int, uid: npt.NDArray[np.int64], kind: npt.NDArray[np.int8]
) -> npt.NDArray[np.int64]:
    u = uniform(seed, "n_pages", uid)
    n = 1 + np.floor(np.log(np.maximum(u, 1e-12)) / np.log(0.55)).astype(np.int64)
    n = np.minimum(n, MAX_PAGES)
    n = np.where(kind == LEAD, np.maximum(n + 1, 2), n)
    n = np.where((kind == BOT) | (kind == SPAM), 1, n)
    return np.where(kind == COOKIELESS, 1 + (u < 0.35), n).astype(np.int64)


def plan(
    seed: int,
    uid: npt.NDArray[np.int64],
    start_us: npt.NDArray[np.int64],
    kind: npt.NDArray[np.int8],
) -> tuple[Frame, Frame]:
    """Pages of the sessions and per-session results (n_pages, lead_us, engaged, end_us)."""
    n = n_pages(seed, uid, kind)
    s = np.repeat(np.arange(len(uid)), n)
    first = np.concatenate([[0], np.cumsum(n)[:-1]]).astype(np.int64)
    j = np.arange(len(s)) - first[s]
    puid, pkind = uid[s], kind[s]
    is_last = j == n[s] - 1
    human = (pkind == NORMAL) | (pkind == LEAD) | (pkind == COOKIELESS)
    u3, u4, u5 = (uniform(seed, name, puid, j) for name in ("gap", "scr", "ue"))
    z = normal(seed, "dwell", puid, j)  # dwell times are log-normal
    dwell = np.clip(35_000.0 * np.exp(z), 1_500, 600_000)
    is_form = (pkind == LEAD) & is_last | (pkind == BOT)
    dwell = np.where(is_form & (pkind == LEAD), 25_000 + 40_000.0 * np.exp(0.6 * z), dwell)
    dwell = np.where(pkind == BOT, 2_000 + 6_000 * u3, dwell)
    dwell = np.where(pkind == SPAM, 300 + 900 * u3, dwell).astype(np.int64)
    gap = (800 + 2_700 * u3).astype(np.int64)
    step = dwell + gap
    csum = np.cumsum(step) - step
    offset_ms = csum - csum[first[s]]
    ts = start_us[s] + offset_ms * 1_000
    has_scroll = human & (u4 < 0.45) & (dwell > 8_000)
    has_ue = human & (~is_last | (u5 < 0.75))
    submit_ms = np.where(pkind == BOT, dwell, (dwell * FORM_SUBMIT_AT).astype(np.int64))
    pages = Frame(
        sess=s,
        j=j,
        ts=ts,
        dwell=dwell,
        is_last=is_last,
        is_form=is_form,
        has_scroll=has_scroll,
        has_ue=has_ue,
        submit_ms=submit_ms,
    )
    # per session
    engaged_ms = np.bincount(s, weights=np.where(has_ue, dwell, 0), minlength=len(uid))
    lead_us = np.full(len(uid), -1, dtype=np.int64)
    fp = np.flatnonzero(is_form)
    lead_us[s[fp]] = ts[fp] + submit_ms[fp] * 1_000
    end_us = ts[first + n - 1] + dwell[first + n - 1] * 1_000
    engaged = ((n >= 2) | (engaged_ms >= 10_000) | (kind == LEAD)) & (kind != BOT) & (kind != SPAM)
    sessions = Frame(n_pages=n, first_page=first, lead_us=lead_us, engaged=engaged, end_us=end_us)
    return pages, sessions
