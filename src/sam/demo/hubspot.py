"""The CRM truth rendered as the Fivetran HubSpot schema (column names as in Fivetran's seeds)."""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from sam.demo import catalog as cat
from sam.demo.crm import Crm, Person, sync_time
from sam.demo.journeys import company as company_info

TS = pa.timestamp("us")
FAR_END = 253_402_300_799_000_000  # 9999-12-31 23:59:59

LIFECYCLE = (
    "subscriber",
    "lead",
    "marketingqualifiedlead",
    "salesqualifiedlead",
    "opportunity",
    "customer",
    "evangelist",
    "other",
)
CONTACT_BASE = 51_000_001
COMPANY_BASE = 18_200_000_001
DEAL_BASE = 16_400_000_001
LIST_BASE = 301
REP_HS_ID = [72_310_001 + i for i in range(len(cat.REPS))]


def _schema(cols: list[tuple[str, pa.DataType]]) -> pa.Schema:
    return pa.schema([pa.field(n, t) for n, t in cols])


def _table(rows: list[dict[str, Any]], cols: list[tuple[str, pa.DataType]]) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=_schema(cols))


def rep_email(i: int) -> str:
    first, last = cat.REPS[i]
    return f"{first.lower()}.{last.lower()}@acme-analytics.com"


def lifecycle_steps(crm: Crm, p: Person, primary_of: dict[int, Any]) -> list[tuple[str, int, str]]:
    """(stage, time, source) of every lifecycle change of ``p`` that happened by --as-of."""
    steps: list[tuple[str, int, str]] = []
    if p.kind == "sales":
        steps.append(("opportunity", p.created_at, "CRM_UI"))
    else:
        steps.append(("lead", p.created_at, "FORM" if p.kind == "inbound" else "IMPORT"))
    if p.is_bot and p.disqualified_at is not None:
        steps.append(("other", p.disqualified_at, "CRM_UI"))
    if p.mql_at is not None:
        steps.append(("marketingqualifiedlead", p.mql_at, "AUTOMATION_PLATFORM"))
    if p.sql_at is not None:
        steps.append(("salesqualifiedlead", p.sql_at, "CRM_UI"))
    deal = primary_of.get(p.key)
    if deal is not None:
        if p.kind != "sales":
            steps.append(("opportunity", deal.created_at, "DEALS"))
        won_at = deal.path[-1][1]
        if deal.won:
            steps.append(("customer", won_at, "DEALS"))
    return [s for s in steps if crm.alive(s[1])]


