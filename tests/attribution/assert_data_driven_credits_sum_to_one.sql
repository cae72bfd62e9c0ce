{#- Every conversion gets credits summing to 1 (and its whole value) under markov and under
    shapley: none is missing, none is double counted. -#}

with

conversions as (

    select * from {{ ref('int_attribution__conversions') }}

),

credits as (

    select * from {{ ref('int_attribution__credits_markov') }}
    union all
    select * from {{ ref('int_attribution__credits_shapley') }}

),

models as (

    select distinct attribution_model from credits
    union distinct
    select 'markov' as attribution_model
    union distinct
    select 'shapley' as attribution_model

),

totals as (

    select
        conversion_type,
        conversion_id,
        attribution_model,
        sum(credit) as credit,
        sum(credited_value) as credited_value
    from credits
    group by conversion_type, conversion_id, attribution_model

)

select
    conversions.conversion_type,
    conversions.conversion_id,
    models.attribution_model,
    totals.credit,
    totals.credited_value,
    conversions.conversion_value
from conversions
cross join models
left join totals
    on conversions.conversion_type = totals.conversion_type
        and conversions.conversion_id = totals.conversion_id
        and models.attribution_model = totals.attribution_model
where totals.credit is null
    or abs(totals.credit - 1) > 1e-9
    or abs(totals.credited_value - conversions.conversion_value)
    > 1e-9 * greatest(abs(conversions.conversion_value), 1)
