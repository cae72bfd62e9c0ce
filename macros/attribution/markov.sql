{#- Markov removal-effect attribution (Anderl et al. 2016), first order, in SQL on both engines.
    Each macro is one select over the relations it is given, so the models are thin wrappers and
    the tests run the very same SQL on small hand-made or random tables (tests/test_attribution_*).
    States: '(start)', each channel, '(conversion)', '(null)'. See docs/attribution-data-driven.md. -#}


{#- One row per step of a journey: its touches with consecutive repeats of a channel collapsed
    into one step (A, A, B, A -> A, B, A), keeping each step's first touch_number. The Markov
    chain's states and the path report's paths are built from these steps. -#}
{% macro journey_steps(journeys) -%}

with

touches as (

    select
        conversion_type,
        journey_id,
        is_converting,
        touch_number,
        channel,
        lag(channel) over (
            partition by conversion_type, journey_id
            order by touch_number
        ) as previous_touch_channel
    from {{ journeys }}

),

final as (

    select
        conversion_type,
        journey_id,
        is_converting,
        touch_number,
        channel
    from touches
    where previous_touch_channel is null
        or previous_touch_channel != channel

)

select * from final

{%- endmacro %}


{#- One row per conversion_type x from_state x to_state over ALL journeys of the type (converting
    ones end in '(conversion)', the others in '(null)'), from the collapsed steps above: the
    removal effects are the same with or without self-loops, and without them every channel's
    row of the chain has a zero diagonal. -#}
{% macro markov_transitions(journeys) -%}

with

steps as (

    {{ sam.journey_steps(journeys) | indent(4) }}

),

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

),

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

counted as (

    select
        conversion_type,
        from_state,
        to_state,
        count(*) as transition_count
    from edges
    group by conversion_type, from_state, to_state

),

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

{%- endmacro %}


{#- One row per conversion_type x removed channel ('(none)' = the full graph) x state ('(start)'
    and each channel): the probability of eventually reaching '(conversion)' from that state.
    Exact: the absorbing chain's linear system (I - Q) v = b is solved by Gauss-Jordan
    elimination (b = the one-step probability of converting), one unrolled step per channel index
    up to var sam_markov_max_channels, every removal solved in the same steps. Removing channel r
    sends every transition into r to '(null)': column r of Q is zeroed and v(r) = 0. I - Q is a
    nonsingular M-matrix (every state reaches an absorbing one), so elimination needs no pivoting.
    Each step reads the previous one once (windows fetch the pivot row and column), and the last
    step is read once, so the work grows linearly with the cap on BigQuery, which evaluates a
    CTE at every reference.
    Conversion types with more channels than the cap get NULL probabilities (a test fails). -#}
{% macro markov_state_probabilities(transitions) -%}
{%- set max_channels = var('sam_markov_max_channels') | int -%}

with

transitions as (

    select
        conversion_type,
        from_state,
        to_state,
        cast(transition_probability as {{ sam.type_float() }}) as transition_probability
    from {{ transitions }}

),

channels as (

    select
        conversion_type,
        to_state as channel,
        dense_rank() over (partition by conversion_type order by to_state) as channel_index
    from transitions
    where to_state not in ('(conversion)', '(null)')
    group by conversion_type, to_state

),

channel_counts as (

    select
        conversion_type,
        count(*) as channel_count
    from channels
    group by conversion_type

),

-- removed_index 0 is the full graph; k removes the channel with channel_index k
removals as (

    select
        conversion_type,
        0 as removed_index,
        '(none)' as removed_channel
    from channel_counts

    union all

    select
        conversion_type,
        channel_index as removed_index,
        channel as removed_channel
    from channels

),

-- column 0 of the augmented matrix is the right-hand side b
matrix_columns as (

    select
        conversion_type,
        0 as col_index
    from channel_counts

    union all

    select
        conversion_type,
        channel_index as col_index
    from channels

),

-- Q (channel to channel) and b (channel to conversion, column 0) by index
chain_entries as (

    select
        transitions.conversion_type,
        from_channels.channel_index as row_index,
        coalesce(to_channels.channel_index, 0) as col_index,
        transitions.transition_probability
    from transitions
    inner join channels as from_channels
        on transitions.conversion_type = from_channels.conversion_type
            and transitions.from_state = from_channels.channel
    left join channels as to_channels
        on transitions.conversion_type = to_channels.conversion_type
            and transitions.to_state = to_channels.channel
    where transitions.to_state != '(null)'

),

-- [I - Q | b] per removal; the removed channel's row is the identity with b = 0, so v(r) = 0
step_0 as (

    select
        removals.conversion_type,
        removals.removed_index,
        row_channels.channel_index as row_index,
        matrix_columns.col_index,
        cast(case
            when row_channels.channel_index = removals.removed_index
                then case when matrix_columns.col_index = row_channels.channel_index then 1 else 0 end
            when matrix_columns.col_index = 0
                then coalesce(chain_entries.transition_probability, 0)
            when matrix_columns.col_index = removals.removed_index then 0
            when matrix_columns.col_index = row_channels.channel_index
                then 1 - coalesce(chain_entries.transition_probability, 0)
            else -coalesce(chain_entries.transition_probability, 0)
        end as {{ sam.type_float() }}) as cell_value
    from removals
    inner join channels as row_channels
        on removals.conversion_type = row_channels.conversion_type
    inner join matrix_columns
        on removals.conversion_type = matrix_columns.conversion_type
    left join chain_entries
        on removals.conversion_type = chain_entries.conversion_type
            and row_channels.channel_index = chain_entries.row_index
            and matrix_columns.col_index = chain_entries.col_index

),

{% for k in range(1, max_channels + 1) %}
pivoted_{{ k }} as (

    select
        conversion_type,
        removed_index,
        row_index,
        col_index,
        cell_value,
        max(case when row_index = {{ k }} and col_index = {{ k }} then cell_value end) over (
            partition by conversion_type, removed_index
        ) as pivot_value,
        max(case when col_index = {{ k }} then cell_value end) over (
            partition by conversion_type, removed_index, row_index
        ) as row_factor,
        max(case when row_index = {{ k }} then cell_value end) over (
            partition by conversion_type, removed_index, col_index
        ) as pivot_row_value
    from step_{{ k - 1 }}

),

step_{{ k }} as (

    select
        conversion_type,
        removed_index,
        row_index,
        col_index,
        case
            -- fewer channels than k in this conversion type: nothing left to eliminate
            when pivot_value is null then cell_value
            when row_index = {{ k }} then cell_value / pivot_value
            else cell_value - row_factor * pivot_row_value / pivot_value
        end as cell_value
    from pivoted_{{ k }}

),

{% endfor %}
channel_probabilities as (

    select
        step_{{ max_channels }}.conversion_type,
        step_{{ max_channels }}.removed_index,
        step_{{ max_channels }}.row_index as channel_index,
        case
            when channel_counts.channel_count <= {{ max_channels }}
                then step_{{ max_channels }}.cell_value
        end as conversion_probability
    from step_{{ max_channels }}
    inner join channel_counts
        on step_{{ max_channels }}.conversion_type = channel_counts.conversion_type
    where step_{{ max_channels }}.col_index = 0

),

start_transitions as (

    select
        conversion_type,
        to_state as channel,
        transition_probability
    from transitions
    where from_state = '(start)'

),

-- P(conversion) from '(start)' = sum over channels of P(start, c) v(c), as a window so that the
-- eliminated matrix is read once (BigQuery would recompute the whole chain per reference)
with_start as (

    select
        channel_probabilities.conversion_type,
        channel_probabilities.removed_index,
        channel_probabilities.channel_index,
        channels.channel,
        channel_probabilities.conversion_probability,
        sum(
            start_transitions.transition_probability
            * channel_probabilities.conversion_probability
        ) over (
            partition by channel_probabilities.conversion_type, channel_probabilities.removed_index
        ) as start_probability
    from channel_probabilities
    inner join channels
        on channel_probabilities.conversion_type = channels.conversion_type
            and channel_probabilities.channel_index = channels.channel_index
    left join start_transitions
        on channels.conversion_type = start_transitions.conversion_type
            and channels.channel = start_transitions.channel

),

state_kinds as (

    select 'channel' as state_kind
    union all
    select '(start)' as state_kind

),

-- one row per channel, plus the '(start)' row taken once (from channel 1) per removal
states as (

    select
        with_start.conversion_type,
        with_start.removed_index,
        case
            when state_kinds.state_kind = '(start)' then '(start)' else with_start.channel
        end as state,
        case
            when state_kinds.state_kind = '(start)' then with_start.start_probability
            else with_start.conversion_probability
        end as conversion_probability
    from with_start
    cross join state_kinds
    where state_kinds.state_kind = 'channel'
        or with_start.channel_index = 1

),

final as (

    select
        states.conversion_type,
        removals.removed_channel,
        states.state,
        states.conversion_probability
    from states
    inner join removals
        on states.conversion_type = removals.conversion_type
            and states.removed_index = removals.removed_index

)

select * from final

{%- endmacro %}


{#- One row per conversion_type x channel: P(conversion) of the full graph and with the channel
    removed, the removal effect RE = 1 - P(without) / P(full), and the channel's share of the
    summed removal effects. RE is >= 0 in exact arithmetic; a rounding residue below 0 reads 0. A type without any
    conversion has NULL effects. -#}
{% macro markov_removal_effects(state_probabilities) -%}

with

start_probabilities as (

    select
        conversion_type,
        removed_channel,
        conversion_probability
    from {{ state_probabilities }}
    where state = '(start)'

),

full_graph as (

    select
        conversion_type,
        conversion_probability
    from start_probabilities
    where removed_channel = '(none)'

),

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

{%- endmacro %}
