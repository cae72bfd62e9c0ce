{#- One row per conversion_type x channel: Anderl et al.'s channel-level Markov credit, the
    conversions (and their value) of the type's converting journeys shared in proportion to the
    channels' removal effects. Conversions without any touch are not in the chain; they appear
    as channel '(no web touch)' with a NULL removal effect, so the attributed conversions of a
    type add up to all its conversions. -#}
{% macro markov_channel_credits(removal_effects, journeys, conversions) -%}

with

removal_effects as (

    select * from {{ removal_effects }}

),

converting_journeys as (

    select
        conversion_type,
        journey_id,
        max(conversion_value) as conversion_value
    from {{ journeys }}
    where is_converting
    group by conversion_type, journey_id

),

journey_totals as (

    select
        conversion_type,
        count(*) as conversions,
        sum(conversion_value) as conversion_value
    from converting_journeys
    group by conversion_type

),

untouched_conversions as (

    select
        converted.conversion_type,
        count(*) as conversions,
        sum(converted.conversion_value) as conversion_value
    -- not `conversions`: BigQuery's GROUP BY would read it as the count(*) alias above
    from {{ conversions }} as converted
    left join converting_journeys
        on converted.conversion_type = converting_journeys.conversion_type
            and converted.conversion_id = converting_journeys.journey_id
    where converting_journeys.journey_id is null
    group by converted.conversion_type

),

chain_channels as (

    select
        removal_effects.conversion_type,
        removal_effects.channel,
        removal_effects.removal_effect,
        removal_effects.removal_effect_share,
        removal_effects.conversion_probability,
        removal_effects.conversion_probability_without_channel,
        coalesce(removal_effects.removal_effect_share * journey_totals.conversions, 0)
            as attributed_conversions,
        coalesce(removal_effects.removal_effect_share * journey_totals.conversion_value, 0)
            as attributed_value
    from removal_effects
    left join journey_totals
        on removal_effects.conversion_type = journey_totals.conversion_type

),

untouched as (

    select
        conversion_type,
        '(no web touch)' as channel,
        cast(null as {{ sam.type_float() }}) as removal_effect,
        cast(null as {{ sam.type_float() }}) as removal_effect_share,
        cast(null as {{ sam.type_float() }}) as conversion_probability,
        cast(null as {{ sam.type_float() }}) as conversion_probability_without_channel,
        cast(conversions as {{ sam.type_float() }}) as attributed_conversions,
        cast(conversion_value as {{ sam.type_float() }}) as attributed_value
    from untouched_conversions

),

final as (

    select * from chain_channels
    union all
    select * from untouched

)

select * from final

{%- endmacro %}
