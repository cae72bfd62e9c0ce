{#- Converting paths first: one row per conversion type x channel path (consecutive repeats of a
    channel collapsed, as in the Markov chain). A journey of one touch (most of them at scale: the
    anonymous visitors' single sessions) is its own path; only the other journeys go
    through the steps and the ordered aggregation (issue 18: the same rows, a fraction of the
    work). -#}

with

single_touch_paths as (

    select
        conversion_type,
        journey_id,
        is_converting,
        1 as path_length,
        channel as channel_path,
        touch_count as touches,
        conversion_value
    from {{ ref('int_attribution__journeys') }}
    where touch_count = 1

),

multi_touch_journeys as (

    select
        conversion_type,
        journey_id,
        is_converting,
        touch_number,
        touch_count,
        channel,
        conversion_value
    from {{ ref('int_attribution__journeys') }}
    where touch_count is null or touch_count != 1

),

steps as (

    {{ sam.journey_steps('multi_touch_journeys') | indent(4) }}

),

journey_values as (

    select
        conversion_type,
        journey_id,
        max(touch_count) as touches,
        max(conversion_value) as conversion_value
    from multi_touch_journeys
    group by conversion_type, journey_id

),

multi_touch_paths as (

    select
        conversion_type,
        journey_id,
        is_converting,
        count(*) as path_length,
        {{ dbt.listagg('channel', "' > '", 'order by touch_number') }} as channel_path
    from steps
    group by conversion_type, journey_id, is_converting

),

journey_paths as (

    select
        conversion_type,
        is_converting,
        path_length,
        channel_path,
        touches,
        conversion_value
    from single_touch_paths

    union all

    select
        multi_touch_paths.conversion_type,
        multi_touch_paths.is_converting,
        multi_touch_paths.path_length,
        multi_touch_paths.channel_path,
        journey_values.touches,
        journey_values.conversion_value
    from multi_touch_paths
    inner join journey_values
        on multi_touch_paths.conversion_type = journey_values.conversion_type
            and multi_touch_paths.journey_id = journey_values.journey_id

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