def render(crm: Crm, seed: int) -> tuple[dict[str, pa.Table], dict[str, dict[int, Any]]]:
    """The tables, and the ids given to people (``contact``) and deals (``deal``)."""
    cutoff = crm.cutoff
    people = sorted(crm.people, key=lambda p: (p.created_at, p.key))
    hs_id = {p.key: CONTACT_BASE + i for i, p in enumerate(people)}
    deals = sorted(crm.deals, key=lambda d: (d.created_at, d.key))
    deal_id = {d.key: DEAL_BASE + i for i, d in enumerate(deals)}
    primary_of = {d.primary: d for d in deals if d.deleted_duplicate_of is None}
    # companies: created with their first contact
    first_seen: dict[int, int] = {}
    for p in people:
        if p.company >= 0 and p.company not in first_seen:
            first_seen[p.company] = p.created_at
    companies = sorted(first_seen, key=lambda c: (first_seen[c], c))
    company_id = {c: COMPANY_BASE + i for i, c in enumerate(companies)}
    merged_into: dict[int, list[int]] = {}
    for p in people:
        if p.merged_into is not None and crm.alive(p.merged_at):
            merged_into.setdefault(p.merged_into, []).append(p.key)

    contact_rows, history_rows = [], []
    for p in people:
        steps = lifecycle_steps(crm, p, primary_of)
        dates: dict[str, int | None] = {
            f"property_hs_lifecyclestage_{s}_date": None for s in LIFECYCLE
        }
        for stage, at, _ in steps:
            dates[f"property_hs_lifecyclestage_{stage}_date"] = at
        current = max(steps, key=lambda s: s[1])[0] if steps else None
        status = "NEW"
        if crm.alive(p.disqualified_at):
            status = "UNQUALIFIED"
        if crm.alive(p.mql_at):
            status = "IN_PROGRESS"
        if crm.alive(p.sql_at):
            status = "OPEN_DEAL"
        deleted = crm.alive(p.deleted_at)
        merged = merged_into.get(p.key, [])
        last_change = crm.last_change(p.created_at, p.deleted_at, *(at for _, at, _ in steps))
        comp = company_info(seed, p.company) if p.company >= 0 else None
        contact_rows.append(
            {
                "id": hs_id[p.key],
                "_fivetran_deleted": deleted,
                "_fivetran_synced": sync_time(last_change, cutoff),
                "property_email": p.email,
                "property_firstname": p.first_name or None,
                "property_lastname": p.last_name,
                "property_company": comp.name if comp else None,
                "property_jobtitle": p.title or None,
                "property_country": cat.PLACES[p.place].country,
                "property_createdate": p.created_at,
                "property_lifecyclestage": current,
                **dates,
                "property_hs_lead_status": status if p.kind != "sales" else None,
                "property_hs_analytics_source": p.recorded.hubspot[0],
                "property_hs_analytics_source_data_1": p.recorded.hubspot[1],
                "property_hs_analytics_source_data_2": p.recorded.hubspot[2],
                "property_hs_google_click_id": p.gclid,
                "property_hs_facebook_click_id": p.fbclid,
                "property_ga_client_id": p.ga_client_id,
                "property_hs_merged_object_ids": ";".join(str(hs_id[k]) for k in merged) or None,
                "property_hubspot_owner_id": REP_HS_ID[p.owner],
                "property_associatedcompanyid": company_id.get(p.company),
            }
        )
        for stage, at, source in steps:
            history_rows.append(
                {
                    "contact_id": hs_id[p.key],
                    "timestamp": at,
                    "_fivetran_synced": sync_time(at, cutoff),
                    "source": source,
                    "name": "lifecyclestage",
                    "value": stage,
                    "source_id": rep_email(p.owner) if source == "CRM_UI" else None,
                }
            )
    merge_rows = []
    for p in people:
        if p.merged_into is not None and crm.alive(p.merged_at):
            assert p.merged_at is not None
            merge_rows.append(
                {
                    "canonical_vid": hs_id[p.merged_into],
                    "contact_id": hs_id[p.merged_into],
                    "vid_to_merge": hs_id[p.key],
                    "_fivetran_synced": sync_time(p.merged_at, cutoff),
                    "entity_id": None,
                    "first_name": p.first_name,
                    "last_name": p.last_name,
                    "num_properties_moved": 3,
                    "timestamp": p.merged_at,
                    "user_id": REP_HS_ID[p.owner],
                }
            )
    company_rows = []
    for c in companies:
        info = company_info(seed, c)
        place = cat.PLACES[info.place]
        company_rows.append(
            {
                "id": company_id[c],
                "is_deleted": False,
                "_fivetran_synced": sync_time(first_seen[c], cutoff),
                "property_name": info.name,
                "property_domain": info.domain,
                "property_createdate": first_seen[c],
                "property_industry": info.industry,
                "property_city": place.city,
                "property_country": place.country,
                "property_numberofemployees": info.employees,
                "property_annualrevenue": float(info.employees * 180_000),
            }
        )
    deal_rows, stage_rows, dph_rows, dc_rows, dco_rows = [], [], [], [], []
    for d in deals:
        entries = [(s, t) for s, t in d.path if crm.alive(t)]
        now = cat.STAGES[entries[-1][0]]
        amount = d.amount_final if crm.alive(d.amount_final_at) else d.amount_initial
        deleted = crm.alive(d.deleted_at)
        closed_at = entries[-1][1] if now.is_closed else d.close_planned
        last = max([t for _, t in entries] + ([d.deleted_at] if deleted and d.deleted_at else []))
        did = deal_id[d.key]
        deal_rows.append(
            {
                "deal_id": did,
                "is_deleted": deleted,
                "_fivetran_synced": sync_time(last, cutoff),
                "deal_pipeline_id": "default",
                "deal_pipeline_stage_id": now.hubspot_id,
                "owner_id": REP_HS_ID[d.owner],
                "portal_id": cat.HUBSPOT_PORTAL_ID,
                "property_dealname": f"{company_info(seed, d.company).name} - new business",
                "property_amount": amount,
                "property_closedate": closed_at,
                "property_createdate": d.created_at,
                "property_dealstage": now.hubspot_id,
                "property_pipeline": "default",
                "property_deal_currency_code": d.currency,
                "property_dealtype": "newbusiness",
                "property_hubspot_owner_id": REP_HS_ID[d.owner],
            }
        )
        starts = [sync_time(t, cutoff) for _, t in entries]
        for k, (s, t) in enumerate(entries):
            end = starts[k + 1] - 1_000 if k + 1 < len(entries) else FAR_END
            stage_rows.append(
                {
                    "_fivetran_start": starts[k],
                    "deal_id": did,
                    "_fivetran_active": k + 1 == len(entries),
                    "_fivetran_end": end,
                    "_fivetran_synced": starts[k],
                    "date_entered": t,
                    "source": "CRM_UI",
                    "source_id": rep_email(d.owner),
                    "value": cat.STAGES[s].hubspot_id,
                }
            )
            dph_rows.append(
                {
                    "deal_id": did,
                    "timestamp": t,
                    "_fivetran_synced": starts[k],
                    "source": "CRM_UI",
                    "name": "dealstage",
                    "source_id": rep_email(d.owner),
                    "value": cat.STAGES[s].hubspot_id,
                }
            )
        dph_rows.append(
            {
                "deal_id": did,
                "timestamp": d.created_at,
                "_fivetran_synced": sync_time(d.created_at, cutoff),
                "source": "CRM_UI",
                "name": "amount",
                "source_id": rep_email(d.owner),
                "value": f"{d.amount_initial:.2f}",
            }
        )
        if crm.alive(d.amount_final_at) and d.amount_final != d.amount_initial:
            dph_rows.append(
                {
                    "deal_id": did,
                    "timestamp": d.amount_final_at,
                    "_fivetran_synced": sync_time(d.amount_final_at, cutoff),
                    "source": "CRM_UI",
                    "name": "amount",
                    "source_id": rep_email(d.owner),
                    "value": f"{d.amount_final:.2f}",
                }
            )
        for k in d.contacts:
            if k in hs_id:
                dc_rows.append(
                    {
                        "contact_id": hs_id[k],
                        "deal_id": did,
                        "_fivetran_synced": sync_time(d.created_at, cutoff),
                        "type_id": 3,
                        "category": "HUBSPOT_DEFINED",
                    }
                )
        if d.company in company_id:
            dco_rows.append(
                {
                    "company_id": company_id[d.company],
                    "deal_id": did,
                    "type_id": 5,
                    "category": "HUBSPOT_DEFINED",
                }
            )
    created0 = 1_577_836_800_000_000  # 2020-01-01, when the portal was set up
    pipeline = [
        {
            "pipeline_id": "default",
            "_fivetran_deleted": False,
            "_fivetran_synced": created0,
            "active": True,
            "display_order": 0,
            "label": "Sales Pipeline",
            "created_at": created0,
            "updated_at": created0,
        }
    ]
    pipeline_stages = [
        {
            "_fivetran_deleted": False,
            "_fivetran_synced": created0,
            "active": True,
            "closed_won": s.is_won,
            "is_closed": s.is_closed,
            "display_order": i,
            "probability": s.probability,
            "stage_id": s.hubspot_id,
            "label": s.hubspot_label,
            "pipeline_id": "default",
            "created_at": created0,
            "updated_at": created0,
        }
        for i, s in enumerate(cat.STAGES)
    ]
    list_rows, member_rows = [], []
    for ci, oc in enumerate(cat.OFFLINE_CAMPAIGNS):
        created = (oc.day.toordinal() - 45 - 719_163) * 86_400_000_000
        if created >= cutoff:
            continue
        list_rows.append(
            {
                "id": LIST_BASE + ci,
                "name": oc.name,
                "created_at": created,
                "updated_at": created,
                "_fivetran_deleted": False,
                "_fivetran_synced": sync_time(created, cutoff),
                "portal_id": cat.HUBSPOT_PORTAL_ID,
                "deleteable": True,
                "dynamic": False,
            }
        )
    day_end = {
        ci: (c.day.toordinal() - 719_163 + 1) * 86_400_000_000
        for ci, c in enumerate(cat.OFFLINE_CAMPAIGNS)
    }
    for p in people:
        for ci, at, attended in p.offline:
            # the list holds attendees, added after the event (booth leads: when imported)
            added = max(at, day_end[ci])
            if attended and crm.alive(added) and p.key in hs_id:
                member_rows.append(
                    {
                        "contact_id": hs_id[p.key],
                        "contact_list_id": LIST_BASE + ci,
                        "added_at": added,
                        "_fivetran_deleted": False,
                        "_fivetran_synced": sync_time(added, cutoff),
                    }
                )
    lifecycle_cols = [(f"property_hs_lifecyclestage_{s}_date", TS) for s in LIFECYCLE]
    tables = {
        "contact": _table(
            contact_rows,
            [
                ("id", pa.int64()),
                ("_fivetran_deleted", pa.bool_()),
                ("_fivetran_synced", TS),
                ("property_email", pa.string()),
                ("property_firstname", pa.string()),
                ("property_lastname", pa.string()),
                ("property_company", pa.string()),
                ("property_jobtitle", pa.string()),
                ("property_country", pa.string()),
                ("property_createdate", TS),
                ("property_lifecyclestage", pa.string()),
                *lifecycle_cols,
                ("property_hs_lead_status", pa.string()),
                ("property_hs_analytics_source", pa.string()),
                ("property_hs_analytics_source_data_1", pa.string()),
                ("property_hs_analytics_source_data_2", pa.string()),
                ("property_hs_google_click_id", pa.string()),
                ("property_hs_facebook_click_id", pa.string()),
                ("property_ga_client_id", pa.string()),
                ("property_hs_merged_object_ids", pa.string()),
                ("property_hubspot_owner_id", pa.int64()),
                ("property_associatedcompanyid", pa.int64()),
            ],
        ),
        "contact_property_history": _table(
            history_rows,
            [
                ("contact_id", pa.int64()),
                ("timestamp", TS),
                ("_fivetran_synced", TS),
                ("source", pa.string()),
                ("name", pa.string()),
                ("value", pa.string()),
                ("source_id", pa.string()),
            ],
        ),
        "contact_merge_audit": _table(
            merge_rows,
            [
                ("canonical_vid", pa.int64()),
                ("contact_id", pa.int64()),
                ("vid_to_merge", pa.int64()),
                ("_fivetran_synced", TS),
                ("entity_id", pa.string()),
                ("first_name", pa.string()),
                ("last_name", pa.string()),
                ("num_properties_moved", pa.int64()),
                ("timestamp", TS),
                ("user_id", pa.int64()),
            ],
        ),
        "company": _table(
            company_rows,
            [
                ("id", pa.int64()),
                ("is_deleted", pa.bool_()),
                ("_fivetran_synced", TS),
                ("property_name", pa.string()),
                ("property_domain", pa.string()),
                ("property_createdate", TS),
                ("property_industry", pa.string()),
                ("property_city", pa.string()),
                ("property_country", pa.string()),
                ("property_numberofemployees", pa.int64()),
                ("property_annualrevenue", pa.float64()),
            ],
        ),
        "deal": _table(
            deal_rows,
            [
                ("deal_id", pa.int64()),
                ("is_deleted", pa.bool_()),
                ("_fivetran_synced", TS),
                ("deal_pipeline_id", pa.string()),
                ("deal_pipeline_stage_id", pa.string()),
                ("owner_id", pa.int64()),
                ("portal_id", pa.int64()),
                ("property_dealname", pa.string()),
                ("property_amount", pa.float64()),
                ("property_closedate", TS),
                ("property_createdate", TS),
                ("property_dealstage", pa.string()),
                ("property_pipeline", pa.string()),
                ("property_deal_currency_code", pa.string()),
                ("property_dealtype", pa.string()),
                ("property_hubspot_owner_id", pa.int64()),
            ],
        ),
        "deal_contact": _table(
            dc_rows,
            [
                ("contact_id", pa.int64()),
                ("deal_id", pa.int64()),
                ("_fivetran_synced", TS),
                ("type_id", pa.int64()),
                ("category", pa.string()),
            ],
        ),
        "deal_company": _table(
            dco_rows,
            [
                ("company_id", pa.int64()),
                ("deal_id", pa.int64()),
                ("type_id", pa.int64()),
                ("category", pa.string()),
            ],
        ),
        "deal_pipeline": _table(
            pipeline,
            [
                ("pipeline_id", pa.string()),
                ("_fivetran_deleted", pa.bool_()),
                ("_fivetran_synced", TS),
                ("active", pa.bool_()),
                ("display_order", pa.int64()),
                ("label", pa.string()),
                ("created_at", TS),
                ("updated_at", TS),
            ],
        ),
        "deal_pipeline_stage": _table(
            pipeline_stages,
            [
                ("_fivetran_deleted", pa.bool_()),
                ("_fivetran_synced", TS),
                ("active", pa.bool_()),
                ("closed_won", pa.bool_()),
                ("is_closed", pa.bool_()),
                ("display_order", pa.int64()),
                ("probability", pa.float64()),
                ("stage_id", pa.string()),
                ("label", pa.string()),
                ("pipeline_id", pa.string()),
                ("created_at", TS),
                ("updated_at", TS),
            ],
        ),
        "deal_stage": _table(
            stage_rows,
            [
                ("_fivetran_start", TS),
                ("deal_id", pa.int64()),
                ("_fivetran_active", pa.bool_()),
                ("_fivetran_end", TS),
                ("_fivetran_synced", TS),
                ("date_entered", TS),
                ("source", pa.string()),
                ("source_id", pa.string()),
                ("value", pa.string()),
            ],
        ),
        "deal_property_history": _table(
            dph_rows,
            [
                ("deal_id", pa.int64()),
                ("timestamp", TS),
                ("_fivetran_synced", TS),
                ("source", pa.string()),
                ("name", pa.string()),
                ("source_id", pa.string()),
                ("value", pa.string()),
            ],
        ),
        "contact_list": _table(
            list_rows,
            [
                ("id", pa.int64()),
                ("name", pa.string()),
                ("created_at", TS),
                ("updated_at", TS),
                ("_fivetran_deleted", pa.bool_()),
                ("_fivetran_synced", TS),
                ("portal_id", pa.int64()),
                ("deleteable", pa.bool_()),
                ("dynamic", pa.bool_()),
            ],
        ),
        "contact_list_member": _table(
            member_rows,
            [
                ("contact_id", pa.int64()),
                ("contact_list_id", pa.int64()),
                ("added_at", TS),
                ("_fivetran_deleted", pa.bool_()),
                ("_fivetran_synced", TS),
            ],
        ),
    }
    return tables, {"contact": hs_id, "deal": deal_id}
