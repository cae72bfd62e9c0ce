{#- Attribution model x channel x platform x campaign over the reporting window (vars
    sam_reporting_start_date / sam_reporting_end_date): fct_campaign_daily's measures summed, the
    funnel ratios after the sum, and ranks by cost per lead and by ROI within the model. -#}
{{ config(materialized='table', cluster_by=['attribution_model', 'channel']) }}

with

campaign_daily as (

    select * from {{ ref('fct_campaign_daily') }}
    where {{ sam.reporting_window('date_day') }}

),

channels as (

    select * from {{ ref('dim_channels') }}

),

summed as (

    select
        attribution_model,
        channel,
        platform,
        campaign_key,
        min(campaign_name) as campaign_name,
        min(campaign_id) as campaign_id,
        min(date_day) as first_date,
        max(date_day) as last_date,
        {{ sam.scorecard_measures() }}
    from campaign_daily
    group by attribution_model, channel, platform, campaign_key

),

{{ sam.scorecard_scored_and_ranked('summed', 'channels') }}
