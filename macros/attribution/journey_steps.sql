{#- One row per step of a journey: its touches with consecutive repeats of a channel collapsed
    into one step (A, A, B, A -> A, B, A), keeping each step's first touch_number. The Markov
    chain's states (int_attribution__markov_transitions) and the path report's paths
    (rpt_attribution__paths) are built from these steps.
    A journey of one touch (most of them at scale: anonymous visitors' single sessions) is already
    one step: it is passed through without the windows and flagged is_one_touch_journey, so a
    caller's own ordered aggregation can skip it too (issue 18: the same rows, a fraction of the
    work). A null touch count (an input without the column, e.g. a unit-test fixture) goes
    through the windows: the same steps.
    with_neighbours adds each step's previous_channel and next_channel (null at the journey's
    start and end; both null for a one-touch journey). `columns` are further columns of the
    journeys carried onto each step. -#}
{% macro journey_steps(journeys, touch_count='touch_count', columns=[], with_neighbours=false) -%}
{%- set step_columns = ['conversion_type', 'journey_id', 'is_converting', 'touch_number', 'channel']
    + columns %}

with

touches as (

    select
        {%- for column in step_columns %}
        {{ column }},
        {%- endfor %}
        lag(channel) over (
            partition by conversion_type, journey_id
            order by touch_number
        ) as previous_touch_channel
    from {{ journeys }}
    where {{ touch_count }} is null or {{ touch_count }} != 1

),

multi_touch_steps as (

    select
        {%- for column in step_columns %}
        {{ column }}{{ ',' if not loop.last }}
        {%- endfor %}
    from touches
    where previous_touch_channel is null
        or previous_touch_channel != channel

),

final as (

    select
        {%- for column in step_columns %}
        {{ column }},
        {%- endfor %}
        {%- if with_neighbours %}
        lag(channel) over (
            partition by conversion_type, journey_id
            order by touch_number
        ) as previous_channel,
        lead(channel) over (
            partition by conversion_type, journey_id
            order by touch_number
        ) as next_channel,
        {%- endif %}
        false as is_one_touch_journey
    from multi_touch_steps

    union all

    select
        {%- for column in step_columns %}
        {{ column }},
        {%- endfor %}
        {%- if with_neighbours %}
        cast(null as {{ sam.type_string() }}) as previous_channel,
        cast(null as {{ sam.type_string() }}) as next_channel,
        {%- endif %}
        true as is_one_touch_journey
    from {{ journeys }}
    where {{ touch_count }} = 1

)

select * from final

{%- endmacro %}
