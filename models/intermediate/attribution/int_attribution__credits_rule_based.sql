{#- Credits of every touch of every converting journey under each enabled rule-based model
    (var sam_attribution_models), exactly as docs/attribution.md defines them. Position shares
    come from macros/attribution/attribution_position_shares.sql (written once). -#}
{{
    config(
        materialized='table',
        partition_by=sam.partition_by_day('converted_at', 'timestamp'),
        cluster_by=['attribution_model'],
    )
}}

{%- set rule_models = [
    'first_touch', 'last_touch', 'last_non_direct', 'linear', 'time_decay',
    'u_shaped', 'w_shaped', 'full_path',
] -%}
{%- set enabled = var('sam_attribution_models') | select('in', rule_models) | list -%}
{%- set shapes = sam.attribution_position_shares() -%}
{%- set middle_conditions = {
    'between_ft_and_lc': 'touch_number > 1 and touch_number < lc_touch_number',
    'between_ft_and_oc':
        'touch_number > 1 and touch_number < coalesce(oc_touch_number, lc_touch_number)'
        ~ ' and not is_lc',
    'not_a_role': 'not (is_ft or is_lc or is_oc or is_cw)',
} -%}
{%- set role_touch_numbers = {
    'ft': '1', 'lc': 'lc_touch_number', 'oc': 'oc_touch_number', 'cw': 'cw_touch_number',
} -%}

with

journeys as (

    select * from {{ ref('int_attribution__journeys') }}
    where is_converting

),

attribution_models as (

    {%- for model_name in enabled %}
    select '{{ model_name }}' as attribution_model
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
    {%- if not enabled %}
    select cast(null as {{ sam.type_string() }}) as attribution_model
    from journeys
    where false
    {%- endif %}

),

-- Time-decay weight: halves every sam_attribution_half_life_days before the conversion.
decayed as (

    select
        *,
        power(
            0.5,
            {{ dbt.datediff('touched_at', 'converted_at', 'second') }}
            / (86400.0 * {{ var('sam_attribution_half_life_days') }})
        ) as decay_weight
    from journeys

),

-- Journey-level positions every rule needs, in one pass of window functions.
positioned as (

    select
        *,
        sum(decay_weight) over (partition by conversion_type, journey_id) as decay_total,
        coalesce(
            max(case when channel != 'Direct' then touch_number end) over (
                partition by conversion_type, journey_id
            ),
            touch_count
        ) as last_non_direct_touch_number,
        max(case when is_lc then touch_number end) over (
            partition by conversion_type, journey_id
        ) as lc_touch_number,
        max(case when is_oc then touch_number end) over (
            partition by conversion_type, journey_id
        ) as oc_touch_number,
        max(case when is_cw then touch_number end) over (
            partition by conversion_type, journey_id
        ) as cw_touch_number
    from decayed

),

middle_counted as (

    select
        *,
        {%- for middle_name, condition in middle_conditions.items() %}
        sum(case when {{ condition }} then 1 else 0 end) over (
            partition by conversion_type, journey_id
        ) as middle_count_{{ middle_name }}{{ ',' if not loop.last }}
        {%- endfor %}
    from positioned

),

modelled as (

    select
        middle_counted.*,
        attribution_models.attribution_model,
        case attribution_models.attribution_model
            {%- for model_name in shapes %}
            when '{{ model_name }}'
                then {{ sam.attribution_position_model(model_name, 'middle_counted.conversion_type') }}
            {%- endfor %}
        end as position_model
    from middle_counted
    cross join attribution_models

),

credited as (

    select
        *,
        case
            when attribution_model = 'first_touch'
                then case when touch_number = 1 then 1.0 else 0.0 end
            when attribution_model = 'last_touch'
                then case when touch_number = touch_count then 1.0 else 0.0 end
            when attribution_model = 'last_non_direct'
                then case when touch_number = last_non_direct_touch_number then 1.0 else 0.0 end
            when attribution_model = 'linear'
                then 1.0 / touch_count
            when attribution_model = 'time_decay'
                then decay_weight / decay_total
            {%- for shape_name, shape in shapes.items() %}
            {%- set live_roles = [] %}
            {%- for role in ['ft', 'lc', 'oc', 'cw'] if shape[role] > 0 %}{% do live_roles.append(role) %}{% endfor %}
            {%- set middle_count = 'middle_count_' ~ shape.middle_touches %}
            {%- set present_roles -%}
                ({% for role in live_roles %}case when {{ role_touch_numbers[role] }} is not null then 1 else 0 end{{ ' + ' if not loop.last }}{% endfor %})
            {%- endset %}
            {%- set present_share -%}
                ({% for role in live_roles %}case when {{ role_touch_numbers[role] }} is not null then {{ shape[role] }} else 0 end{{ ' + ' if not loop.last }}{% endfor %})
            {%- endset %}
            {#- What no role or middle touch takes (a missing role, no middle touch) is shared
                evenly by the roles present, so the credits still sum to 1. #}
            {%- set unclaimed -%}
                (1.0 - {{ present_share }} - case when {{ middle_count }} > 0 then {{ shape.middle }} else 0 end) / {{ present_roles }}
            {%- endset %}
            when position_model = '{{ shape_name }}'
                then
                {%- for role in live_roles %}
                    case when {{ role_touch_numbers[role] }} = touch_number then {{ shape[role] }} + {{ unclaimed }} else 0 end +
                {%- endfor %}
                    case
                        when {{ middle_conditions[shape.middle_touches] }}
                            then {{ shape.middle }} / {{ middle_count }}
                        else 0
                    end
            {%- endfor %}
        end as credit
    from modelled

)

select
    conversion_type,
    conversion_id,
    attribution_model,
    touchpoint_id,
    touch_type,
    channel,
    campaign,
    touched_at,
    converted_at,
    -- Rounded to 12 decimals: engines sum floats in different orders; this keeps DuckDB and
    -- BigQuery results identical (credits still sum to 1 within 1e-11).
    cast(round(credit, 12) as {{ sam.type_float() }}) as credit,
    cast(round(credit, 12) * conversion_value as {{ sam.type_float() }}) as credited_value,
    touch_number,
    touch_count
from credited
