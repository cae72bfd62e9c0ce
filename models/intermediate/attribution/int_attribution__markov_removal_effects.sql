{#- Markov step 3 of 3: the removal effects.
    One row per conversion_type x channel: P(conversion) of the full graph and with the channel
    removed, the removal effect RE = 1 - P(without) / P(full), and the channel's share of the
    summed removal effects. RE is >= 0 in exact arithmetic; a rounding residue below 0 reads 0. A type without any
    conversion has NULL effects. -#}

{{ config(materialized='table') }}


with

-- 1. P(conversion) from (start) of every graph: the full one and each with a channel removed.
start_probabilities as (

    select
        conversion_type,
        removed_channel,
        conversion_probability
    from {{ ref('int_attribution__markov_state_probabilities') }}
    where state = '(start)'

),

-- 2. The full graph's ...
full_graph as (

    select
        conversion_type,
        conversion_probability
    from start_probabilities
    where removed_channel = '(none)'

),

-- 3. ... against each removal's: the removal effect RE = 1 - P(without) / P(full).
removed as (

    select
        start_probabilities.conversion_type,
        start_probabilities.removed_channel as channel,
        full_graph.conversion_probability,
        start_probabilities.conversion_probability as conversion_probability_without_channel,
        -- no conversion at all: no effect to measure (NULL); greatest() only on non-NULLs, as
        -- BigQuery's greatest is NULL when any argument is and DuckDB's skips NULLs
        case
            when full_graph.conversion_probability > 0
                then greatest(
                        1 - start_probabilities.conversion_probability
                        / full_graph.conversion_probability,
                        0
                    )
        end as removal_effect
    from start_probabilities
    inner join full_graph
        on start_probabilities.conversion_type = full_graph.conversion_type
    where start_probabilities.removed_channel != '(none)'

),

-- 4. Each channel's share of the summed removal effects.
final as (

    select
        conversion_type,
        channel,
        conversion_probability,
        conversion_probability_without_channel,
        removal_effect,
        removal_effect / nullif(sum(removal_effect) over (partition by conversion_type), 0)
            as removal_effect_share
    from removed

)

select * from final
