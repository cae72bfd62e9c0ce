{#- Touch coverage: per conversion type, the share of conversions (leads, deals) and of their
    value (pipeline, revenue) whose journey has at least one touch, overall and per way the touch
    was found (stitching method, offline CRM touch, the CRM-recorded touch; crm_recorded_only =
    conversions whose only touches are CRM-recorded). -#}

{%- set methods = ['ga_client_id', 'user_id', 'gclid', 'user_id_device'] %}

with

conversions as (

    select * from {{ ref('int_attribution__conversions') }}

),

journeys as (

    select * from {{ ref('int_attribution__journeys') }}
    where is_converting

),

-- How each touch was found: by any person it is attached to.
touch_methods as (

    select
        touchpoint_id,
        {%- for method in methods %}
            max(case when is_{{ method }}_match then 1 else 0 end) as is_{{ method }},
        {%- endfor %}
        max(case when touch_type = 'web' then 1 else 0 end) as is_web,
        max(case when touch_type = 'offline' then 1 else 0 end) as is_offline,
        max(case when touch_type = 'crm_recorded' then 1 else 0 end) as is_crm_recorded
    from {{ ref('int_attribution__touchpoints') }}
    group by touchpoint_id

),

conversion_touches as (

    select
        journeys.conversion_type,
        journeys.conversion_id,
        {%- for method in methods %}
            max(touch_methods.is_{{ method }}) as is_{{ method }},
        {%- endfor %}
        max(touch_methods.is_web) as is_web,
        max(touch_methods.is_offline) as is_offline,
        max(touch_methods.is_crm_recorded) as is_crm_recorded,
        -- the conversion's only touches are CRM-recorded: no web or offline touch found it
        case
            when max(touch_methods.is_web) = 0 and max(touch_methods.is_offline) = 0 then 1 else 0
        end as is_crm_recorded_only,
        1 as is_any
    from journeys
    inner join touch_methods on journeys.touchpoint_id = touch_methods.touchpoint_id
    group by journeys.conversion_type, journeys.conversion_id

),

coverage_by_method as (

    {%- for method in ['any', 'web', 'offline', 'crm_recorded', 'crm_recorded_only'] + methods %}
        select
            converted.conversion_type,
            '{{ method }}' as touch_found_by,
            count(*) as conversions,
            sum(coalesce(conversion_touches.is_{{ method }}, 0)) as conversions_touched,
            sum(converted.conversion_value) as conversion_value,
            sum(
                case when conversion_touches.is_{{ method }} = 1 then converted.conversion_value else 0 end
            ) as conversion_value_touched
        -- not `conversions`: BigQuery's GROUP BY would read it as the count(*) alias above
        from conversions as converted
        left join conversion_touches
            on
                converted.conversion_type = conversion_touches.conversion_type
                and converted.conversion_id = conversion_touches.conversion_id
        group by converted.conversion_type
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}

)

select
    conversion_type,
    touch_found_by,
    conversions,
    conversions_touched,
    case
        when conversions > 0
            then cast(conversions_touched as {{ sam.type_float() }}) / conversions
    end as touch_coverage,
    conversion_value,
    conversion_value_touched,
    case
        when conversion_value > 0 then conversion_value_touched / conversion_value
    end as value_coverage
from coverage_by_method
