{#- How long journeys are: one row per conversion type x measure x value, for
    'touches' (touches per journey, all journeys) and 'days_to_conversion' (whole days from the
    first touch to the conversion, converting journeys only). -#}

with

journeys as (

    select
        conversion_type,
        journey_id,
        is_converting,
        max(touch_count) as touches,
        min(touched_at) as first_touched_at,
        max(converted_at) as converted_at
    from {{ ref('int_attribution__journeys') }}
    group by conversion_type, journey_id, is_converting

),

measured as (

    select
        conversion_type,
        is_converting,
        'touches' as measure,
        touches as measure_value
    from journeys

    union all

    select
        conversion_type,
        is_converting,
        'days_to_conversion' as measure,
        cast(floor(
            {{ dbt.datediff('first_touched_at', 'converted_at', 'second') }} / 86400.0
        ) as {{ sam.type_int() }}) as measure_value
    from journeys
    where is_converting

),

counted as (

    select
        conversion_type,
        measure,
        measure_value,
        count(*) as journeys,
        sum(case when is_converting then 1 else 0 end) as conversions
    from measured
    group by conversion_type, measure, measure_value

),

final as (

    select
        conversion_type,
        measure,
        measure_value,
        journeys,
        conversions,
        cast(conversions as {{ sam.type_float() }}) / journeys as conversion_rate,
        cast(conversions as {{ sam.type_float() }})
        / nullif(sum(conversions) over (partition by conversion_type, measure), 0)
            as share_of_conversions,
        cast(
            sum(conversions) over (
                partition by conversion_type, measure
                order by measure_value
                rows between unbounded preceding and current row
            ) as {{ sam.type_float() }}
        )
        / nullif(sum(conversions) over (partition by conversion_type, measure), 0)
            as cumulative_share_of_conversions
    from counted

)

select * from final
