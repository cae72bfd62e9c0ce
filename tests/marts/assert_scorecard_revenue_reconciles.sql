{#- Revenue in each scorecard, under EVERY attribution model, equals the won amount of the deals
    in fct_deals that closed inside the reporting window (the value each closed-won conversion
    carries, var sam_attribution_conversion_values). Credits of one conversion sum to 1 per model,
    so no model may lose or invent revenue. A row is returned per mismatch. -#}
{{ config(severity='error') }}

with

won as (

    select
        coalesce(sum({{ sam.attribution_conversion_value('closed_won', 'won_amount') }}), 0)
            as won_amount
    from {{ ref('fct_deals') }}
    where is_won and closed_at is not null and {{ sam.reporting_window('closed_date') }}

),

channel_revenue as (

    select
        'rpt_channel_scorecard' as scorecard,
        attribution_model,
        sum(revenue) as revenue
    from {{ ref('rpt_channel_scorecard') }}
    group by attribution_model

),

campaign_revenue as (

    select
        'rpt_campaign_scorecard' as scorecard,
        attribution_model,
        sum(revenue) as revenue
    from {{ ref('rpt_campaign_scorecard') }}
    group by attribution_model

),

scorecards as (

    select * from channel_revenue
    union all
    select * from campaign_revenue

)

select
    scorecards.scorecard,
    scorecards.attribution_model,
    scorecards.revenue,
    won.won_amount
from scorecards
cross join won
where abs(scorecards.revenue - won.won_amount) > 0.01
