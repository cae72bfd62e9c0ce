{#- The logic lives in macros/attribution/markov_channel_credits.sql (shared with the pytest
    checks). -#}

{{ sam.markov_channel_credits(
    removal_effects=ref('int_attribution__markov_removal_effects'),
    journeys=ref('int_attribution__journeys'),
    conversions=ref('int_attribution__conversions'),
) }}
