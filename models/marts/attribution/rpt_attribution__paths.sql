{#- Converting paths first: one row per conversion type x channel path (consecutive repeats of a
    channel collapsed, as in the Markov chain). -#}

with

steps as (

    {{ sam.journey_steps(ref('int_attribution__journeys')) | indent(4) }}

),

journey_values as (

    select
        conversion_type,
        journey_id,
        max(touch_count) as touches,
        max(conversion_value) as conversion_value
    from {{ ref('int_attribution__journeys') }}
    group by conversion_type, journey_id

),

journey_paths as (

    select
        conversion_type,
        journey_id,
        is_converting,
        count(*) as path_length,
        {{ dbt.listagg('channel', "' > '", 'order by touch_number') }} as channel_path
    from steps
    group by conversion_type, journey_id, is_converting

),

paths as (

    select
        journey_paths.conversion_type,
        journey_paths.channel_path,
        max(journey_paths.path_length) as path_length,
        count(*) as journeys,
        sum(case when journey_paths.is_converting then 1 else 0 end) as conversions,
        sum(journey_values.conversion_value) as conversion_value,
        avg(cast(journey_values.touches as {{ sam.type_float() }})) as average_touches
    from journey_paths
    inner join journey_values
        on journey_paths.conversion_type = journey_values.conversion_type
            and journey_paths.journey_id = journey_values.journey_id
    group by journey_paths.conversion_type, journey_paths.channel_path

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
