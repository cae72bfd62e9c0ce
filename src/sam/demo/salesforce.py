"""The CRM truth rendered as the Fivetran Salesforce schema (snake_case, `_c` custom fields).

Mapping of the one truth: a person's lead is created when HubSpot's contact is; MQL sets
`mql_date_c` and status 'Working - Contacted'; SQL converts the lead (contact, account -- an
existing one when the company already has one --, and the opportunity for the deal it opens).
`opportunity_history` is the standard OpportunityHistory object: one row per stage / amount change.
"""

from __future__ import annotations

import datetime as dt

import pyarrow as pa

from sam.demo import catalog as cat
from sam.demo.crm import Crm, Deal, Person, sync_time
from sam.demo.hubspot import TS, _table
from sam.demo.journeys import DAY_US
from sam.demo.journeys import company as company_info

EPOCH = dt.date(1970, 1, 1)
_B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def sf_id(prefix: str, n: int) -> str:
    """An 18-character Salesforce-looking id: key prefix + org part + serial + suffix."""
    digits = ""
    for _ in range(9):
        n, r = divmod(n, 62)
        digits = _B62[r] + digits
    return f"{prefix}Dm0{digits}AAC"[:18]


def _date(us: int | None) -> dt.date | None:
    return None if us is None else EPOCH + dt.timedelta(days=us // DAY_US)


def render(crm: Crm, seed: int) -> tuple[dict[str, pa.Table], dict[str, dict[int, str]]]:
    """The tables, and the ids given to leads, contacts and opportunities."""
    cutoff = crm.cutoff
    alive = crm.alive
    people = sorted(crm.people, key=lambda p: (p.created_at, p.key))
    by_key = {p.key: p for p in people}
    users = [("005", i, f, la) for i, (f, la) in enumerate(cat.REPS)]
    user_id = [sf_id("005", i + 1) for i in range(len(cat.REPS))]
    integration_user = sf_id("005", 90)
    leads = [p for p in people if p.kind != "sales"]
    lead_id = {p.key: sf_id("00Q", i + 1) for i, p in enumerate(leads)}
    # contacts: converted leads (at SQL) and contacts sales added
    contact_people = sorted(
        [p for p in people if p.kind == "sales" or (p.kind != "duplicate" and alive(p.sql_at))],
        key=lambda p: (p.created_at if p.kind == "sales" else (p.sql_at or 0), p.key),
    )
    contact_id = {p.key: sf_id("003", i + 1) for i, p in enumerate(contact_people)}
    contact_at = {
        p.key: p.created_at if p.kind == "sales" else (p.sql_at or 0) for p in contact_people
    }
    # accounts: created by the first conversion in the company
    account_at: dict[int, int] = {}
    for p in contact_people:
        if p.company >= 0:
            account_at[p.company] = min(
                account_at.get(p.company, contact_at[p.key]), contact_at[p.key]
            )
    accounts = sorted(account_at, key=lambda c: (account_at[c], c))
    account_owner: dict[int, int] = {}
    for p in contact_people:
        account_owner.setdefault(p.company, p.owner)
    account_id = {c: sf_id("001", i + 1) for i, c in enumerate(accounts)}
    deals = sorted(crm.deals, key=lambda d: (d.created_at, d.key))
    opp_id = {d.key: sf_id("006", i + 1) for i, d in enumerate(deals)}
    deal_of = {d.primary: d for d in deals if d.deleted_duplicate_of is None}
    campaign_id = {ci: sf_id("701", ci + 1) for ci in range(len(cat.OFFLINE_CAMPAIGNS))}

    lead_rows = []
    for p in leads:
        converted = p.kind != "duplicate" and alive(p.sql_at)
        merged = p.merged_into is not None and alive(p.merged_at)
        status = "Open - Not Contacted"
        if alive(p.disqualified_at):
            status = "Closed - Not Converted"
        if alive(p.mql_at):
            status = "Working - Contacted"
        if converted:
            status = "Closed - Converted"
        deal = deal_of.get(p.key)
        comp = company_info(seed, p.company) if p.company >= 0 else None
        changed = crm.last_change(
            p.created_at, p.mql_at, p.sql_at, p.disqualified_at, p.deleted_at, p.merged_at
        )
        lead_rows.append(
            {
                "id": lead_id[p.key],
                "is_deleted": alive(p.deleted_at) or merged,
                "master_record_id": lead_id[p.merged_into]
                if merged and p.merged_into is not None
                else None,
                "first_name": p.first_name or None,
                "last_name": p.last_name,
                "name": f"{p.first_name} {p.last_name}".strip(),
                "title": p.title or None,
                "company": comp.name if comp else "[not provided]",
                "email": p.email,
                "country": cat.PLACES[p.place].country,
                "lead_source": p.recorded.lead_source,
                "status": status,
                "owner_id": user_id[p.owner],
                "is_converted": converted,
                "converted_date": _date(p.sql_at) if converted else None,
                "converted_account_id": account_id.get(p.company) if converted else None,
                "converted_contact_id": contact_id.get(p.key) if converted else None,
                "converted_opportunity_id": opp_id[deal.key]
                if converted and deal and alive(deal.created_at)
                else None,
                "created_date": p.created_at,
                "created_by_id": integration_user if p.kind == "inbound" else user_id[p.owner],
                "last_modified_date": changed,
                "system_modstamp": changed,
                "gclid_c": p.gclid,
                "fbclid_c": p.fbclid,
                "ga_client_id_c": p.ga_client_id,
                "mql_date_c": p.mql_at if alive(p.mql_at) else None,
                "utm_source_c": p.recorded.utm[0],
                "utm_medium_c": p.recorded.utm[1],
                "utm_campaign_c": p.recorded.utm[2],
                "utm_term_c": p.recorded.utm[3],
                "utm_content_c": p.recorded.utm[4],
                "_fivetran_synced": sync_time(changed, cutoff),
                "_fivetran_active": True,
            }
        )
    contact_rows = []
    for p in contact_people:
        at = contact_at[p.key]
        comp = company_info(seed, p.company)
        changed = crm.last_change(at, p.deleted_at)
        contact_rows.append(
            {
                "id": contact_id[p.key],
                "account_id": account_id.get(p.company),
                "is_deleted": alive(p.deleted_at),
                "master_record_id": None,
                "first_name": p.first_name,
                "last_name": p.last_name,
                "name": f"{p.first_name} {p.last_name}",
                "title": p.title or None,
                "email": p.email,
                "mailing_country": cat.PLACES[comp.place].country,
                "lead_source": p.recorded.lead_source,
                "owner_id": user_id[p.owner],
                "created_date": at,
                "created_by_id": user_id[p.owner],
                "last_modified_date": changed,
                "gclid_c": p.gclid,
                "ga_client_id_c": p.ga_client_id,
                "mql_date_c": p.mql_at if alive(p.mql_at) else None,
                "_fivetran_synced": sync_time(changed, cutoff),
                "_fivetran_active": True,
            }
        )
    account_rows = []
    for c in accounts:
        info = company_info(seed, c)
        place = cat.PLACES[info.place]
        owner = account_owner.get(c, 0)
        account_rows.append(
            {
                "id": account_id[c],
                "name": info.name,
                "type": "Prospect",
                "industry": info.industry,
                "billing_city": place.city,
                "billing_country": place.country,
                "billing_country_code": place.country_code,
                "number_of_employees": info.employees,
                "annual_revenue": float(info.employees * 180_000),
                "website": f"https://www.{info.domain}",
                "account_source": "Web",
                "owner_id": user_id[owner],
                "created_date": account_at[c],
                "is_deleted": False,
                "master_record_id": None,
                "_fivetran_synced": sync_time(account_at[c], cutoff),
                "_fivetran_active": True,
            }
        )
    opp_rows, hist_rows, ocr_rows = [], [], []
    hist_serial, ocr_serial = 0, 0
    for d in deals:
        primary = by_key.get(d.primary)
        entries = [(s, t) for s, t in d.path if alive(t)]
        stage = cat.STAGES[entries[-1][0]]
        amount = d.amount_final if alive(d.amount_final_at) else d.amount_initial
        close = entries[-1][1] if stage.is_closed else d.close_planned
        deleted = alive(d.deleted_at)
        camp = _primary_campaign(primary, d)
        last = max([t for _, t in entries] + ([d.deleted_at] if deleted and d.deleted_at else []))
        close_date = _date(close)
        assert close_date is not None
        opp_rows.append(
            {
                "id": opp_id[d.key],
                "account_id": account_id.get(d.company),
                "is_deleted": deleted,
                "name": f"{company_info(seed, d.company).name} - New Business",
                "amount": amount,
                "currency_iso_code": d.currency,
                "stage_name": stage.salesforce_name,
                "probability": stage.probability * 100,
                "expected_revenue": amount * stage.probability,
                "close_date": close_date,
                "is_closed": stage.is_closed,
                "is_won": stage.is_won,
                "created_date": d.created_at,
                "created_by_id": user_id[d.owner],
                "last_modified_date": last,
                "type": "New Business",
                "lead_source": primary.recorded.lead_source if primary else None,
                "campaign_id": campaign_id[camp] if camp is not None else None,
                "owner_id": user_id[d.owner],
                "forecast_category": stage.forecast_category,
                "forecast_category_name": stage.forecast_category,
                "fiscal_year": close_date.year,
                "fiscal_quarter": (close_date.month - 1) // 3 + 1,
                "has_opportunity_line_item": False,
                "_fivetran_synced": sync_time(last, cutoff),
                "_fivetran_active": True,
            }
        )
        steps: list[tuple[int, int, float]] = [(t, s, d.amount_initial) for s, t in entries]
        if alive(d.amount_final_at) and d.amount_final != d.amount_initial:
            steps = [(t, s, d.amount_final if t >= d.amount_final_at else a) for t, s, a in steps]
            if d.amount_final_at not in {t for t, _, _ in steps}:
                s_at = max((s for s, t in entries if t <= d.amount_final_at), default=0)
                steps.append((d.amount_final_at, s_at, d.amount_final))
        for t, s, a in sorted(steps):
            hist_serial += 1
            st = cat.STAGES[s]
            hist_rows.append(
                {
                    "id": sf_id("008", hist_serial),
                    "opportunity_id": opp_id[d.key],
                    "created_by_id": user_id[d.owner],
                    "created_date": t,
                    "stage_name": st.salesforce_name,
                    "amount": a,
                    "currency_iso_code": d.currency,
                    "expected_revenue": a * st.probability,
                    "close_date": _date(t if st.is_closed else d.close_planned),
                    "probability": st.probability * 100,
                    "forecast_category": st.forecast_category,
                    "is_deleted": deleted,
                    "system_modstamp": t,
                    "_fivetran_synced": sync_time(t, cutoff),
                }
            )
        for k, role in zip(d.contacts, d.roles, strict=True):
            if k not in contact_id:
                continue
            ocr_serial += 1
            at = max(d.created_at, contact_at[k])
            if not alive(at):
                continue
            ocr_rows.append(
                {
                    "id": sf_id("00K", ocr_serial),
                    "opportunity_id": opp_id[d.key],
                    "contact_id": contact_id[k],
                    "role": role,
                    "is_primary": k == d.primary,
                    "created_date": at,
                    "created_by_id": user_id[d.owner],
                    "last_modified_date": at,
                    "is_deleted": deleted,
                    "_fivetran_synced": sync_time(at, cutoff),
                }
            )
    campaign_rows, member_rows = [], []
    for ci, oc in enumerate(cat.OFFLINE_CAMPAIGNS):
        created = (oc.day - EPOCH).days * DAY_US - 45 * DAY_US
        if not alive(created):
            continue
        done = alive((oc.day - EPOCH).days * DAY_US + DAY_US)
        campaign_rows.append(
            {
                "id": campaign_id[ci],
                "name": oc.name,
                "type": oc.kind,
                "status": "Completed" if done else "Planned",
                "start_date": oc.day,
                "end_date": oc.day,
                "is_active": not done,
                "is_deleted": False,
                "parent_id": None,
                "budgeted_cost": 15_000.0 if oc.kind == "Conference" else 2_000.0,
                "actual_cost": (15_000.0 if oc.kind == "Conference" else 1_800.0) if done else None,
                "created_date": created,
                "owner_id": user_id[0],
                "_fivetran_synced": sync_time(created, cutoff),
            }
        )
    serial = 0
    for p in people:
        for ci, at, attended in p.offline:
            if not alive(at) or p.key not in lead_id:
                continue
            serial += 1
            event_end = (cat.OFFLINE_CAMPAIGNS[ci].day - EPOCH).days * DAY_US + DAY_US
            responded = attended and alive(max(at, event_end))
            converted = alive(p.sql_at) and p.key in contact_id
            member_rows.append(
                {
                    "id": sf_id("00v", serial),
                    "campaign_id": campaign_id[ci],
                    "lead_id": lead_id[p.key],
                    "contact_id": contact_id[p.key] if converted else None,
                    "lead_or_contact_id": contact_id[p.key] if converted else lead_id[p.key],
                    "type": "Contact" if converted else "Lead",
                    "status": "Attended" if responded else "Registered",
                    "has_responded": responded,
                    "first_responded_date": _date(min(max(at, event_end - DAY_US), cutoff - 1))
                    if responded
                    else None,
                    "created_date": at,
                    "is_deleted": False,
                    "_fivetran_synced": sync_time(at, cutoff),
                }
            )
    user_rows = [
        {
            "id": user_id[i],
            "username": f"{f.lower()}.{la.lower()}@acme-analytics.com",
            "email": f"{f.lower()}.{la.lower()}@acme-analytics.com",
            "first_name": f,
            "last_name": la,
            "name": f"{f} {la}",
            "alias": (f[0] + la[:4]).lower(),
            "title": "Account Executive",
            "department": "Sales",
            "is_active": True,
            "user_type": "Standard",
            "_fivetran_deleted": False,
            "_fivetran_synced": 1_704_067_200_000_000,
            "_fivetran_active": True,
        }
        for (_, i, f, la) in users
    ] + [
        {
            "id": integration_user,
            "username": "hubspot.integration@acme-analytics.com",
            "email": "marketing-ops@acme-analytics.com",
            "first_name": "Marketing",
            "last_name": "Integration",
            "name": "Marketing Integration",
            "alias": "mktint",
            "title": "Integration User",
            "department": "Marketing",
            "is_active": True,
            "user_type": "Standard",
            "_fivetran_deleted": False,
            "_fivetran_synced": 1_704_067_200_000_000,
            "_fivetran_active": True,
        }
    ]
    S, B, F, D = pa.string(), pa.bool_(), pa.float64(), pa.date32()
    tables = {
        "lead": _table(
            lead_rows,
            [
                ("id", S),
                ("is_deleted", B),
                ("master_record_id", S),
                ("first_name", S),
                ("last_name", S),
                ("name", S),
                ("title", S),
                ("company", S),
                ("email", S),
                ("country", S),
                ("lead_source", S),
                ("status", S),
                ("owner_id", S),
                ("is_converted", B),
                ("converted_date", D),
                ("converted_account_id", S),
                ("converted_contact_id", S),
                ("converted_opportunity_id", S),
                ("created_date", TS),
                ("created_by_id", S),
                ("last_modified_date", TS),
                ("system_modstamp", TS),
                ("gclid_c", S),
                ("fbclid_c", S),
                ("ga_client_id_c", S),
                ("mql_date_c", TS),
                ("utm_source_c", S),
                ("utm_medium_c", S),
                ("utm_campaign_c", S),
                ("utm_term_c", S),
                ("utm_content_c", S),
                ("_fivetran_synced", TS),
                ("_fivetran_active", B),
            ],
        ),
        "contact": _table(
            contact_rows,
            [
                ("id", S),
                ("account_id", S),
                ("is_deleted", B),
                ("master_record_id", S),
                ("first_name", S),
                ("last_name", S),
                ("name", S),
                ("title", S),
                ("email", S),
                ("mailing_country", S),
                ("lead_source", S),
                ("owner_id", S),
                ("created_date", TS),
                ("created_by_id", S),
                ("last_modified_date", TS),
                ("gclid_c", S),
                ("ga_client_id_c", S),
                ("mql_date_c", TS),
                ("_fivetran_synced", TS),
                ("_fivetran_active", B),
            ],
        ),
        "account": _table(
            account_rows,
            [
                ("id", S),
                ("name", S),
                ("type", S),
                ("industry", S),
                ("billing_city", S),
                ("billing_country", S),
                ("billing_country_code", S),
                ("number_of_employees", pa.int64()),
                ("annual_revenue", F),
                ("website", S),
                ("account_source", S),
                ("owner_id", S),
                ("created_date", TS),
                ("is_deleted", B),
                ("master_record_id", S),
                ("_fivetran_synced", TS),
                ("_fivetran_active", B),
            ],
        ),
        "opportunity": _table(
            opp_rows,
            [
                ("id", S),
                ("account_id", S),
                ("is_deleted", B),
                ("name", S),
                ("amount", F),
                ("currency_iso_code", S),
                ("stage_name", S),
                ("probability", F),
                ("expected_revenue", F),
                ("close_date", D),
                ("is_closed", B),
                ("is_won", B),
                ("created_date", TS),
                ("created_by_id", S),
                ("last_modified_date", TS),
                ("type", S),
                ("lead_source", S),
                ("campaign_id", S),
                ("owner_id", S),
                ("forecast_category", S),
                ("forecast_category_name", S),
                ("fiscal_year", pa.int64()),
                ("fiscal_quarter", pa.int64()),
                ("has_opportunity_line_item", B),
                ("_fivetran_synced", TS),
                ("_fivetran_active", B),
            ],
        ),
        "opportunity_history": _table(
            hist_rows,
            [
                ("id", S),
                ("opportunity_id", S),
                ("created_by_id", S),
                ("created_date", TS),
                ("stage_name", S),
                ("amount", F),
                ("currency_iso_code", S),
                ("expected_revenue", F),
                ("close_date", D),
                ("probability", F),
                ("forecast_category", S),
                ("is_deleted", B),
                ("system_modstamp", TS),
                ("_fivetran_synced", TS),
            ],
        ),
        "opportunity_contact_role": _table(
            ocr_rows,
            [
                ("id", S),
                ("opportunity_id", S),
                ("contact_id", S),
                ("role", S),
                ("is_primary", B),
                ("created_date", TS),
                ("created_by_id", S),
                ("last_modified_date", TS),
                ("is_deleted", B),
                ("_fivetran_synced", TS),
            ],
        ),
        "campaign": _table(
            campaign_rows,
            [
                ("id", S),
                ("name", S),
                ("type", S),
                ("status", S),
                ("start_date", D),
                ("end_date", D),
                ("is_active", B),
                ("is_deleted", B),
                ("parent_id", S),
                ("budgeted_cost", F),
                ("actual_cost", F),
                ("created_date", TS),
                ("owner_id", S),
                ("_fivetran_synced", TS),
            ],
        ),
        "campaign_member": _table(
            member_rows,
            [
                ("id", S),
                ("campaign_id", S),
                ("lead_id", S),
                ("contact_id", S),
                ("lead_or_contact_id", S),
                ("type", S),
                ("status", S),
                ("has_responded", B),
                ("first_responded_date", D),
                ("created_date", TS),
                ("is_deleted", B),
                ("_fivetran_synced", TS),
            ],
        ),
        "user": _table(
            user_rows,
            [
                ("id", S),
                ("username", S),
                ("email", S),
                ("first_name", S),
                ("last_name", S),
                ("name", S),
                ("alias", S),
                ("title", S),
                ("department", S),
                ("is_active", B),
                ("user_type", S),
                ("_fivetran_deleted", B),
                ("_fivetran_synced", TS),
                ("_fivetran_active", B),
            ],
        ),
    }

    return tables, {"lead": lead_id, "contact": contact_id, "opportunity": opp_id}


def _primary_campaign(primary: Person | None, d: Deal) -> int | None:
    """The offline campaign the primary contact attended last before the deal (if any)."""
    if primary is None:
        return None
    touched = [(at, ci) for ci, at, attended in primary.offline if attended and at < d.created_at]
    return max(touched)[1] if touched else None
