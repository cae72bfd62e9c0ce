{#- Markov step 2 of 3: the absorbing chain's conversion probabilities, solved exactly.
    One row per conversion_type x removed channel ('(none)' = the full graph) x state ('(start)'
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

{{ config(materialized='table') }}

{%- set max_channels = var('sam_markov_max_channels') | int -%}

with

-- 1. The chain's transition probabilities (int_attribution__markov_transitions).
transitions as (

    select
        conversion_type,
        from_state,
        to_state,
        cast(transition_probability as {{ sam.type_float() }}) as transition_probability
    from {{ ref('int_attribution__markov_transitions') }}

),

-- 2. The channel states of each conversion type, numbered 1..n: the matrix's row and column
-- indexes.
channels as (

    select
        conversion_type,
        to_state as channel,
        dense_rank() over (partition by conversion_type order by to_state) as channel_index
    from transitions
    where to_state not in ('(conversion)', '(null)')
    group by conversion_type, to_state

),

-- n per conversion type (the cap check below compares it to sam_markov_max_channels).
channel_counts as (

    select
        conversion_type,
        count(*) as channel_count
    from channels
    group by conversion_type

),

-- 3. The graphs to solve: removed_index 0 is the full graph; k removes the channel with
-- channel_index k
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

-- 4. The augmented matrix's columns: column 0 is the right-hand side b, then one per channel.
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

-- 5. Q (channel to channel) and b (channel to conversion, column 0) by index.
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

-- 6. [I - Q | b] per removal; the removed channel's row is the identity with b = 0, so
-- v(r) = 0.
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

{#- 7. Gauss-Jordan elimination, one pair of CTEs per channel index k (unrolled up to
    sam_markov_max_channels): pivoted_k reads row k's pivot, each row's factor in column k
    and row k's value in each column; step_k divides row k by its pivot and subtracts
    factor x row k from every other row. -#}
{% for k in range(1, max_channels + 1) %}
    -- elimination on column {{ k }}
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
-- 8. After the last step column 0 holds v: each channel's probability of converting (NULL when
-- the type has more channels than the cap).
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

-- 9. The probabilities of leaving (start) for each channel ...
start_transitions as (

    select
        conversion_type,
        to_state as channel,
        transition_probability
    from transitions
    where from_state = '(start)'

),

-- ... and P(conversion) from '(start)' = sum over channels of P(start, c) v(c), as a window so that the
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

-- 10. The output: one row per channel state plus one (start) row per removal.
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
