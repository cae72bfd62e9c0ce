{#- The logic lives in macros/attribution/data_driven_credits.sql (shared with markov and the
    pytest checks). -#}

{{ config(materialized='table') }}

{{ sam.data_driven_credits(
    journeys=ref('int_attribution__journeys'),
    attribution_model='shapley',
) }}
