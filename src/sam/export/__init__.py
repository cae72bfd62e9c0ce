"""`sam export`: send CRM outcomes back to GA4, Google Ads and Meta (docs/closing-the-loop.md)."""
