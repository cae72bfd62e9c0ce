{#- Converting paths first: one row per conversion type x channel path (consecutive repeats of a
    channel collapsed, as in the Markov chain). A journey of one touch (most of them at scale: the
    anonymous visitors' single sessions) is its own path: journey_steps passes it through
    unwindowed and flags it, and only the other journeys go through the ordered aggregation
    (issue 18: the same rows, a fraction of the work). -#}

with

steps as (

    {{ sam.journey_steps(ref('int_attribution__journeys'), columns=['touch_count', 'conversion_value'])
        | indent(4) }}

),

journey_paths as (

    select
        conversion_type,
        is_converting,
        1 as path_length,
        channel as channel_path,
        touch_count as touches,
        conversion_value
    from steps
    where is_one_touch_journey

    union all

    select
        conversion_type,
        is_converting,
        count(*) as path_length,
        {{ dbt.listagg('channel', "' > '", 'order by touch_number') }} as channel_path,
        max(touch_count) as touches,
        max(conversion_value) as conversion_value
    from steps
    where not is_one_touch_journey
    group by conversion_type, journey_id, is_converting

),

paths as (

    select
        conversion_type,
        channel_path,
        max(path_length) as path_length,
        count(*) as journeys,
        sum(case when is_converting then 1 else 0 end) as conversions,
        sum(conversion_value) as conversion_value,
        avg(cast(touches as {{ sam.type_float() }})) as average_touches
    from journey_paths
    group by conversion_type, channel_path

),

final as (

    select
        conversion_type,
        channel_path,
        row_number() over (
            partition by conversion_type
            order by conversions desc, journeys desc, channel_path asc
        ) as path_rank,
        path_length,
        journeys,
        conversions,
        cast(conversions as {{ sam.type_float() }}) / journeys as conversion_rate,
        conversion_value,
        average_touches
    from paths

)

select * from final
