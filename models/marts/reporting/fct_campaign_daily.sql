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
        {{ sam.dated_credit_columns('credits', 'leads') }},
        coalesce({{ sam_session_ad_platform('sessions.source') }}, '(none)') as platform,
        coalesce({{ sam_campaign_key('credits.campaign') }}, '(not set)') as campaign_key,
        credits.campaign
    from credits
    left join sessions on credits.touchpoint_id = sessions.session_key
    {{ sam.lead_junk_join('credits', 'leads') }}

),

credited as (

    select
        date_day,
        attribution_model,
        channel,
        platform,
        campaign_key,
        min(campaign) as campaign_name,
        {{ sam.credited_measures() }}
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
        {{ sam.spend_measures('spend') }}
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
    {{ sam.credited_columns('credited') }},
    {{ sam.spend_columns('daily_spend') }}
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
