{#- The logic lives in macros/attribution/data_driven_credits.sql (shared with shapley and the
    pytest checks). -#}

{{
    config(
        materialized='table',
        partition_by=sam.partition_by_day('converted_at', 'timestamp'),
        cluster_by=['conversion_type', 'channel'],
    )
}}

{{ sam.data_driven_credits(
    journeys=ref('int_attribution__journeys'),
    attribution_model='markov',
    removal_effects=ref('int_attribution__markov_removal_effects'),
) }}
