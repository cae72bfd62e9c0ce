{#- One row per conversion x touch for a data-driven model ('markov' or 'shapley'), the columns
    of the credits contract. Each converting journey's credit is split across its DISTINCT
    channels, then equally across that channel's touches in the journey:
    - shapley (Zhao et al.'s simplified Shapley): equally across the distinct channels;
    - markov: in proportion to the channels' removal effects for the conversion type (given as
      `removal_effects`); should they all be 0 for a journey, equally (as shapley).
    Credits sum to 1 per converting journey. Conversions without any touch have no journey and
    no row here: fct_attribution_credits gives them one '(no web touch)' row per model, for the
    rule-based and the data-driven models alike. -#}
{% macro data_driven_credits(journeys, attribution_model, removal_effects=none) -%}

with

touches as (

    select
        conversion_type,
        conversion_id,
        channel,
        touchpoint_id,
        campaign,
        touched_at,
        converted_at,
        conversion_value
    from {{ journeys }}
    where is_converting

),

journey_channels as (

    select
        conversion_type,
        conversion_id,
        channel,
        count(*) as channel_touches
    from touches
    group by conversion_type, conversion_id, channel

),

channel_weights as (

    select
        journey_channels.conversion_type,
        journey_channels.conversion_id,
        journey_channels.channel,
        journey_channels.channel_touches,
        count(*) over (
            partition by journey_channels.conversion_type, journey_channels.conversion_id
        ) as journey_channel_count,
        {%- if removal_effects is not none %}
        coalesce(removal_effects.removal_effect, 0) as channel_weight
        {%- else %}
        cast(1 as {{ sam.type_float() }}) as channel_weight
        {%- endif %}
    from journey_channels
    {%- if removal_effects is not none %}
    left join {{ removal_effects }} as removal_effects
        on journey_channels.conversion_type = removal_effects.conversion_type
            and journey_channels.channel = removal_effects.channel
    {%- endif %}

),

channel_shares as (

    select
        conversion_type,
        conversion_id,
        channel,
        channel_touches,
        coalesce(
            channel_weight
            / nullif(sum(channel_weight) over (partition by conversion_type, conversion_id), 0),
            1.0 / journey_channel_count
        ) as channel_share
    from channel_weights

),

touch_credits as (

    select
        touches.conversion_type,
        touches.conversion_id,
        '{{ attribution_model }}' as attribution_model,
        touches.touchpoint_id,
        touches.channel,
        touches.campaign,
        touches.touched_at,
        touches.converted_at,
        channel_shares.channel_share / channel_shares.channel_touches as credit,
        touches.conversion_value
    from touches
    inner join channel_shares
        on touches.conversion_type = channel_shares.conversion_type
            and touches.conversion_id = channel_shares.conversion_id
            and touches.channel = channel_shares.channel

),

final as (

    select
        conversion_type,
        conversion_id,
        attribution_model,
        touchpoint_id,
        channel,
        campaign,
        touched_at,
        converted_at,
        cast(credit as {{ sam.type_float() }}) as credit,
        cast(credit * conversion_value as {{ sam.type_float() }}) as credited_value
    from touch_credits

)

select * from final

{%- endmacro %}
