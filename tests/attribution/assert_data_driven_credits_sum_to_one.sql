{#- Every converting journey gets credits summing to 1 (and its whole value) under markov and
    under shapley: none is missing, none is double counted. (Conversions without touches get
    their '(no web touch)' row in fct_attribution_credits, whose own test covers them.) -#}

with

converting_journeys as (

    select
        conversion_type,
        conversion_id,
        max(conversion_value) as conversion_value
    from {{ ref('int_attribution__journeys') }}
    where is_converting
    group by conversion_type, conversion_id

),

credits as (

    select * from {{ ref('int_attribution__credits_markov') }}
    union all
    select * from {{ ref('int_attribution__credits_shapley') }}

),

attribution_models as (

    select 'markov' as attribution_model
    union all
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

),

expected as (

    select
        converting_journeys.conversion_type,
        converting_journeys.conversion_id,
        attribution_models.attribution_model,
        converting_journeys.conversion_value
    from converting_journeys
    cross join attribution_models

)

select
    coalesce(expected.conversion_type, totals.conversion_type) as conversion_type,
    coalesce(expected.conversion_id, totals.conversion_id) as conversion_id,
    coalesce(expected.attribution_model, totals.attribution_model) as attribution_model,
    totals.credit,
    totals.credited_value,
    expected.conversion_value
from expected
full outer join totals
    on expected.conversion_type = totals.conversion_type
        and expected.conversion_id = totals.conversion_id
        and expected.attribution_model = totals.attribution_model
where expected.conversion_id is null
    or totals.credit is null
    or abs(totals.credit - 1) > 1e-9
    or abs(totals.credited_value - expected.conversion_value)
    > 1e-9 * greatest(abs(expected.conversion_value), 1)
