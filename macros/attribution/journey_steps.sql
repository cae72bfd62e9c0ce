{#- One row per step of a journey: its touches with consecutive repeats of a channel collapsed
    into one step (A, A, B, A -> A, B, A), keeping each step's first touch_number. The Markov
    chain's states (int_attribution__markov_transitions) and the path report's paths
    (rpt_attribution__paths) are built from these steps. -#}
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
