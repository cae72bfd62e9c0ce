{#- Spend in each scorecard, under EVERY attribution model (spend is not attributed), equals the
    spend of fct_spend_daily inside the reporting window. A row is returned per mismatch. -#}
{{ config(severity='error') }}

with

spend as (

    select coalesce(sum(spend), 0) as spend
    from {{ ref('fct_spend_daily') }}
    where {{ sam.reporting_window('date_day') }}

),

channel_spend as (

    select
        'rpt_channel_scorecard' as scorecard,
        attribution_model,
        sum(spend) as spend
    from {{ ref('rpt_channel_scorecard') }}
    group by attribution_model

),

campaign_spend as (

    select
        'rpt_campaign_scorecard' as scorecard,
        attribution_model,
        sum(spend) as spend
    from {{ ref('rpt_campaign_scorecard') }}
    group by attribution_model

),

scorecards as (

    select * from channel_spend
    union all
    select * from campaign_spend

)

select
    scorecards.scorecard,
    scorecards.attribution_model,
    scorecards.spend,
    spend.spend as spend_daily
from scorecards
cross join spend
where abs(scorecards.spend - spend.spend) > 0.01
