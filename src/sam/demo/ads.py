"""Ad platform tables (Fivetran schemas) whose spend comes from the paid sessions generated:
clicks = sessions x (1.04..1.14) (clicks that never became a GA4 session), spend = clicks x the
campaign's CPC with daily noise, impressions = clicks / CTR. Spend is in each account's currency.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from collections import defaultdict
from typing import Any

import numpy as np
import pyarrow as pa

from sam.demo import catalog as cat
from sam.demo.frame import Frame
from sam.demo.fx import Fx
from sam.demo.hubspot import TS, _table
from sam.demo.journeys import DAY_US, HOUR_US
from sam.demo.rand import normal, uniform
from sam.demo.traffic import Variant

EPOCH = dt.date(1970, 1, 1)
S, INT, F, B, D = pa.string(), pa.int64(), pa.float64(), pa.bool_(), pa.date32()


def _us(day: dt.date, hours: float = 0.0) -> int:
    return (day - EPOCH).days * DAY_US + int(hours * HOUR_US)


def _versions(c: cat.Campaign, cutoff: int) -> list[tuple[int, str]]:
    """(updated_at, status) versions of a campaign's history that exist by --as-of."""
    v = [
        (_us(c.start - dt.timedelta(days=3), 10.5), "PAUSED"),
        (_us(c.start, 8.25), "ENABLED"),
        (_us(c.start + dt.timedelta(days=41), 14.1), "ENABLED"),
    ]
    if c.end is not None:
        v.append((_us(c.end + dt.timedelta(days=1), 9.0), "PAUSED"))
    return [x for x in v if x[0] < cutoff]


def daily_rows(
    seed: int, clicks: Frame, variants: list[Variant], start: dt.date, as_of: dt.date
) -> list[dict[str, Any]]:
    """One row per day x campaign x ad x device: sessions, clicks, impressions, spend."""
    devices = sorted({d.google_ads_device for d in cat.DEVICES})
    dev_of = np.array([devices.index(d.google_ads_device) for d in cat.DEVICES])
    n_days = (as_of - start).days + 1
    d0 = (start - EPOCH).days
    max_ads = max(len(c.ads) for c in cat.CAMPAIGNS)
    grid = np.zeros((len(cat.CAMPAIGNS), max_ads, len(devices), n_days), dtype=np.int64)
    camp_of = np.array(
        [cat.CAMPAIGNS.index(v.campaign_obj) if v.campaign_obj else -1 for v in variants]
    )
    ad_of = np.array(
        [v.campaign_obj.ads.index(v.ad) if v.campaign_obj and v.ad else -1 for v in variants]
    )
    if len(clicks):
        var = clicks["variant"]
        np.add.at(
            grid,
            (camp_of[var], ad_of[var], dev_of[clicks["device"]], clicks["day"] - d0),
            clicks["sessions"],
        )
    rows = []
    lo, hi = cat.CLICKS_PER_SESSION
    for ci, c in enumerate(cat.CAMPAIGNS):
        first = max(c.start, start)
        last = min(c.end or as_of, as_of)
        if last < first:
            continue
        dn = np.arange((first - EPOCH).days, (last - EPOCH).days + 1)
        cpc = c.cpc * np.exp(cat.CPC_NOISE * normal(seed, "cpc", ci, dn))
        for ai in range(len(c.ads)):
            for di, dev_name in enumerate(devices):
                n = grid[ci, ai, di, dn - d0]
                ratio = lo + (hi - lo) * uniform(seed, "clicks", ci, ai, di, dn)
                stray = (uniform(seed, "stray", ci, ai, di, dn) < 0.15).astype(np.int64)
                n_clicks = np.where(n > 0, np.ceil(n * ratio).astype(np.int64), stray)
                ctr = c.ctr * np.exp(0.2 * normal(seed, "ctr", ci, ai, di, dn))
                imp = (
                    np.maximum(n_clicks, 1)
                    / ctr
                    * (0.6 + 0.8 * uniform(seed, "imp", ci, ai, di, dn))
                ).astype(np.int64)
                spend = np.round(n_clicks * cpc, 2)
                for k in range(len(dn)):
                    rows.append(
                        {
                            "day": EPOCH + dt.timedelta(days=int(dn[k])),
                            "campaign": ci,
                            "ad": ai,
                            "device": dev_name,
                            "sessions": int(n[k]),
                            "clicks": int(n_clicks[k]),
                            "impressions": int(imp[k]),
                            "spend": float(spend[k]),
                        }
                    )
    return rows


