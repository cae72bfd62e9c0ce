"""What each CRM recorded as a person's source when the record was created.

One decision per person, rendered by both CRMs, so HubSpot and Salesforce tell the same story:

- HubSpot: `property_hs_analytics_source` (its original-source enum) with the drill-downs
  `property_hs_analytics_source_data_1` / `_data_2`, from HubSpot's own tracking of the first
  visit — so it sees what the trackers see (GA4's own mistakes included: an untagged LinkedIn ad
  looks like linkedin.com, a Google Ads click keeps its campaign through the Ads integration).
- Salesforce: `lead_source` (a picklist value) and first-touch UTM hidden fields (`utm_*_c`,
  filled only when the first landing URL carried UTMs).

Not a copy of the ground truth: HubSpot's script is blocked for some visitors (ad blockers, the
form then reaches the CRM through an integration without a cookie: OFFLINE / INTEGRATION;
Salesforce: lead source `Web` and no UTMs — source unknown), and some web leads reach the CRM
first through a list import (OFFLINE / IMPORT; Salesforce `List Import`).
"""

from __future__ import annotations

from dataclasses import dataclass

from sam.demo import catalog as cat
from sam.demo.traffic import Variant

TRACKING_BLOCKED_SHARE = 0.06  # of web leads: the tracking script was blocked
LIST_IMPORT_SHARE = 0.02  # of web leads: created by a list import before the form synced

NO_UTM: tuple[str | None, str | None, str | None, str | None, str | None] = (None,) * 5


@dataclass(frozen=True)
class RecordedSource:
    kind: str  # tracked / blocked / list_import / booth_scan / sales / duplicate (ground truth)
    hubspot: tuple[str, str | None, str | None]  # hs_analytics_source, data_1, data_2
    lead_source: str | None  # Salesforce lead_source
    utm: tuple[str | None, str | None, str | None, str | None, str | None] = NO_UTM


BLOCKED = RecordedSource("blocked", ("OFFLINE", "INTEGRATION", None), "Web")
LIST_IMPORT = RecordedSource("list_import", ("OFFLINE", "IMPORT", None), "List Import")
BOOTH_SCAN = RecordedSource("booth_scan", ("OFFLINE", "IMPORT", None), "Trade Show")
SALES_ADDED = RecordedSource("sales", ("OFFLINE", "CRM_UI", None), "Sales Generated")
DUPLICATE = RecordedSource("duplicate", ("OFFLINE", "IMPORT", None), "List Import")


SOCIAL_NETWORKS = {
    "linkedin.com": "LinkedIn",
    "t.co": "Twitter",
    "reddit.com": "Reddit",
    "l.facebook.com": "Facebook",
    "news.ycombinator.com": "Hacker News",
}


def _network(source: str | None) -> str | None:
    return None if source is None else SOCIAL_NETWORKS.get(source, source)


def web_source(v: Variant, draw: float) -> RecordedSource:
    """The source recorded for a web lead whose first visit was ``v`` (``draw``: uniform 0-1)."""
    if draw < TRACKING_BLOCKED_SHARE:
        return BLOCKED
    if draw < TRACKING_BLOCKED_SHARE + LIST_IMPORT_SHARE:
        return LIST_IMPORT
    utm = (v.source, v.medium, v.campaign, v.term, v.content) if v.query else NO_UTM
    group = v.ga4_channel
    camp = v.campaign_obj.name if v.campaign_obj else v.campaign
    engine = "bing" if v.campaign_obj and v.campaign_obj.platform == "microsoft_ads" else "google"
    if group == "Paid Search":
        return RecordedSource("tracked", ("PAID_SEARCH", engine, camp), "Paid Search", utm)
    if group == "Display":
        return RecordedSource("tracked", ("OTHER_CAMPAIGNS", camp, "google"), "Display", utm)
    if group == "Paid Social":
        network = "LinkedIn" if v.platform == "linkedin_ads" else "Facebook"
        return RecordedSource("tracked", ("PAID_SOCIAL", network, camp), "Paid Social", utm)
    if group == "Organic Search":
        return RecordedSource("tracked", ("ORGANIC_SEARCH", v.source, None), "Organic Search", utm)
    if group == "Organic Social":
        return RecordedSource("tracked", ("SOCIAL_MEDIA", _network(v.source), None), "Social", utm)
    if group == "Email":
        return RecordedSource("tracked", ("EMAIL_MARKETING", v.campaign, None), "Email", utm)
    if group == "Referral":
        return RecordedSource("tracked", ("REFERRALS", v.source, None), "Partner Referral", utm)
    return RecordedSource("tracked", ("DIRECT_TRAFFIC", None, None), "Direct", utm)


def offline_source(channel: str) -> RecordedSource:
    """Booth scans (offline leads) and the other non-web records."""
    assert channel == cat.OFFLINE_CHANNEL
    return BOOTH_SCAN
