{#- Every conversion gets exactly one unit of credit under every enabled model (a touchless one
    through its '(no web touch)' row): no conversion x model missing, none over or under 1. -#}

with

conversions as (

    select * from {{ ref('int_attribution__conversions') }}

),

credits as (

    select * from {{ ref('fct_attribution_credits') }}

),

attribution_models as (

    select distinct attribution_model from credits

),

credit_totals as (

    select
        conversion_type,
        conversion_id,
        attribution_model,
        sum(credit) as total_credit,
        min(credit) as min_credit,
        max(credit) as max_credit
    from credits
    group by conversion_type, conversion_id, attribution_model

)

select
    conversions.conversion_type,
    conversions.conversion_id,
    attribution_models.attribution_model,
    credit_totals.total_credit,
    credit_totals.min_credit,
    credit_totals.max_credit
from conversions
cross join attribution_models
left join credit_totals
    on
        conversions.conversion_type = credit_totals.conversion_type
        and conversions.conversion_id = credit_totals.conversion_id
        and attribution_models.attribution_model = credit_totals.attribution_model
where
    credit_totals.total_credit is null
    or abs(credit_totals.total_credit - 1) > 1e-9
    or credit_totals.min_credit < 0
    or credit_totals.max_credit > 1 + 1e-9
