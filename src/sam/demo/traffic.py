"""Traffic variants: the concrete ways a session arrives (UTMs as written, click id, referrer),
and what GA4 makes of each (event params, traffic_source, session_traffic_source_last_click).

Built once per run from the catalog. The index of a variant is stable across --as-of values:
monthly newsletter variants are appended last, in month order from --start.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import quote

from sam.demo import catalog as cat
from sam.ga4.channels import default_channel_group


@dataclass(frozen=True)
class Variant:
    channel: str  # Channel.key: the TRUE channel (what generated the visit)
    source: str | None  # event params source / medium / campaign / term / content
    medium: str | None
    campaign: str | None
    term: str | None
    content: str | None
    query: str  # "?utm_source=..." or ""
    click: str | None  # gclid / msclkid / fbclid / li_fat_id / hsenc
    referrers: tuple[str, ...]
    landings: tuple[int, ...]  # page indexes
    weight: float
    ga4_channel: str  # GA4's own answer (last-click default_channel_group)
    ts: tuple[str, str, str]  # traffic_source (source, medium, name) if this acquires a user
    manual: (
        tuple[str | None, ...] | None
    )  # last click manual_campaign (id, name, src, med, term, content)
    cross: tuple[
        str | None, ...
    ]  # last click cross_channel_campaign (id, name, src, med, platform)
    gads: tuple[str | None, ...] | None  # last click google_ads_campaign
    campaign_obj: cat.Campaign | None = None
    ad: cat.Ad | None = None
    gclid_organic: bool = False
    mixed_case: bool = False
    spam: bool = False
    untagged: bool = False
    active_from: dt.date = dt.date.min
    active_to: dt.date = dt.date.max
    month: dt.date | None = None  # newsletter month

    @property
    def is_direct(self) -> bool:
        return self.channel == "direct"

    @property
    def platform(self) -> str | None:
        return self.campaign_obj.platform if self.campaign_obj else None


_CLICK_BY_PLATFORM = {
    "google_ads": "gclid",
    "microsoft_ads": "msclkid",
    "facebook_ads": "fbclid",
    "linkedin_ads": "li_fat_id",
}


def _utm_query(pairs: list[tuple[str, str | None]]) -> str:
    parts = [f"{k}={quote(v, safe='')}" for k, v in pairs if v]
    return "?" + "&".join(parts) if parts else ""


def _paid_variants() -> list[Variant]:
    out: list[Variant] = []
    for camp in cat.CAMPAIGNS:
        acct = cat.ACCOUNTS[camp.platform]
        landings = tuple(cat.PAGE_INDEX[p] for p in camp.landing)
        true_group = cat.CHANNEL_BY_KEY[camp.channel].ga4_channel
        gads: tuple[str | None, ...] | None = None
        if camp.platform == "google_ads":
            gads = (
                str(acct.account_id),
                acct.name,
                str(camp.campaign_id),
                camp.name,
                str(camp.ad_group_id),
                camp.ad_group_name,
            )
        total = sum(a.weight for a in camp.ads)
        for ad in camp.ads:
            share = camp.weight * ad.weight / total
            utm_campaign = ad.utm_campaign or camp.name
            referrers = {
                "google_ads": ("https://www.google.com/",)
                if camp.kind == "SEARCH"
                else cat.DISPLAY_PUBLISHERS,
                "microsoft_ads": ("https://www.bing.com/",),
                "facebook_ads": ("https://l.facebook.com/", "https://m.facebook.com/"),
                "linkedin_ads": ("https://www.linkedin.com/",),
            }[camp.platform]
            active_to = camp.end or dt.date.max
            if ad.untagged:
                out.append(
                    Variant(
                        camp.channel,
                        ad.utm_source,
                        ad.utm_medium,
                        "(referral)",
                        None,
                        None,
                        "",
                        None,
                        referrers,
                        landings,
                        share,
                        default_channel_group(ad.utm_source, ad.utm_medium, None),
                        (ad.utm_source, ad.utm_medium, "(referral)"),
                        (None, "(referral)", ad.utm_source, ad.utm_medium, None, None),
                        (None, "(referral)", ad.utm_source, ad.utm_medium, "Manual"),
                        None,
                        camp,
                        ad,
                        untagged=True,
                        active_from=camp.start,
                        active_to=active_to,
                    )
                )
                continue
            content = ad.name or None
            query = _utm_query(
                [
                    ("utm_source", ad.utm_source),
                    ("utm_medium", ad.utm_medium),
                    ("utm_campaign", utm_campaign),
                    ("utm_term", camp.term),
                    ("utm_content", content),
                ]
            )
            mixed = any(v != v.lower() for v in (ad.utm_source, ad.utm_medium, utm_campaign))
            group = default_channel_group(ad.utm_source, ad.utm_medium, utm_campaign)
            assert group == true_group, (camp.name, group)
            source_platform = "Google Ads" if camp.platform == "google_ads" else "Manual"
            cross_src, cross_med = (
                (ad.utm_source, ad.utm_medium)
                if camp.platform != "google_ads"
                else ("google", "cpc")
            )
            tagged_share = share * (1 - cat.GCLID_AS_ORGANIC_SHARE) if gads else share
            out.append(
                Variant(
                    camp.channel,
                    ad.utm_source,
                    ad.utm_medium,
                    utm_campaign,
                    camp.term,
                    content,
                    query,
                    _CLICK_BY_PLATFORM[camp.platform],
                    referrers,
                    landings,
                    tagged_share,
                    group,
                    (ad.utm_source, ad.utm_medium, utm_campaign),
                    (None, utm_campaign, ad.utm_source, ad.utm_medium, camp.term, content),
                    (
                        str(camp.campaign_id) if gads else None,
                        camp.name if gads else utm_campaign,
                        cross_src,
                        cross_med,
                        source_platform,
                    ),
                    gads,
                    camp,
                    ad,
                    mixed_case=mixed,
                    active_from=camp.start,
                    active_to=active_to,
                )
            )
            if gads:
                # Auto-tagged click whose UTMs were lost: GA4 params say google / organic (or
                # nothing); GA4 itself still knows the Ads campaign through the gclid.
                for src, med, part in (("google", "organic", 0.5), (None, None, 0.5)):
                    out.append(
                        Variant(
                            camp.channel,
                            src,
                            med,
                            "(organic)" if src else None,
                            None,
                            None,
                            "",
                            "gclid",
                            referrers,
                            landings,
                            share * cat.GCLID_AS_ORGANIC_SHARE * part,
                            group,
                            ("google", "cpc", camp.name),
                            None,
                            (str(camp.campaign_id), camp.name, "google", "cpc", "Google Ads"),
                            gads,
                            camp,
                            ad,
                            gclid_organic=True,
                            active_from=camp.start,
                            active_to=active_to,
                        )
                    )
    return out


def _unpaid(
    channel: str,
    rows: tuple[tuple[str, str, float], ...],
    medium: str,
    campaign: str,
    landings: tuple[str, ...],
    spam: bool = False,
) -> list[Variant]:
    pages = tuple(cat.PAGE_INDEX[p] for p in landings)
    out = []
    for source, referrer, weight in rows:
        group = default_channel_group(source, medium, campaign)
        out.append(
            Variant(
                channel,
                source,
                medium,
                campaign,
                "(not provided)" if medium == "organic" else None,
                None,
                "",
                None,
                (referrer,),
                pages,
                weight,
                group,
                (source, medium, campaign),
                None,
                (None, campaign, source, medium, "Manual" if medium != "organic" else "(not set)"),
                None,
                spam=spam,
            )
        )
    return out


def _email(channel: str, campaign: str, weight: float, month: dt.date | None) -> Variant:
    query = _utm_query(
        [
            ("utm_source", cat.EMAIL_SOURCE),
            ("utm_medium", cat.EMAIL_MEDIUM),
            ("utm_campaign", campaign),
        ]
    )
    group = default_channel_group(cat.EMAIL_SOURCE, cat.EMAIL_MEDIUM, campaign)
    return Variant(
        channel,
        cat.EMAIL_SOURCE,
        cat.EMAIL_MEDIUM,
        campaign,
        None,
        None,
        query,
        "hsenc",
        (),
        tuple(cat.PAGE_INDEX[p] for p in cat.EMAIL_LANDINGS),
        weight,
        group,
        (cat.EMAIL_SOURCE, cat.EMAIL_MEDIUM, campaign),
        (None, campaign, cat.EMAIL_SOURCE, cat.EMAIL_MEDIUM, None, None),
        (None, campaign, cat.EMAIL_SOURCE, cat.EMAIL_MEDIUM, "Manual"),
        None,
        month=month,
    )


def _months(start: dt.date, end: dt.date) -> list[dt.date]:
    out, m = [], start.replace(day=1)
    while m <= end:
        out.append(m)
        m = (m.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return out


DIRECT = Variant(
    "direct",
    None,
    None,
    None,
    None,
    None,
    "",
    None,
    (),
    tuple(cat.PAGE_INDEX[p] for p in cat.DIRECT_LANDINGS),
    1.0,
    "Direct",
    ("(direct)", "(none)", "(direct)"),
    ("(direct)", "(direct)", "(direct)", "(none)", None, None),
    (None, "(direct)", "(direct)", "(none)", "(not set)"),
    None,
)


def build_variants(start: dt.date, end: dt.date) -> list[Variant]:
    """All variants; index 0 is Direct, newsletters come last (one per month from ``start``)."""
    variants = [DIRECT]
    variants += _paid_variants()
    variants += _unpaid(
        "organic_search", cat.ORGANIC_SEARCH, "organic", "(organic)", cat.ORGANIC_LANDINGS
    )
    variants += _unpaid(
        "organic_social", cat.ORGANIC_SOCIAL, "referral", "(referral)", cat.ORGANIC_LANDINGS
    )
    variants += _unpaid("referral", cat.REFERRAL, "referral", "(referral)", cat.REFERRAL_LANDINGS)
    variants += _unpaid("spam", cat.SPAM_REFERRERS, "referral", "(referral)", ("/",), spam=True)
    variants.append(_email("email", cat.EMAIL_NURTURE_CAMPAIGN, 0.3, None))
    variants += [_email("email", cat.newsletter_campaign(m), 0.7, m) for m in _months(start, end)]
    for v in variants:
        expected = "Referral" if v.spam else cat.CHANNEL_BY_KEY[v.channel].ga4_channel
        assert v.untagged or v.ga4_channel == expected, (
            v.channel,
            v.source,
            v.medium,
            v.ga4_channel,
        )
    return variants