def render(
    seed: int, clicks: Frame, variants: list[Variant], start: dt.date, as_of: dt.date, fx: Fx
) -> dict[str, dict[str, pa.Table]]:
    cutoff = _us(as_of + dt.timedelta(days=1))
    rows = daily_rows(seed, clicks, variants, start, as_of)
    synced = cutoff - 2 * HOUR_US
    out: dict[str, dict[str, pa.Table]] = {}
    by_platform: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by_platform[cat.CAMPAIGNS[r["campaign"]].platform].append(r)
    # ---- Google Ads ----------------------------------------------------------------------------
    g = cat.ACCOUNTS["google_ads"]
    stats = []
    for r in by_platform["google_ads"]:
        c = cat.CAMPAIGNS[r["campaign"]]
        key = f"{r['day']}|{c.campaign_id}|{r['device']}".encode()
        conv = round(r["clicks"] * cat.CHANNEL_BY_KEY[c.channel].lead_rate * 1.3, 2)
        stats.append(
            {
                "_fivetran_id": base64.b64encode(hashlib.sha1(key).digest()).decode(),
                "customer_id": g.account_id,
                "date": r["day"],
                "_fivetran_synced": synced,
                "active_view_impressions": r["impressions"] if c.kind == "DISPLAY" else 0,
                "active_view_measurability": 1.0 if c.kind == "DISPLAY" else 0.0,
                "active_view_measurable_cost_micros": int(round(r["spend"] * 1e6))
                if c.kind == "DISPLAY"
                else 0,
                "active_view_measurable_impressions": r["impressions"]
                if c.kind == "DISPLAY"
                else 0,
                "active_view_viewability": 0.62 if c.kind == "DISPLAY" else 0.0,
                "ad_network_type": "SEARCH" if c.kind == "SEARCH" else "CONTENT",
                "base_campaign": f"customers/{g.account_id}/campaigns/{c.campaign_id}",
                "clicks": r["clicks"],
                "conversions": conv,
                "conversions_value": conv * 100.0,
                "cost_micros": int(round(r["spend"] * 1e6)),
                "device": r["device"],
                "id": c.campaign_id,
                "impressions": r["impressions"],
                "interaction_event_types": "[CLICK]",
                "interactions": r["clicks"],
                "view_through_conversions": 0,
            }
        )
    gcamp = []
    for c in (c for c in cat.CAMPAIGNS if c.platform == "google_ads"):
        for at, status in _versions(c, cutoff):
            gcamp.append(
                {
                    "id": c.campaign_id,
                    "updated_at": at,
                    "name": c.name,
                    "customer_id": g.account_id,
                    "advertising_channel_type": c.kind,
                    "advertising_channel_subtype": "UNSPECIFIED",
                    "start_date": c.start.isoformat(),
                    "end_date": (c.end or dt.date(2037, 12, 30)).isoformat(),
                    "serving_status": "ENDED" if status == "PAUSED" and c.end else "SERVING",
                    "status": status,
                    "tracking_url_template": "{lpurl}?utm_source=google&utm_medium="
                    + ("cpc" if c.kind == "SEARCH" else "display")
                    + "&utm_campaign={_campaign}",
                }
            )
    gacct = [
        {
            "id": g.account_id,
            "updated_at": at,
            "_fivetran_synced": synced,
            "auto_tagging_enabled": True,
            "currency_code": g.currency,
            "descriptive_name": g.name,
            "final_url_suffix": None,
            "hidden": False,
            "manager": False,
            "manager_customer_id": 9_182_736_450,
            "optimization_score": score,
            "pay_per_conversion_eligibility_failure_reasons": "[]",
            "test_account": False,
            "time_zone": g.time_zone,
            "tracking_url_template": None,
        }
        for at, score in (
            (_us(dt.date(2023, 11, 2), 9), 0.71),
            (_us(dt.date(2024, 3, 4), 16), 0.84),
        )
    ]
    out["google_ads"] = {
        "campaign_stats": _table(
            stats,
            [
                ("_fivetran_id", S),
                ("customer_id", INT),
                ("date", D),
                ("_fivetran_synced", TS),
                ("active_view_impressions", INT),
                ("active_view_measurability", F),
                ("active_view_measurable_cost_micros", INT),
                ("active_view_measurable_impressions", INT),
                ("active_view_viewability", F),
                ("ad_network_type", S),
                ("base_campaign", S),
                ("clicks", INT),
                ("conversions", F),
                ("conversions_value", F),
                ("cost_micros", INT),
                ("device", S),
                ("id", INT),
                ("impressions", INT),
                ("interaction_event_types", S),
                ("interactions", INT),
                ("view_through_conversions", INT),
            ],
        ),
        "campaign_history": _table(
            gcamp,
            [
                ("id", INT),
                ("updated_at", TS),
                ("name", S),
                ("customer_id", INT),
                ("advertising_channel_type", S),
                ("advertising_channel_subtype", S),
                ("start_date", S),
                ("end_date", S),
                ("serving_status", S),
                ("status", S),
                ("tracking_url_template", S),
            ],
        ),
        "account_history": _table(
            gacct,
            [
                ("id", INT),
                ("updated_at", TS),
                ("_fivetran_synced", TS),
                ("auto_tagging_enabled", B),
                ("currency_code", S),
                ("descriptive_name", S),
                ("final_url_suffix", S),
                ("hidden", B),
                ("manager", B),
                ("manager_customer_id", INT),
                ("optimization_score", F),
                ("pay_per_conversion_eligibility_failure_reasons", S),
                ("test_account", B),
                ("time_zone", S),
                ("tracking_url_template", S),
            ],
        ),
    }
    # ---- Facebook Ads ----------------------------------------------------------------------------
    fb = cat.ACCOUNTS["facebook_ads"]
    basic: dict[tuple[int, dt.date], dict[str, Any]] = {}
    for r in by_platform["facebook_ads"]:
        ad = cat.CAMPAIGNS[r["campaign"]].ads[r["ad"]]
        row = basic.setdefault(
            (ad.ad_id, r["day"]),
            {
                "ad_id": ad.ad_id,
                "date": r["day"],
                "account_id": fb.account_id,
                "impressions": 0,
                "inline_link_clicks": 0,
                "spend": 0.0,
                "reach": 0,
            },
        )
        row["impressions"] += r["impressions"]
        row["inline_link_clicks"] += r["clicks"]
        row["spend"] = round(row["spend"] + r["spend"], 2)
        row["reach"] = int(row["impressions"] * 0.78)
    fb_camps = [c for c in cat.CAMPAIGNS if c.platform == "facebook_ads"]
    fcamp, fset, fad = [], [], []
    for c in fb_camps:
        for at, status in _versions(c, cutoff):
            fcamp.append(
                {
                    "id": c.campaign_id,
                    "account_id": fb.account_id,
                    "name": c.name,
                    "_fivetran_synced": min(at + HOUR_US, synced),
                    "updated_time": at,
                    "status": "ACTIVE" if status == "ENABLED" else "PAUSED",
                    "objective": c.kind,
                    "start_time": _us(c.start),
                    "stop_time": _us(c.end) if c.end else None,
                }
            )
            fset.append(
                {
                    "id": c.ad_group_id,
                    "account_id": fb.account_id,
                    "campaign_id": c.campaign_id,
                    "name": c.ad_group_name,
                    "_fivetran_synced": min(at + HOUR_US, synced),
                    "updated_time": at,
                }
            )
            for ad in c.ads:
                fad.append(
                    {
                        "id": ad.ad_id,
                        "account_id": fb.account_id,
                        "ad_set_id": c.ad_group_id,
                        "campaign_id": c.campaign_id,
                        "creative_id": ad.ad_id + 7_000,
                        "name": ad.name,
                        "_fivetran_synced": min(at + HOUR_US, synced),
                        "updated_time": at,
                    }
                )
    out["facebook_ads"] = {
        "basic_ad": _table(
            sorted(basic.values(), key=lambda x: (x["date"], x["ad_id"])),
            [
                ("ad_id", INT),
                ("date", D),
                ("account_id", INT),
                ("impressions", INT),
                ("inline_link_clicks", INT),
                ("spend", F),
                ("reach", INT),
            ],
        ),
        "ad_history": _table(
            fad,
            [
                ("id", INT),
                ("account_id", INT),
                ("ad_set_id", INT),
                ("campaign_id", INT),
                ("creative_id", INT),
                ("name", S),
                ("_fivetran_synced", TS),
                ("updated_time", TS),
            ],
        ),
        "ad_set_history": _table(
            fset,
            [
                ("id", INT),
                ("account_id", INT),
                ("campaign_id", INT),
                ("name", S),
                ("_fivetran_synced", TS),
                ("updated_time", TS),
            ],
        ),
        "campaign_history": _table(
            fcamp,
            [
                ("id", INT),
                ("account_id", INT),
                ("name", S),
                ("_fivetran_synced", TS),
                ("updated_time", TS),
                ("status", S),
                ("objective", S),
                ("start_time", TS),
                ("stop_time", TS),
            ],
        ),
        "account_history": _table(
            [
                {
                    "id": fb.account_id,
                    "name": fb.name,
                    "_fivetran_synced": at,
                    "currency": fb.currency,
                    "timezone_name": fb.time_zone,
                    "account_status": "ACTIVE",
                }
                for at in (_us(dt.date(2024, 2, 1), 6), _us(dt.date(2024, 5, 20), 6))
            ],
            [
                ("id", INT),
                ("name", S),
                ("_fivetran_synced", TS),
                ("currency", S),
                ("timezone_name", S),
                ("account_status", S),
            ],
        ),
    }
    # ---- LinkedIn Ads ----------------------------------------------------------------------------
    li = cat.ACCOUNTS["linkedin_ads"]
    li_rows: dict[tuple[int, dt.date], dict[str, Any]] = {}
    for r in by_platform["linkedin_ads"]:
        c = cat.CAMPAIGNS[r["campaign"]]
        row = li_rows.setdefault(
            (c.campaign_id, r["day"]),
            {
                "campaign_id": c.campaign_id,
                "day": _us(r["day"]),
                "_fivetran_synced": synced,
                "clicks": 0,
                "impressions": 0,
                "cost_in_local_currency": 0.0,
                "cost_in_usd": 0.0,
                "landing_page_clicks": 0,
                "external_website_conversions": 0,
                "one_click_leads": 0,
            },
        )
        row["clicks"] += r["clicks"]
        row["landing_page_clicks"] += r["clicks"]
        row["impressions"] += r["impressions"]
        row["cost_in_local_currency"] = round(row["cost_in_local_currency"] + r["spend"], 2)
        row["cost_in_usd"] = round(
            row["cost_in_local_currency"] * fx.rate(li.currency, r["day"]), 2
        )
    lcamp = []
    for c in (c for c in cat.CAMPAIGNS if c.platform == "linkedin_ads"):
        for k, (at, status) in enumerate(_versions(c, cutoff)):
            lcamp.append(
                {
                    "id": c.campaign_id,
                    "last_modified_time": at,
                    "account_id": li.account_id,
                    "campaign_group_id": c.group_id,
                    "created_time": _versions(c, cutoff + 10**15)[0][0],
                    "name": c.name,
                    "version_tag": str(k + 1),
                    "status": "ACTIVE" if status == "ENABLED" else "PAUSED",
                    "type": "SPONSORED_UPDATES",
                    "cost_type": "CPC",
                    "objective_type": c.kind,
                }
            )
    lgroups = [
        {
            "id": gid,
            "last_modified_time": _us(dt.date(2024, 3, 28), 11),
            "account_id": li.account_id,
            "created_time": _us(dt.date(2024, 3, 28), 11),
            "name": name,
            "status": "ACTIVE",
        }
        for gid, name in cat.LINKEDIN_GROUPS.items()
    ]
    out["linkedin_ads"] = {
        "ad_analytics_by_campaign": _table(
            sorted(li_rows.values(), key=lambda x: (x["day"], x["campaign_id"])),
            [
                ("campaign_id", INT),
                ("day", TS),
                ("_fivetran_synced", TS),
                ("clicks", INT),
                ("impressions", INT),
                ("cost_in_local_currency", F),
                ("cost_in_usd", F),
                ("landing_page_clicks", INT),
                ("external_website_conversions", INT),
                ("one_click_leads", INT),
            ],
        ),
        "campaign_history": _table(
            lcamp,
            [
                ("id", INT),
                ("last_modified_time", TS),
                ("account_id", INT),
                ("campaign_group_id", INT),
                ("created_time", TS),
                ("name", S),
                ("version_tag", S),
                ("status", S),
                ("type", S),
                ("cost_type", S),
                ("objective_type", S),
            ],
        ),
        "campaign_group_history": _table(
            lgroups,
            [
                ("id", INT),
                ("last_modified_time", TS),
                ("account_id", INT),
                ("created_time", TS),
                ("name", S),
                ("status", S),
            ],
        ),
        "account_history": _table(
            [
                {
                    "id": li.account_id,
                    "last_modified_time": at,
                    "created_time": _us(dt.date(2021, 5, 3), 9),
                    "name": li.name,
                    "currency": li.currency,
                    "version_tag": str(v),
                }
                for v, at in ((7, _us(dt.date(2023, 9, 1), 9)), (8, _us(dt.date(2024, 3, 28), 10)))
            ],
            [
                ("id", INT),
                ("last_modified_time", TS),
                ("created_time", TS),
                ("name", S),
                ("currency", S),
                ("version_tag", S),
            ],
        ),
    }
    # ---- Microsoft Ads ------------------------------------------------------------------------
    ms = cat.ACCOUNTS["microsoft_ads"]
    ms_device = {d.google_ads_device: d.microsoft_device for d in cat.DEVICES}
    report = []
    for r in by_platform["microsoft_ads"]:
        c = cat.CAMPAIGNS[r["campaign"]]
        conv = int(round(r["clicks"] * cat.CHANNEL_BY_KEY[c.channel].lead_rate * 1.2))
        report.append(
            {
                "date": r["day"],
                "account_id": ms.account_id,
                "campaign_id": c.campaign_id,
                "currency_code": ms.currency,
                "device_os": "Unknown",
                "device_type": ms_device[r["device"]],
                "network": "Bing and Yahoo! search",
                "ad_distribution": "Search",
                "bid_match_type": "Broad",
                "delivered_match_type": "Phrase",
                "top_vs_other": "Bing and Yahoo! search - Top",
                "budget_association_status": "Current",
                "budget_name": "general budget",
                "clicks": r["clicks"],
                "impressions": r["impressions"],
                "spend": r["spend"],
                "conversions_qualified": float(conv),
                "conversions": conv,
                "revenue": conv * 100.0,
                "all_conversions_qualified": float(conv),
                "all_conversions": conv,
                "all_revenue": conv * 100.0,
            }
        )
    mcamp = [
        {
            "id": c.campaign_id,
            "name": c.name,
            "account_id": ms.account_id,
            "modified_time": at,
            "type": "Search",
            "time_zone": ms.time_zone,
            "status": "Active" if s == "ENABLED" else "Paused",
        }
        for c in cat.CAMPAIGNS
        if c.platform == "microsoft_ads"
        for at, s in _versions(c, cutoff)
    ]
    out["microsoft_ads"] = {
        "campaign_performance_daily_report": _table(
            report,
            [
                ("date", D),
                ("account_id", INT),
                ("campaign_id", INT),
                ("currency_code", S),
                ("device_os", S),
                ("device_type", S),
                ("network", S),
                ("ad_distribution", S),
                ("bid_match_type", S),
                ("delivered_match_type", S),
                ("top_vs_other", S),
                ("budget_association_status", S),
                ("budget_name", S),
                ("clicks", INT),
                ("impressions", INT),
                ("spend", F),
                ("conversions_qualified", F),
                ("conversions", INT),
                ("revenue", F),
                ("all_conversions_qualified", F),
                ("all_conversions", INT),
                ("all_revenue", F),
            ],
        ),
        "campaign_history": _table(
            mcamp,
            [
                ("id", INT),
                ("name", S),
                ("account_id", INT),
                ("modified_time", TS),
                ("type", S),
                ("time_zone", S),
                ("status", S),
            ],
        ),
        "account_history": _table(
            [
                {
                    "id": ms.account_id,
                    "name": ms.name,
                    "last_modified_time": at,
                    "time_zone": ms.time_zone,
                    "currency_code": ms.currency,
                }
                for at in (_us(dt.date(2023, 10, 9), 7), _us(dt.date(2024, 1, 8), 7))
            ],
            [
                ("id", INT),
                ("name", S),
                ("last_modified_time", TS),
                ("time_zone", S),
                ("currency_code", S),
            ],
        ),
    }
    return out
