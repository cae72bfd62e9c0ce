{{
    config(
        materialized='table',
        partition_by=sam.partition_by_day('date_day'),
        cluster_by=['channel', 'platform', 'attribution_model'],
    )
}}

{#- Day x attribution model x channel x platform x campaign, additive measures only: the credits
    of fct_attribution_credits on their conversion date next to the spend of fct_spend_daily.
    A credited web touch gets its ad platform from its session source (sam_session_ad_platform, the
    rule dim_ad_campaigns matches spend with) and its campaign key from utm_campaign; spend meets
    it on (platform, session_campaign_key). Spend that matches no session campaign keeps its own
    campaign key; offline and non-ad touches have platform '(none)'. -#}

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

    select
        session_key,
        source
    from {{ ref('fct_sessions') }}

),

spend as (

    select * from {{ ref('fct_spend_daily') }}

),

attribution_models as (

    select distinct attribution_model from credits

),

dated_credits as (

    select
        cast(credits.converted_at as date) as date_day,
        credits.attribution_model,
        credits.channel,
        coalesce({{ sam_session_ad_platform('sessions.source') }}, '(none)') as platform,
        coalesce({{ sam_campaign_key('credits.campaign') }}, '(not set)') as campaign_key,
        credits.campaign,
        credits.conversion_type,
        credits.credit,
        credits.credited_value,
        coalesce(leads.is_junk, false) as is_junk_lead
    from credits
    left join sessions on credits.touchpoint_id = sessions.session_key
    left join leads
        on
            credits.conversion_id = leads.lead_id
            and credits.conversion_type in ('lead_created', 'mql', 'sql')

),

credited as (

    select
        date_day,
        attribution_model,
        channel,
        platform,
        campaign_key,
        min(campaign) as campaign_name,
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
    group by date_day, attribution_model, channel, platform, campaign_key

),

daily_spend as (

    select
        date_day,
        channel,
        platform,
        coalesce(session_campaign_key, campaign_key, {{ dbt.concat(["'id:'", 'campaign_id']) }})
            as campaign_key,
        min(campaign_name) as campaign_name,
        min(campaign_id) as campaign_id,
        count(distinct campaign_id) as ad_campaigns,
        sum(spend) as spend,
        sum(clicks) as clicks,
        sum(impressions) as impressions,
        sum(case when fx_rate_missing then 1 else 0 end) as spend_rows_missing_fx
    from spend
    group by
        date_day,
        channel,
        platform,
        coalesce(session_campaign_key, campaign_key, {{ dbt.concat(["'id:'", 'campaign_id']) }})

),

day_campaigns as (

    select
        date_day,
        channel,
        platform,
        campaign_key
    from daily_spend
    union all
    select
        date_day,
        channel,
        platform,
        campaign_key
    from credited

),

spine as (

    select distinct
        day_campaigns.date_day,
        attribution_models.attribution_model,
        day_campaigns.channel,
        day_campaigns.platform,
        day_campaigns.campaign_key
    from day_campaigns
    cross join attribution_models

)

select
    spine.date_day,
    spine.attribution_model,
    spine.channel,
    spine.platform,
    spine.campaign_key,
    coalesce(daily_spend.campaign_name, credited.campaign_name) as campaign_name,
    daily_spend.campaign_id,
    coalesce(daily_spend.ad_campaigns, 0) as ad_campaigns,
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
left join daily_spend
    on
        spine.date_day = daily_spend.date_day
        and spine.channel = daily_spend.channel
        and spine.platform = daily_spend.platform
        and spine.campaign_key = daily_spend.campaign_key
left join credited
    on
        spine.date_day = credited.date_day
        and spine.attribution_model = credited.attribution_model
        and spine.channel = credited.channel
        and spine.platform = credited.platform
        and spine.campaign_key = credited.campaign_key
