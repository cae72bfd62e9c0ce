{#- Markov removal-effect attribution (Anderl et al. 2016), first order, step 1 of 3: the chain.
    States: '(start)', each channel, '(conversion)', '(null)'. See docs/attribution-data-driven.md.
    One row per conversion_type x from_state x to_state over ALL journeys of the type (converting
    ones end in '(conversion)', the others in '(null)'), from the journeys' steps (macros/attribution/journey_steps.sql): the
    removal effects are the same with or without self-loops, and without them every channel's
    row of the chain has a zero diagonal. -#}

{{ config(materialized='table') }}

with

-- 1. Each journey's steps: consecutive repeats of a channel collapsed into one. A journey of one
-- touch (most of them at scale: anonymous visitors' single sessions) is one step with nothing
-- before or after it; only the others go through the windows (issue 18: the same rows).
multi_touch_journeys as (

    select
        conversion_type,
        journey_id,
        is_converting,
        touch_number,
        channel
    from {{ ref('int_attribution__journeys') }}
    where touch_count is null or touch_count != 1

),

steps as (

    {{ sam.journey_steps('multi_touch_journeys') | indent(4) }}

),

-- 2. Each step with the channel before and after it.
steps_linked as (

    select
        conversion_type,
        is_converting,
        channel,
        lag(channel) over (
            partition by conversion_type, journey_id
            order by touch_number
        ) as previous_channel,
        lead(channel) over (
            partition by conversion_type, journey_id
            order by touch_number
        ) as next_channel
    from steps

    union all

    select
        conversion_type,
        is_converting,
        channel,
        cast(null as {{ sam.type_string() }}) as previous_channel,
        cast(null as {{ sam.type_string() }}) as next_channel
    from {{ ref('int_attribution__journeys') }}
    where touch_count = 1

),

-- 3. The edges: (start) or the previous channel -> the channel; the last channel ->
-- (conversion) for a converting journey, (null) otherwise.
edges as (

    select
        conversion_type,
        coalesce(previous_channel, '(start)') as from_state,
        channel as to_state
    from steps_linked

    union all

    select
        conversion_type,
        channel as from_state,
        case when is_converting then '(conversion)' else '(null)' end as to_state
    from steps_linked
    where next_channel is null

),

-- 4. How often each edge is taken ...
counted as (

    select
        conversion_type,
        from_state,
        to_state,
        count(*) as transition_count
    from edges
    group by conversion_type, from_state, to_state

),

-- 5. ... and its probability: its share of the edges leaving the same state.
final as (

    select
        conversion_type,
        from_state,
        to_state,
        transition_count,
        cast(transition_count as {{ sam.type_float() }})
        / sum(transition_count) over (partition by conversion_type, from_state)
            as transition_probability
    from counted

)

select * from final
