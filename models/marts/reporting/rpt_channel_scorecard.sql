{#- Channel x attribution model over the reporting window (vars sam_reporting_start_date /
    sam_reporting_end_date): the additive measures of fct_channel_daily summed, the funnel ratios
    computed after that sum, and the channel's rank by cost per lead and by ROI within its model -
    the rankings side by side show what ranking by CPL hides. Ranks are among paid channels
    (dim_channels.is_paid) only; rank_by_cpl excludes junk leads, rank_by_cpl_all_leads does not. -#}
{{ config(materialized='table', cluster_by=['attribution_model']) }}

with

channel_daily as (

    select * from {{ ref('fct_channel_daily') }}
    where {{ sam.reporting_window('date_day') }}

),

channels as (

    select * from {{ ref('dim_channels') }}

),

summed as (

    select
        channel,
        attribution_model,
        min(date_day) as first_date,
        max(date_day) as last_date,
        sum(sessions) as sessions,
        {{ sam.scorecard_measures() }}
    from channel_daily
    group by channel, attribution_model

),

{{ sam.scorecard_scored_and_ranked('summed', 'channels') }}
