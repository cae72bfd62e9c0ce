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

scored as (

    select
        summed.*,
        coalesce(channels.is_paid, false) as is_paid,
        {{ sam.scorecard_ratios() }}
    from summed
    left join channels on summed.channel = channels.channel

)

select
    *,
    {{ sam.scorecard_rank('cost_per_qualified_lead', 'attribution_model', 'asc', 'is_paid') }}
        as rank_by_cpl,
    {{ sam.scorecard_rank('cost_per_lead', 'attribution_model', 'asc', 'is_paid') }}
        as rank_by_cpl_all_leads,
    {{ sam.scorecard_rank('roi', 'attribution_model', 'desc', 'is_paid') }} as rank_by_roi
from scored
