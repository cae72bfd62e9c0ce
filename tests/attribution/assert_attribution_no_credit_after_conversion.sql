{#- No touch after its conversion is in a converting journey or earns credit, and none is older
    than the lookback window allows (a won deal's window counts back from the opportunity's
    creation unless var sam_attribution_closed_won_lookback_from is closed_won). -#}

{%- set lookback_days = var('sam_attribution_lookback_days') %}

with

credits as (

    select
        conversion_type,
        conversion_id,
        touchpoint_id,
        touched_at,
        converted_at,
        credit
    from {{ ref('fct_attribution_credits') }}
    where touchpoint_id is not null

),

journeys as (

    select
        conversion_type,
        journey_id,
        touchpoint_id,
        touched_at,
        journey_end_at,
        {%- if var('sam_attribution_closed_won_lookback_from') == 'opportunity_created' %}
            case
                when conversion_type = 'closed_won' and opportunity_created_at < journey_end_at
                    then opportunity_created_at
                else journey_end_at
            end as lookback_from
        {%- else %}
        journey_end_at as lookback_from
        {%- endif %}
    from {{ ref('int_attribution__journeys') }}

)

select
    conversion_type,
    conversion_id as journey_id,
    touchpoint_id,
    touched_at,
    converted_at as journey_end_at,
    'credited after the conversion' as failure
from credits
where touched_at > converted_at

union all

select
    conversion_type,
    journey_id,
    touchpoint_id,
    touched_at,
    journey_end_at,
    case
        when touched_at > journey_end_at then 'after the journey end'
        else 'before the lookback window'
    end as failure
from journeys
where
    touched_at > journey_end_at
    or {{ dbt.datediff('touched_at', 'lookback_from', 'second') }} > 86400 * case conversion_type
        {%- for conversion_type, days in lookback_days.items() %}
            when '{{ conversion_type }}' then {{ days }}
        {%- endfor %}
    end
