"""Deterministic demo data: the raw inputs of SAM (GA4 export, HubSpot, Salesforce, ad platforms,
FX) exactly as users have them, plus the ground truth they were generated from."""

GENERATOR_VERSION = "1.0.0"
