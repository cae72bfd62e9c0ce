{#- Every credit SAM gives: conversion x touch x attribution model. Conversions without any
    touch get one '(no web touch)' row per model, so credits and value always reconcile with
    the conversions. -#}
{{
    config(
        materialized='table',
        partition_by=sam.partition_by_day('converted_at', 'timestamp'),
        cluster_by=['attribution_model', 'conversion_type'],
    )
}}

{#- The data-driven models (docs/attribution-data-driven.md) listed in the var. -#}
{%- set data_driven = ['markov', 'shapley'] | select('in', var('sam_attribution_models')) | list %}
{%- set credit_columns = [
    'conversion_type', 'conversion_id', 'attribution_model', 'touchpoint_id', 'channel',
    'campaign', 'touched_at', 'converted_at', 'credit', 'credited_value',
] %}

with

rule_based as (

    select * from {{ ref('int_attribution__credits_rule_based') }}

),

conversions as (

    select * from {{ ref('int_attribution__conversions') }}

),

-- How each touch was found: web, offline or crm_recorded (reports show or hide the latter), and
-- the GA4 property of a web touch's session (null for the others).
touch_types as (

    select distinct
        touchpoint_id,
        touch_type,
        property_id
    from {{ ref('int_attribution__touchpoints') }}

),

journeys as (

    select distinct
        conversion_type,
        conversion_id
    from {{ ref('int_attribution__journeys') }}
    where is_converting

),

attribution_models as (

    {%- for model_name in var('sam_attribution_models') %}
        select '{{ model_name }}' as attribution_model
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}

),

touch_credits as (

    select {{ credit_columns | join(', ') }} from rule_based
    {%- for model_name in data_driven %}
        union all
        select {{ credit_columns | join(', ') }}
        from {{ ref('int_attribution__credits_' ~ model_name) }}
    {%- endfor %}

),

-- A conversion whose journey has no touch: all its credit to '(no web touch)'.
no_touch_credits as (

    select
        conversions.conversion_type,
        conversions.conversion_id,
        attribution_models.attribution_model,
        cast(null as {{ sam.type_string() }}) as touchpoint_id,
        '(no web touch)' as channel,
        cast(null as {{ sam.type_string() }}) as campaign,
        cast(null as {{ sam.type_timestamp() }}) as touched_at,
        conversions.converted_at,
        cast(1.0 as {{ sam.type_float() }}) as credit,
        conversions.conversion_value as credited_value
    from conversions
    cross join attribution_models
    left join journeys
        on
            conversions.conversion_type = journeys.conversion_type
            and conversions.conversion_id = journeys.conversion_id
    where journeys.conversion_id is null

),

credits as (

    select * from touch_credits
    union all
    select * from no_touch_credits

)

select
    credits.*,
    coalesce(touch_types.touch_type, 'none') as touch_type,
    coalesce(touch_types.touch_type = 'crm_recorded', false) as is_crm_recorded,
    touch_types.property_id
from credits
left join touch_types on credits.touchpoint_id = touch_types.touchpoint_id
