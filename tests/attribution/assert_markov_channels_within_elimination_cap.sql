{#- The Markov solve eliminates at most var sam_markov_max_channels channels per conversion type
    (one unrolled SQL step each). A type with more channels has NULL probabilities: fail loudly
    and say which type, so the cap is raised (or channels grouped) rather than numbers missing. -#}

with

chain_channels as (

    select
        conversion_type,
        count(distinct to_state) as channel_count
    from {{ ref('int_attribution__markov_transitions') }}
    where to_state not in ('(conversion)', '(null)')
    group by conversion_type

)

select
    conversion_type,
    channel_count,
    {{ var('sam_markov_max_channels') }} as sam_markov_max_channels
from chain_channels
where channel_count > {{ var('sam_markov_max_channels') }}
