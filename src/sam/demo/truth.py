"""ground_truth/: what really happened (never read by models; for tests of attribution)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pyarrow as pa

from sam.demo import catalog as cat
from sam.demo.crm import Crm
from sam.demo.frame import Frame
from sam.demo.fx import Fx
from sam.demo.hubspot import TS, _table
from sam.demo.journeys import DAY_US, client_ids
from sam.demo.traffic import Variant

EPOCH = dt.date(1970, 1, 1)
S, INT, F, B = pa.string(), pa.int64(), pa.float64(), pa.bool_()


def render(
    seed: int,
    crm: Crm,
    hs_ids: dict[int, int],
    sf_lead_ids: dict[int, str],
    sf_contact_ids: dict[int, str],
    hs_deal_ids: dict[int, int],
    sf_opp_ids: dict[int, str],
    leads: Frame,
    lead_sessions: Frame,
    variants: list[Variant],
    fx: Fx,
    start: dt.date,
) -> dict[str, pa.Table]:
    alive = crm.alive
    by_key = {p.key: p for p in crm.people}
    lead_rows = []
    for p in crm.people:
        lead_rows.append(
            {
                "person_id": p.key if p.kind != "duplicate" else -p.key,
                "record_kind": p.kind,
                "duplicate_of_person_id": p.merged_into,
                "hubspot_contact_id": hs_ids.get(p.key),
                "salesforce_lead_id": sf_lead_ids.get(p.key),
                "salesforce_contact_id": sf_contact_ids.get(p.key),
                "email": p.email,
                "created_at": p.created_at,
                "true_channel": p.channel,
                "true_platform": p.platform,
                "true_campaign": p.campaign,
                "is_bot": p.is_bot,
                "single_channel_journey": p.single_channel,
                "is_deleted": alive(p.deleted_at),
                "is_merged_away": p.merged_into is not None and alive(p.merged_at),
                "mql_at": p.mql_at if alive(p.mql_at) else None,
                "sql_at": p.sql_at if alive(p.sql_at) else None,
                "ga_client_id": p.ga_client_id,
                "gclid": p.gclid,
                "fbclid": p.fbclid,
                "crm_recorded": p.recorded.kind,
                "user_id": p.user_id,
                "user_pseudo_ids": p.user_pseudo_ids,
            }
        )
    deal_rows = []
    for d in crm.deals:
        entries = [(s, t) for s, t in d.path if alive(t)]
        last_stage = cat.STAGES[entries[-1][0]]
        closed_at = entries[-1][1] if last_stage.is_closed else None
        amount = d.amount_final if alive(d.amount_final_at) else d.amount_initial
        fx_day = EPOCH + dt.timedelta(days=(closed_at or d.created_at) // DAY_US)
        members = [by_key[k] for k in d.contacts if k in by_key]
        primary = by_key.get(d.primary)
        deal_rows.append(
            {
                "deal_key": d.key,
                "hubspot_deal_id": hs_deal_ids.get(d.key),
                "salesforce_opportunity_id": sf_opp_ids.get(d.key),
                "primary_person_id": d.primary,
                "true_channel": primary.channel if primary else None,
                "true_platform": primary.platform if primary else None,
                "true_campaign": primary.campaign if primary else None,
                "contact_person_ids": [m.key for m in members],
                "contact_channels": [m.channel for m in members],
                "currency": d.currency,
                "amount": amount,
                "amount_usd": round(amount * fx.rate(d.currency, fx_day), 2),
                "created_at": d.created_at,
                "closed_at": closed_at,
                "status": ("won" if last_stage.is_won else "lost")
                if last_stage.is_closed
                else "open",
                "is_won": last_stage.is_won,
                "is_deleted_duplicate": d.deleted_duplicate_of is not None,
                "had_stage_regression": any(
                    b[0] < a[0] and b[0] < cat.OPEN_STAGES
                    for a, b in zip(entries, entries[1:], strict=False)
                ),
            }
        )
    # touchpoints: every web session of the people who became leads, up to --as-of
    tp_rows: list[dict[str, Any]] = []
    if len(lead_sessions) and len(leads):
        lead_person = np.array(sorted(p.key for p in crm.people if p.kind == "inbound"), np.int64)
        st = lead_sessions["start_us"]
        start_us = (start - EPOCH).days * DAY_US
        ls = lead_sessions.take(
            np.flatnonzero(
                (st < crm.cutoff) & (st >= start_us) & np.isin(lead_sessions["person"], lead_person)
            )
        )
        order = np.argsort(leads["person"])
        row = order[np.searchsorted(leads["person"][order], ls["person"])]
        first_us = np.where(ls["slot"] == 1, leads["first_us1"][row], leads["first_us0"][row])
        pseudo = client_ids(seed, ls["person"], ls["slot"], first_us)
        for pk, pid, st_us, var, is_lead, ck in zip(
            ls["person"].tolist(),
            pseudo,
            ls["start_us"].tolist(),
            ls["variant"].tolist(),
            ls["is_lead_session"].tolist(),
            ls["cookieless"].tolist(),
            strict=True,
        ):
            v = variants[var]
            tp_rows.append(
                {
                    "person_id": pk,
                    "user_pseudo_id": None if ck else pid,
                    "ga_session_id": None if ck else st_us // 1_000_000,
                    "session_start_at": st_us,
                    "true_channel": cat.CHANNEL_BY_KEY[v.channel].ga4_channel,
                    "true_platform": v.platform,
                    "true_campaign": v.campaign_obj.name if v.campaign_obj else v.campaign,
                    "ga4_channel": v.ga4_channel,
                    "source": v.source,
                    "medium": v.medium,
                    "campaign": v.campaign,
                    "is_lead_session": is_lead,
                }
            )
    offline_rows = [
        {
            "person_id": p.key,
            "campaign": cat.OFFLINE_CAMPAIGNS[ci].name,
            "campaign_type": cat.OFFLINE_CAMPAIGNS[ci].kind,
            "touched_at": at,
            "attended": attended,
        }
        for p in crm.people
        for ci, at, attended in p.offline
        if alive(at)
    ]
    return {
        "leads": _table(
            lead_rows,
            [
                ("person_id", INT),
                ("record_kind", S),
                ("duplicate_of_person_id", INT),
                ("hubspot_contact_id", INT),
                ("salesforce_lead_id", S),
                ("salesforce_contact_id", S),
                ("email", S),
                ("created_at", TS),
                ("true_channel", S),
                ("true_platform", S),
                ("true_campaign", S),
                ("is_bot", B),
                ("single_channel_journey", B),
                ("is_deleted", B),
                ("is_merged_away", B),
                ("mql_at", TS),
                ("sql_at", TS),
                ("ga_client_id", S),
                ("gclid", S),
                ("fbclid", S),
                ("crm_recorded", S),
                ("user_id", S),
                ("user_pseudo_ids", pa.list_(S)),
            ],
        ),
        "deals": _table(
            deal_rows,
            [
                ("deal_key", INT),
                ("hubspot_deal_id", INT),
                ("salesforce_opportunity_id", S),
                ("primary_person_id", INT),
                ("true_channel", S),
                ("true_platform", S),
                ("true_campaign", S),
                ("contact_person_ids", pa.list_(INT)),
                ("contact_channels", pa.list_(S)),
                ("currency", S),
                ("amount", F),
                ("amount_usd", F),
                ("created_at", TS),
                ("closed_at", TS),
                ("status", S),
                ("is_won", B),
                ("is_deleted_duplicate", B),
                ("had_stage_regression", B),
            ],
        ),
        "touchpoints": _table(
            tp_rows,
            [
                ("person_id", INT),
                ("user_pseudo_id", S),
                ("ga_session_id", INT),
                ("session_start_at", TS),
                ("true_channel", S),
                ("true_platform", S),
                ("true_campaign", S),
                ("ga4_channel", S),
                ("source", S),
                ("medium", S),
                ("campaign", S),
                ("is_lead_session", B),
            ],
        ),
        "offline_touches": _table(
            offline_rows,
            [
                ("person_id", INT),
                ("campaign", S),
                ("campaign_type", S),
                ("touched_at", TS),
                ("attended", B),
            ],
        ),
    }
