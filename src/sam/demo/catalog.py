"""Everything the demo world is made of, in one place: channels (with the story's parameters),
ad accounts and campaigns, traffic variants (the UTMs visitors really arrive with), site pages,
forms, devices, places, names and deal stages.

Other modules only read these tables. Changing the story means changing numbers here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

SITE_HOST = "www.acme-analytics.com"
SITE = f"https://{SITE_HOST}"
STREAM_ID = 4_128_506_172
REPORTING_CURRENCY = "USD"
HUBSPOT_PORTAL_ID = 24_681_357

# --------------------------------------------------------------------------------------------
# Channels: the TRUE generating channel of a visitor, with the story's parameters.
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Channel:
    """A way people first arrive; its numbers make the story the marts must reveal.

    new_people: first visits per weekday at scale 1 (weekends x WEEKEND_FACTOR).
    lead_rate: share of those people who ever submit a lead form.
    bot_share: share of this channel's leads that are bots / spam sign-ups.
    mql_rate, sql_rate, win_rate: funnel of the real (non-bot) leads: P(MQL), P(SQL | MQL),
      P(won | deal). Every SQL opens a deal.
    deal_usd: median deal size in USD (log-normal, sigma DEAL_SIGMA).
    revisit_same: share of return visits that come through this channel again (paid: re-clicks
      that are billed).
    """

    key: str
    ga4_channel: str
    platform: str | None
    new_people: float
    lead_rate: float
    bot_share: float
    mql_rate: float
    sql_rate: float
    win_rate: float
    deal_usd: float
    revisit_same: float
    forms: tuple[tuple[str, float], ...]


_DEMO, _EBOOK, _CONTACT, _WEBINAR = (
    "demo-request",
    "ebook-download",
    "contact-us",
    "webinar-registration",
)
# fmt: off
CHANNELS: tuple[Channel, ...] = (
    # key, GA4 channel, platform, new people, lead rate, bots, mql, sql, win, deal USD, same
    Channel("paid_search", "Paid Search", "google_ads", 80, .050, .02, .45, .50, .38, 20_000, .20,
            ((_DEMO, .55), (_CONTACT, .20), (_EBOOK, .25))),
    Channel("bing", "Paid Search", "microsoft_ads", 16, .045, .02, .42, .50, .35, 18_000, .20,
            ((_DEMO, .55), (_CONTACT, .20), (_EBOOK, .25))),
    Channel("facebook", "Paid Social", "facebook_ads", 120, .040, .04, .06, .35, .20, 9_000, .15,
            ((_EBOOK, .80), (_WEBINAR, .20))),
    Channel("linkedin", "Paid Social", "linkedin_ads", 24, .045, .01, .38, .45, .28, 26_000, .20,
            ((_DEMO, .40), (_EBOOK, .40), (_WEBINAR, .20))),
    Channel("display", "Display", "google_ads", 60, .045, .62, .10, .25, .20, 10_000, .10,
            ((_EBOOK, .70), (_DEMO, .30))),
    Channel("organic_search", "Organic Search", None, 230, .020, .01, .30, .40, .30, 16_000, .40,
            ((_DEMO, .30), (_EBOOK, .40), (_CONTACT, .15), (_WEBINAR, .15))),
    Channel("organic_social", "Organic Social", None, 30, .015, .01, .20, .35, .25, 12_000, .20,
            ((_EBOOK, .60), (_WEBINAR, .40))),
    Channel("email", "Email", None, 18, .035, .00, .35, .40, .30, 15_000, .50,
            ((_WEBINAR, .50), (_DEMO, .50))),
    Channel("referral", "Referral", None, 28, .030, .01, .35, .45, .32, 17_000, .20,
            ((_DEMO, .60), (_CONTACT, .40))),
    Channel("direct", "Direct", None, 110, .020, .01, .32, .40, .30, 16_000, .50,
            ((_DEMO, .50), (_CONTACT, .30), (_EBOOK, .20))),
    # Referral spam: one page, zero engagement, never a lead. Not a real channel of people.
    Channel("spam", "Referral", None, 14, .0, .0, .0, .0, .0, 0, .0, ()),
)
# fmt: on
CHANNEL_BY_KEY = {c.key: c for c in CHANNELS}
WEEKEND_FACTOR = 0.45
DEAL_SIGMA = 0.45
# Leads created at offline events (badge scans): no web touch before they exist.
OFFLINE_CHANNEL = "Offline"
# Share of persons (non-leads, EU visitors) who deny consent: their visits are cookieless pings.
COOKIELESS_SHARE_EU = 0.30
MULTI_DEVICE_SHARE = 0.22  # of real leads (non-leads: 5%)
SENDS_USER_ID_SHARE = 0.65  # of real leads: log in / identified after the form -> GA4 user_id
GA_CLIENT_ID_CAPTURED = 0.70  # hidden form field filled
GCLID_CAPTURED = 0.85  # gclid hidden field filled when the lead came from a gclid click

# --------------------------------------------------------------------------------------------
# Ad platforms: accounts and campaigns. utm_campaign on the site = campaign name here.
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Account:
    platform: str
    account_id: int
    name: str
    currency: str
    time_zone: str


ACCOUNTS: dict[str, Account] = {
    "google_ads": Account("google_ads", 4_827_153_906, "Acme Analytics", "USD", "Etc/GMT"),
    "microsoft_ads": Account(
        "microsoft_ads",
        180_402_117,
        "Acme Analytics",
        "USD",
        "GreenwichMeanTimeDublinEdinburghLisbonLondon",
    ),
    "facebook_ads": Account(
        "facebook_ads", 1_093_847_562_210_443, "Acme Analytics EU", "EUR", "Etc/GMT"
    ),
    "linkedin_ads": Account("linkedin_ads", 508_221_745, "Acme Analytics UK", "GBP", "Etc/GMT"),
}


@dataclass(frozen=True)
class Ad:
    """One ad (Facebook) / one URL template. utm_* are written exactly as on the landing URL."""

    ad_id: int
    name: str
    utm_source: str
    utm_medium: str
    utm_campaign: str | None  # None: the campaign name itself
    weight: float = 1.0
    untagged: bool = False  # no UTMs on the URL at all (paid clicks that look organic)


@dataclass(frozen=True)
class Campaign:
    platform: str
    campaign_id: int
    name: str
    channel: str  # Channel.key
    kind: str  # SEARCH / DISPLAY / social objective
    weight: float
    cpc: float  # in the account currency
    ctr: float
    start: dt.date
    end: dt.date | None
    landing: tuple[str, ...]
    ad_group_id: int
    ad_group_name: str
    ads: tuple[Ad, ...]
    term: str | None = None
    group_id: int | None = None  # LinkedIn campaign group


D = dt.date
_FAR = None
# fmt: off
CAMPAIGNS: tuple[Campaign, ...] = (
    # platform, campaign id, name, channel, kind, weight, CPC, CTR, start, end, landing pages,
    # ad group / ad set id and name, ads (ad id, name, utm_source, utm_medium, utm_campaign)
    # Google Ads search: utm_source=google&utm_medium=cpc + auto-tagged gclid.
    Campaign("google_ads", 20_481_733_101, "search-brand", "paid_search",
             "SEARCH", 0.3, 1.6, 0.09, D(2024, 1, 8), _FAR,
             ("/", "/pricing"), 151_937_004_211, "brand-exact", (
        Ad(0, "rsa-brand", "google", "cpc", None),),
             term="acme analytics"),
    Campaign("google_ads", 20_481_733_102, "search-nonbrand-attribution", "paid_search",
             "SEARCH", 0.45, 6.2, 0.045, D(2024, 1, 8), _FAR,
             ("/lp/demo", "/product/attribution"), 151_937_004_212, "b2b-attribution-software", (
        Ad(0, "rsa-attribution", "google", "cpc", None),),
             term="b2b attribution software"),
    Campaign("google_ads", 20_481_733_103, "search-competitors", "paid_search",
             "SEARCH", 0.15, 7.4, 0.035, D(2024, 3, 1), _FAR,
             ("/lp/demo",), 151_937_004_213, "competitor-terms", (
        Ad(0, "rsa-competitors", "google", "cpc", None),),
             term="bizible alternative"),
    Campaign("google_ads", 20_481_733_104, "search-nonbrand-ga4-bigquery", "paid_search",
             "SEARCH", 0.2, 4.1, 0.05, D(2024, 9, 2), _FAR,
             ("/blog/ga4-bigquery-export-guide", "/lp/demo"), 151_937_004_214, "ga4-bigquery", (
        Ad(0, "rsa-ga4", "google", "cpc", None),),
             term="ga4 bigquery attribution"),
    # Google Ads display: google / display (Display channel), gclid too.
    Campaign("google_ads", 20_481_733_201, "display-prospecting-b2b", "display",
             "DISPLAY", 0.7, 0.55, 0.0035, D(2024, 2, 1), _FAR,
             ("/lp/attribution-guide",), 151_937_004_301, "in-market-b2b-software", (
        Ad(0, "banner-300x250", "google", "display", None),)),
    Campaign("google_ads", 20_481_733_202, "display-remarketing", "display",
             "DISPLAY", 0.3, 0.7, 0.005, D(2024, 2, 1), _FAR,
             ("/lp/demo", "/lp/attribution-guide"), 151_937_004_302, "site-visitors-30d", (
        Ad(0, "banner-728x90", "google", "display", None),)),
    # Microsoft Ads: bing / cpc. One campaign shares its name with a Google one (join on
    # the source too!), one URL template writes the medium in capitals.
    Campaign("microsoft_ads", 531_772_901, "bing-brand", "bing",
             "Search", 0.4, 1.1, 0.08, D(2024, 1, 8), _FAR,
             ("/", "/pricing"), 1_311_872_554_201, "brand", (
        Ad(0, "brand-rsa", "bing", "CPC", None),),
             term="acme analytics"),
    Campaign("microsoft_ads", 531_772_902, "search-nonbrand-attribution", "bing",
             "Search", 0.6, 3.1, 0.04, D(2024, 1, 8), _FAR,
             ("/lp/demo",), 1_311_872_554_202, "attribution", (
        Ad(0, "nonbrand-rsa", "bing", "cpc", None),),
             term="marketing attribution tool"),
    # Facebook Ads (EUR account): facebook / paid_social; one ad in mixed case; one campaign
    # tagged fb / cpc; the q4 campaign starts in October.
    Campaign("facebook_ads", 120_210_874_455_330_001, "fb-leadgen-ebook-q3", "facebook",
             "OUTCOME_LEADS", 0.55, 0.62, 0.011, D(2024, 5, 20), D(2024, 9, 30),
             ("/lp/attribution-guide",), 120_210_874_455_331_001, "lookalike-1pct-marketers", (
        Ad(120_210_874_455_332_001, "ebook-carousel-v1", "facebook", "paid_social", None, 0.6),
        Ad(120_210_874_455_332_002, "ebook-static-v2", "Facebook", "Paid_Social", None, 0.4))),
    Campaign("facebook_ads", 120_210_874_455_330_002, "fb-leadgen-ebook-q4", "facebook",
             "OUTCOME_LEADS", 0.55, 0.66, 0.01, D(2024, 10, 1), _FAR,
             ("/lp/attribution-guide",), 120_210_874_455_331_002, "lookalike-3pct-marketers", (
        Ad(120_210_874_455_332_003, "ebook-video-v3", "facebook", "paid_social", None, 0.7),
        Ad(120_210_874_455_332_004, "ebook-static-v4", "facebook", "paid_social", None, 0.3))),
    Campaign("facebook_ads", 120_210_874_455_330_003, "fb-retargeting-webinar", "facebook",
             "OUTCOME_TRAFFIC", 0.45, 0.8, 0.014, D(2024, 5, 20), _FAR,
             ("/lp/webinar",), 120_210_874_455_331_003, "site-visitors-60d", (
        Ad(120_210_874_455_332_005, "webinar-static-v1", "fb", "cpc", None),)),
    # LinkedIn Ads (GBP account): linkedin / paid_social; one template in mixed case with a
    # campaign name whose case differs from the platform's; one awareness campaign untagged.
    Campaign("linkedin_ads", 361_904_221, "li-abm-demo-request", "linkedin",
             "WEBSITE_VISIT", 0.5, 6.8, 0.006, D(2024, 4, 2), _FAR,
             ("/lp/demo",), 0, "", (
        Ad(0, "", "LinkedIn", "Paid_Social", "LI-ABM-Demo-Request"),),
             group_id=613_553_201),
    Campaign("linkedin_ads", 361_904_222, "li-thought-leadership-report", "linkedin",
             "WEBSITE_VISIT", 0.38, 5.9, 0.005, D(2024, 4, 2), _FAR,
             ("/lp/attribution-guide",), 0, "", (
        Ad(0, "", "linkedin", "paid_social", None),),
             group_id=613_553_201),
    Campaign("linkedin_ads", 361_904_223, "li-brand-awareness-video", "linkedin",
             "VIDEO_VIEW", 0.12, 4.5, 0.004, D(2024, 6, 15), _FAR,
             ("/",), 0, "", (
        Ad(0, "", "linkedin.com", "referral", None, untagged=True),),
             group_id=613_553_202),
)
# fmt: on
LINKEDIN_GROUPS = {613_553_201: "abm-2024", 613_553_202: "brand-2024"}
GCLID_AS_ORGANIC_SHARE = 0.08  # of Google Ads clicks: the landing URL kept only the gclid
CLICKS_PER_SESSION = (1.04, 1.14)  # clicks that never became a GA4 session (uniform range)
CPC_NOISE = 0.12  # daily log-normal noise on CPC

# --------------------------------------------------------------------------------------------
# Traffic of the unpaid channels: (source, medium, referrer, weight)
# --------------------------------------------------------------------------------------------

ORGANIC_SEARCH = (
    ("google", "https://www.google.com/", 0.82),
    ("bing", "https://www.bing.com/", 0.10),
    ("duckduckgo", "https://duckduckgo.com/", 0.05),
    ("ecosia.org", "https://www.ecosia.org/", 0.03),
)
ORGANIC_SOCIAL = (
    ("linkedin.com", "https://www.linkedin.com/", 0.55),
    ("t.co", "https://t.co/", 0.15),
    ("reddit.com", "https://www.reddit.com/", 0.12),
    ("l.facebook.com", "https://l.facebook.com/", 0.10),
    ("news.ycombinator.com", "https://news.ycombinator.com/", 0.08),
)
REFERRAL = (
    ("g2.com", "https://www.g2.com/products/acme-analytics/reviews", 0.40),
    ("capterra.com", "https://www.capterra.com/p/240113/acme-analytics/", 0.25),
    ("getdbt.com", "https://www.getdbt.com/partners", 0.20),
    ("partner-blog.example.org", "https://partner-blog.example.org/attribution-stack", 0.15),
)
# Referral spam domains: every one contains "seo", "traffic" or "buttons" (the docs say so, the
# tests rely on it).
SPAM_REFERRERS = (
    ("free-seo-audit.xyz", "http://free-seo-audit.xyz/", 0.35),
    ("best-traffic-offer.ru", "http://best-traffic-offer.ru/", 0.30),
    ("social-buttons.site", "http://social-buttons.site/", 0.20),
    ("seo-rank-checker.top", "http://seo-rank-checker.top/", 0.15),
)
DISPLAY_PUBLISHERS = (
    "https://www.forbes.com/",
    "https://www.techradar.com/",
    "https://www.cnbc.com/",
    "https://games.crazy-puzzle.io/",
    "https://www.weather.com/",
)
# HubSpot marketing e-mail links: utm_source=hs_email & utm_medium=email. The medium alone makes
# GA4 classify them Email (whether its source rule is read as equality or as "contains").
EMAIL_SOURCE, EMAIL_MEDIUM = "hs_email", "email"
EMAIL_NURTURE_CAMPAIGN = "nurture-ebook-followup"


def newsletter_campaign(day: dt.date) -> str:
    """The monthly newsletter's utm_campaign for a send in ``day``'s month."""
    return f"newsletter-{day:%Y-%m}"


# GA4's own channel for the sources above: sam.ga4.channels, Google's rule table as data
# (src/sam/ga4/default_channel_group.csv) with Google's source list
# (seeds/ga4_source_categories.csv).


# --------------------------------------------------------------------------------------------
# The site
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    path: str
    title: str
    browse_weight: float = 0.0  # chance to be visited as a non-landing page


PAGES: tuple[Page, ...] = (
    Page("/", "Acme Analytics | Marketing attribution for B2B revenue teams", 2.0),
    Page("/pricing", "Pricing | Acme Analytics", 2.5),
    Page("/product/attribution", "Multi-touch attribution | Acme Analytics", 2.0),
    Page("/product/pipeline-analytics", "Pipeline analytics | Acme Analytics", 1.5),
    Page("/customers", "Customer stories | Acme Analytics", 1.2),
    Page("/integrations/hubspot", "HubSpot integration | Acme Analytics", 0.8),
    Page("/integrations/salesforce", "Salesforce integration | Acme Analytics", 0.8),
    Page("/blog/b2b-attribution-models", "B2B attribution models compared | Acme Blog", 1.0),
    Page("/blog/ga4-bigquery-export-guide", "The GA4 BigQuery export, explained | Acme Blog", 1.0),
    Page("/blog/utm-naming-conventions", "UTM naming conventions that survive | Acme Blog", 0.8),
    Page("/blog/marketing-mix-vs-mta", "Marketing mix models vs MTA | Acme Blog", 0.6),
    Page("/docs/getting-started", "Getting started | Acme Analytics Docs", 0.7),
    Page("/about", "About us | Acme Analytics", 0.4),
    Page("/careers", "Careers | Acme Analytics", 0.3),
    Page("/lp/demo", "See Acme Analytics in action | Book a demo"),
    Page("/lp/attribution-guide", "Free guide: B2B attribution that sales trusts"),
    Page("/lp/webinar", "Webinar: pipeline attribution with GA4 and your CRM"),
    Page("/demo", "Book a demo | Acme Analytics"),
    Page("/contact", "Contact sales | Acme Analytics"),
    Page("/resources/b2b-attribution-ebook", "Download: the B2B attribution e-book"),
    Page("/webinars/pipeline-attribution", "Register: pipeline attribution webinar"),
)
PAGE_INDEX = {p.path: i for i, p in enumerate(PAGES)}
ORGANIC_LANDINGS = (
    "/",
    "/blog/b2b-attribution-models",
    "/blog/ga4-bigquery-export-guide",
    "/blog/utm-naming-conventions",
    "/blog/marketing-mix-vs-mta",
    "/product/attribution",
    "/pricing",
    "/docs/getting-started",
)
DIRECT_LANDINGS = ("/", "/pricing", "/docs/getting-started", "/product/attribution", "/customers")
REFERRAL_LANDINGS = ("/", "/integrations/hubspot", "/integrations/salesforce", "/customers")
EMAIL_LANDINGS = (
    "/blog/b2b-attribution-models",
    "/lp/webinar",
    "/customers",
    "/product/attribution",
)


@dataclass(frozen=True)
class Form:
    key: str
    hs_guid: str
    path: str
    value_usd: float

    @property
    def form_id(self) -> str:
        return f"hsForm_{self.hs_guid}"

    @property
    def destination(self) -> str:
        return f"https://forms.hsforms.com/submissions/v3/public/submit/formsnext/multipart/{HUBSPOT_PORTAL_ID}/{self.hs_guid}"


FORMS: tuple[Form, ...] = (
    Form("demo-request", "6f0e3c4a-1b2d-4c8e-9a71-3d5f2b8e0c11", "/demo", 500.0),
    Form("contact-us", "1a9d7e20-5c3b-4f6a-8e12-7b4c9d0a2e33", "/contact", 200.0),
    Form(
        "ebook-download",
        "c3b8e5f1-7a24-49d0-b6e3-0f1a2c3d4e55",
        "/resources/b2b-attribution-ebook",
        50.0,
    ),
    Form(
        "webinar-registration",
        "9e4f2a6b-3c1d-4e8f-a0b7-5d6c7e8f9a77",
        "/webinars/pipeline-attribution",
        100.0,
    ),
)
FORM_INDEX = {f.key: i for i, f in enumerate(FORMS)}

# --------------------------------------------------------------------------------------------
# Devices and places
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Device:
    category: str
    brand: str
    model: str
    marketing_name: str
    os: str
    os_version: str
    browser: str
    browser_version: str
    weight: float
    google_ads_device: str  # DESKTOP / MOBILE / TABLET
    microsoft_device: str  # Computer / Smartphone / Tablet


# fmt: off
DEVICES: tuple[Device, ...] = (
    # category, brand, model, marketing name, OS, OS version, browser, version, weight,
    # Google Ads device, Microsoft Ads device
    Device("desktop", "Microsoft", "Chrome", "(not set)", "Windows",
           "Windows 10", "Chrome", "126.0.6478.127", 0.26,
           "DESKTOP", "Computer"),
    Device("desktop", "Microsoft", "Edge", "(not set)", "Windows",
           "Windows 11", "Edge", "126.0.2592.87", 0.12,
           "DESKTOP", "Computer"),
    Device("desktop", "Apple", "Chrome", "(not set)", "Macintosh",
           "macOS 14.5", "Chrome", "126.0.6478.127", 0.17,
           "DESKTOP", "Computer"),
    Device("desktop", "Apple", "Safari", "(not set)", "Macintosh",
           "macOS 14.5", "Safari", "17.5", 0.09,
           "DESKTOP", "Computer"),
    Device("desktop", "(not set)", "Firefox", "(not set)", "Linux",
           "(not set)", "Firefox", "127.0", 0.04,
           "DESKTOP", "Computer"),
    Device("mobile", "Apple", "iPhone", "iPhone", "iOS",
           "iOS 17.5.1", "Safari", "17.5", 0.16,
           "MOBILE", "Smartphone"),
    Device("mobile", "Samsung", "SM-S921B", "Galaxy S24", "Android",
           "Android 14", "Chrome", "126.0.6478.71", 0.08,
           "MOBILE", "Smartphone"),
    Device("mobile", "Google", "Pixel 8", "Pixel 8", "Android",
           "Android 14", "Chrome", "126.0.6478.71", 0.04,
           "MOBILE", "Smartphone"),
    Device("tablet", "Apple", "iPad", "iPad", "iOS",
           "iPadOS 17.5", "Safari", "17.5", 0.04,
           "TABLET", "Tablet"),
)
# fmt: on
DESKTOP_DEVICES = tuple(i for i, d in enumerate(DEVICES) if d.category == "desktop")
MOBILE_DEVICES = tuple(i for i, d in enumerate(DEVICES) if d.category == "mobile")


@dataclass(frozen=True)
class Place:
    continent: str
    sub_continent: str
    country: str
    country_code: str
    region: str
    city: str
    language: str
    currency: str  # deal currency of companies there
    eu_consent: bool  # consent banner (consent mode) shown
    weight: float


# fmt: off
PLACES: tuple[Place, ...] = (
    # continent, sub-continent, country, code, region, city, language, deal currency,
    # consent banner, weight
    Place("Americas", "Northern America", "United States", "US",
          "New York", "New York", "en-us", "USD", False, 0.14),
    Place("Americas", "Northern America", "United States", "US",
          "California", "San Francisco", "en-us", "USD", False, 0.12),
    Place("Americas", "Northern America", "United States", "US",
          "Texas", "Austin", "en-us", "USD", False, 0.06),
    Place("Americas", "Northern America", "United States", "US",
          "Illinois", "Chicago", "en-us", "USD", False, 0.05),
    Place("Americas", "Northern America", "United States", "US",
          "Massachusetts", "Boston", "en-us", "USD", False, 0.05),
    Place("Americas", "Northern America", "Canada", "CA",
          "Ontario", "Toronto", "en-ca", "USD", False, 0.04),
    Place("Europe", "Northern Europe", "United Kingdom", "GB",
          "England", "London", "en-gb", "GBP", True, 0.13),
    Place("Europe", "Northern Europe", "United Kingdom", "GB",
          "England", "Manchester", "en-gb", "GBP", True, 0.03),
    Place("Europe", "Western Europe", "Germany", "DE",
          "Berlin", "Berlin", "de-de", "EUR", True, 0.08),
    Place("Europe", "Western Europe", "Germany", "DE",
          "Bavaria", "Munich", "de-de", "EUR", True, 0.05),
    Place("Europe", "Western Europe", "France", "FR",
          "Ile-de-France", "Paris", "fr-fr", "EUR", True, 0.06),
    Place("Europe", "Western Europe", "Netherlands", "NL",
          "North Holland", "Amsterdam", "nl-nl", "EUR", True, 0.05),
    Place("Europe", "Southern Europe", "Spain", "ES",
          "Community of Madrid", "Madrid", "es-es", "EUR", True, 0.03),
    Place("Oceania", "Australasia", "Australia", "AU",
          "New South Wales", "Sydney", "en-au", "USD", False, 0.04),
    Place("Asia", "Southern Asia", "India", "IN",
          "Karnataka", "Bengaluru", "en-in", "USD", False, 0.07),
)
# fmt: on

# --------------------------------------------------------------------------------------------
# People and companies
# --------------------------------------------------------------------------------------------

FIRST_NAMES = (
    "Emma",
    "Liam",
    "Olivia",
    "Noah",
    "Ava",
    "Lucas",
    "Mia",
    "Elias",
    "Sofia",
    "Leon",
    "Hannah",
    "Jonas",
    "Chloe",
    "Mateo",
    "Grace",
    "Arjun",
    "Priya",
    "Daniel",
    "Laura",
    "Tom",
    "Julia",
    "Maxime",
    "Camille",
    "Sanne",
    "Daan",
    "Lucia",
    "Pablo",
    "Aisha",
    "Oliver",
    "Charlotte",
    "James",
    "Amelia",
    "Ethan",
    "Isabella",
    "Ben",
    "Nora",
    "Felix",
    "Clara",
    "Ravi",
    "Megan",
)
LAST_NAMES = (
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Garcia",
    "Miller",
    "Davis",
    "Martinez",
    "Wilson",
    "Anderson",
    "Taylor",
    "Thomas",
    "Moore",
    "Martin",
    "Lee",
    "Clark",
    "Lewis",
    "Walker",
    "Hall",
    "Young",
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Dubois",
    "Lefebvre",
    "Moreau",
    "de Vries",
    "Jansen",
    "Bakker",
    "Fernández",
    "López",
    "Patel",
    "Sharma",
    "Iyer",
    "O'Brien",
    "Murphy",
    "Kelly",
    "Nguyen",
)
COMPANY_WORDS = (
    "Blue",
    "River",
    "Summit",
    "Nimbus",
    "Vertex",
    "Harbor",
    "Atlas",
    "Pioneer",
    "Quartz",
    "Lumen",
    "Cedar",
    "Falcon",
    "Orbit",
    "Granite",
    "Willow",
    "Beacon",
    "Crimson",
    "Nova",
    "Polar",
    "Sierra",
    "Maple",
    "Cobalt",
    "Aurora",
    "Delta",
    "Echo",
    "Juniper",
    "Kestrel",
    "Meridian",
    "Onyx",
    "Zenith",
)
COMPANY_SUFFIXES = (
    ("Logistics", "Transportation"),
    ("Software", "Computer Software"),
    ("Health", "Hospital & Health Care"),
    ("Capital", "Financial Services"),
    ("Labs", "Computer Software"),
    ("Retail", "Retail"),
    ("Energy", "Oil & Energy"),
    ("Systems", "Information Technology and Services"),
    ("Media", "Marketing and Advertising"),
    ("Robotics", "Machinery"),
    ("Security", "Computer & Network Security"),
    ("Cloud", "Internet"),
)
TLDS = (".com", ".com", ".com", ".io", ".co")
PERSONAL_DOMAINS = ("gmail.com", "outlook.com", "yahoo.com", "icloud.com")
PERSONAL_EMAIL_SHARE = 0.10
DISPOSABLE_DOMAINS = (
    "mailinator.com",
    "guerrillamail.com",
    "sharklasers.com",
    "10minutemail.com",
    "yopmail.com",
    "trashmail.com",
)
JOB_TITLES = (
    "Head of Marketing",
    "Marketing Operations Manager",
    "VP Marketing",
    "Demand Generation Lead",
    "Growth Marketing Manager",
    "RevOps Manager",
    "Data Analyst",
    "Analytics Engineer",
    "CMO",
    "Director of Revenue Operations",
    "Marketing Analyst",
    "Head of Growth",
)
MESSY_EMAIL_SHARE = 0.12  # raw e-mail with capitals and/or surrounding spaces

# --------------------------------------------------------------------------------------------
# Deals: one pipeline, the same stages in both CRMs
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Stage:
    hubspot_id: str
    hubspot_label: str
    salesforce_name: str
    probability: float
    is_closed: bool
    is_won: bool
    forecast_category: str


STAGES: tuple[Stage, ...] = (
    Stage(
        "appointmentscheduled",
        "Appointment Scheduled",
        "Qualification",
        0.2,
        False,
        False,
        "Pipeline",
    ),
    Stage("qualifiedtobuy", "Qualified To Buy", "Needs Analysis", 0.4, False, False, "Pipeline"),
    Stage(
        "presentationscheduled",
        "Presentation Scheduled",
        "Value Proposition",
        0.6,
        False,
        False,
        "Pipeline",
    ),
    Stage(
        "decisionmakerboughtin",
        "Decision Maker Bought-In",
        "Id. Decision Makers",
        0.8,
        False,
        False,
        "Best Case",
    ),
    Stage("contractsent", "Contract Sent", "Negotiation/Review", 0.9, False, False, "Commit"),
    Stage("closedwon", "Closed Won", "Closed Won", 1.0, True, True, "Closed"),
    Stage("closedlost", "Closed Lost", "Closed Lost", 0.0, True, False, "Omitted"),
)
OPEN_STAGES = 5  # the first five are the open path, in order
WON, LOST = 5, 6
STAGE_REGRESSION_SHARE = 0.08
# Sales reps (owners in both CRMs).
REPS: tuple[tuple[str, str], ...] = (
    ("Sarah", "Kim"),
    ("Marco", "Rossi"),
    ("Hannah", "Becker"),
    ("David", "Okafor"),
    ("Lea", "Martin"),
    ("Tom", "Brennan"),
)
CONTACT_ROLES = ("Decision Maker", "Economic Buyer", "Technical Buyer", "Evaluator", "Influencer")

# --------------------------------------------------------------------------------------------
# Offline touches: Salesforce campaigns / HubSpot static lists (webinars and events).
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OfflineCampaign:
    key: str
    name: str
    kind: str  # Webinar / Conference
    day: dt.date
    booth_leads_per_scale: float  # leads created by badge scans (Conference only)
    attendee_share: float = 0.0  # share of existing real leads that attend


OFFLINE_CAMPAIGNS: tuple[OfflineCampaign, ...] = (
    OfflineCampaign(
        "wb-2024-07", "Webinar - Attribution for B2B (2024-07)", "Webinar", D(2024, 7, 18), 0, 0.05
    ),
    OfflineCampaign(
        "ev-2024-09",
        "Event - SaaS Growth Summit Amsterdam (2024-09)",
        "Conference",
        D(2024, 9, 26),
        45,
        0.02,
    ),
    OfflineCampaign(
        "wb-2024-10",
        "Webinar - Pipeline attribution with GA4 (2024-10)",
        "Webinar",
        D(2024, 10, 24),
        0,
        0.05,
    ),
    OfflineCampaign(
        "ev-2024-11",
        "Event - RevOps Live London (2024-11)",
        "Conference",
        D(2024, 11, 14),
        35,
        0.02,
    ),
    OfflineCampaign(
        "wb-2024-12",
        "Webinar - Closing the loop with offline conversions (2024-12)",
        "Webinar",
        D(2024, 12, 12),
        0,
        0.05,
    ),
)

# FX: daily rates to USD around these levels (a deterministic random walk).
FX_BASE = {"USD": 1.0, "EUR": 1.09, "GBP": 1.27}
CURRENCIES = tuple(FX_BASE)

# Late events: share of page batches that arrive late, and the longest delay.
LATE_SHARE = 0.03
MAX_DELAY_HOURS = 72
DUPLICATE_SHARE = 0.005
