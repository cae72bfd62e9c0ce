{{
    config(
        materialized='table',
        partition_by=sam.partition_by_day('date_day'),
        cluster_by=['channel', 'attribution_model'],
    )
}}

{#- Day x channel x attribution model, additive measures only. Funnel counts and values are the
    credits of fct_attribution_credits under that model, dated by the conversion date; sessions
    and spend are not attributed and repeat, identical, under every model. Ratios belong in the
    scorecards (after aggregation), never here. -#}

with

credits as (

    select * from {{ ref('fct_attribution_credits') }}

),

leads as (

    select
        lead_id,
        is_junk
    from {{ ref('fct_leads') }}

),

sessions as (

    select * from {{ ref('fct_sessions') }}

),

spend as (

    select * from {{ ref('fct_spend_daily') }}

),

attribution_models as (

    select distinct attribution_model from credits

),

-- Each credit on its conversion date, with the junk flag of the lead it belongs to (lead stages).
dated_credits as (

    select
        cast(credits.converted_at as date) as date_day,
        credits.channel,
        credits.attribution_model,
        credits.conversion_type,
        credits.credit,
        credits.credited_value,
        coalesce(leads.is_junk, false) as is_junk_lead
    from credits
    left join leads
        on
            credits.conversion_id = leads.lead_id
            and credits.conversion_type in ('lead_created', 'mql', 'sql')

),

credited as (

    select
        date_day,
        channel,
        attribution_model,
        sum(case when conversion_type = 'lead_created' then credit else 0 end) as leads,
        sum(case when conversion_type = 'lead_created' and is_junk_lead then credit else 0 end)
            as junk_leads,
        sum(case when conversion_type = 'mql' then credit else 0 end) as mqls,
        sum(case when conversion_type = 'mql' and is_junk_lead then credit else 0 end)
            as junk_mqls,
        sum(case when conversion_type = 'sql' then credit else 0 end) as sqls,
        sum(case when conversion_type = 'opportunity_created' then credit else 0 end)
            as opportunities,
        sum(case when conversion_type = 'opportunity_created' then credited_value else 0 end)
            as pipeline_amount,
        sum(case when conversion_type = 'closed_won' then credit else 0 end) as won_deals,
        sum(case when conversion_type = 'closed_won' then credited_value else 0 end) as revenue
    from dated_credits
    group by date_day, channel, attribution_model

),

daily_sessions as (

    select
        session_date as date_day,
        coalesce(channel, 'Unassigned') as channel,
        count(*) as sessions,
        sum(case when is_engaged then 1 else 0 end) as engaged_sessions
    from sessions
    group by session_date, coalesce(channel, 'Unassigned')

),

daily_spend as (

    select
        date_day,
        channel,
        sum(spend) as spend,
        sum(clicks) as clicks,
        sum(impressions) as impressions,
        sum(case when fx_rate_missing then 1 else 0 end) as spend_rows_missing_fx
    from spend
    group by date_day, channel

),

day_channels as (

    select
        date_day,
        channel
    from daily_sessions
    union all
    select
        date_day,
        channel
    from daily_spend
    union all
    select
        date_day,
        channel
    from credited

),

spine as (

    select distinct
        day_channels.date_day,
        day_channels.channel,
        attribution_models.attribution_model
    from day_channels
    cross join attribution_models

)

select
    spine.date_day,
    spine.channel,
    spine.attribution_model,
    coalesce(daily_sessions.sessions, 0) as sessions,
    coalesce(daily_sessions.engaged_sessions, 0) as engaged_sessions,
    coalesce(credited.leads, 0) as leads,
    coalesce(credited.junk_leads, 0) as junk_leads,
    coalesce(credited.leads, 0) - coalesce(credited.junk_leads, 0) as qualified_leads,
    coalesce(credited.mqls, 0) as mqls,
    coalesce(credited.mqls, 0) - coalesce(credited.junk_mqls, 0) as qualified_mqls,
    coalesce(credited.sqls, 0) as sqls,
    coalesce(credited.opportunities, 0) as opportunities,
    coalesce(credited.pipeline_amount, 0) as pipeline_amount,
    coalesce(credited.won_deals, 0) as won_deals,
    coalesce(credited.revenue, 0) as revenue,
    coalesce(daily_spend.spend, 0) as spend,
    coalesce(daily_spend.clicks, 0) as clicks,
    coalesce(daily_spend.impressions, 0) as impressions,
    coalesce(daily_spend.spend_rows_missing_fx, 0) as spend_rows_missing_fx
from spine
left join daily_sessions
    on
        spine.date_day = daily_sessions.date_day
        and spine.channel = daily_sessions.channel
left join daily_spend
    on
        spine.date_day = daily_spend.date_day
        and spine.channel = daily_spend.channel
left join credited
    on
        spine.date_day = credited.date_day
        and spine.channel = credited.channel
        and spine.attribution_model = credited.attribution_model
