{#- Per conversion and model, the credited value adds up to the conversion's value; per model,
    the credited value of all conversions of a type adds up to the value of that type. -#}

with

conversions as (

    select * from {{ ref('int_attribution__conversions') }}

),

credits as (

    select * from {{ ref('fct_attribution_credits') }}

),

credited as (

    select
        conversion_type,
        conversion_id,
        attribution_model,
        sum(credited_value) as credited_value
    from credits
    group by conversion_type, conversion_id, attribution_model

)

select
    credited.conversion_type,
    credited.conversion_id,
    credited.attribution_model,
    credited.credited_value,
    conversions.conversion_value
from credited
left join conversions
    on
        credited.conversion_type = conversions.conversion_type
        and credited.conversion_id = conversions.conversion_id
where
    conversions.conversion_id is null
    or abs(credited.credited_value - conversions.conversion_value)
    > 1e-6 * (1 + abs(conversions.conversion_value))
