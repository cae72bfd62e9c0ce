{#- Markov removal-effect attribution (Anderl et al. 2016), first order, step 1 of 3: the chain.
    States: '(start)', each channel, '(conversion)', '(null)'. See docs/attribution-data-driven.md.
    One row per conversion_type x from_state x to_state over ALL journeys of the type (converting
    ones end in '(conversion)', the others in '(null)'), from the journeys' steps (macros/attribution/journey_steps.sql): the
    removal effects are the same with or without self-loops, and without them every channel's
    row of the chain has a zero diagonal. -#}

{{ config(materialized='table') }}

with

-- 1. Each journey's steps (consecutive repeats of a channel collapsed into one), each with the
-- channel before and after it. A journey of one touch (most of them at scale: anonymous
-- visitors' single sessions) is one step with nothing before or after it: journey_steps passes
-- it through without the windows (issue 18: the same rows).
steps_linked as (

    {{ sam.journey_steps(ref('int_attribution__journeys'), with_neighbours=true) | indent(4) }}

),

-- 2. The edges: (start) or the previous channel -> the channel; the last channel ->
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

-- 3. How often each edge is taken ...
counted as (

    select
        conversion_type,
        from_state,
        to_state,
        count(*) as transition_count
    from edges
    group by conversion_type, from_state, to_state

),

-- 4. ... and its probability: its share of the edges leaving the same state.
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
