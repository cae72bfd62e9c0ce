{#- rpt_markov_removal_effects shares exactly the conversions (and value) of each type among its
    channels and '(no web touch)': its totals equal int_attribution__conversions'. -#}

with

conversion_totals as (

    select
        conversion_type,
        count(*) as conversions,
        sum(conversion_value) as conversion_value
    from {{ ref('int_attribution__conversions') }}
    group by conversion_type

),

report_totals as (

    select
        conversion_type,
        sum(attributed_conversions) as conversions,
        sum(attributed_value) as conversion_value
    from {{ ref('rpt_markov_removal_effects') }}
    group by conversion_type

)

select
    coalesce(conversion_totals.conversion_type, report_totals.conversion_type) as conversion_type,
    conversion_totals.conversions,
    report_totals.conversions as attributed_conversions,
    conversion_totals.conversion_value,
    report_totals.conversion_value as attributed_value
from conversion_totals
full outer join report_totals
    on conversion_totals.conversion_type = report_totals.conversion_type
where abs(coalesce(conversion_totals.conversions, 0) - coalesce(report_totals.conversions, 0))
    > 1e-9
    or abs(coalesce(conversion_totals.conversion_value, 0) - coalesce(report_totals.conversion_value, 0))
    > 1e-9 * greatest(abs(coalesce(conversion_totals.conversion_value, 0)), 1)
