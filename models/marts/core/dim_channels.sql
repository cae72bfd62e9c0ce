{#- Every channel the marts name - from sessions, spend and attribution - with whether it is
    bought media (var sam_paid_channels) and where it appears. Read from the intermediate models
    the facts are built from (int_ga4__sessions, the ad campaigns with stats and the manual costs,
    the converting journeys and conversions), never from the facts: a dimension sits upstream of
    the facts that join it. -#}
{{ config(materialized='table') }}

{%- set paid_channels = var('sam_paid_channels') or [] %}

with

session_channels as (

    select distinct coalesce(channel, 'Unassigned') as channel
    from {{ ref('int_ga4__sessions') }}

),

-- Channels of the campaigns that have spend rows (fct_spend_daily's ad spend), plus the manual
-- costs' own channels.
spend_channels as (

    select distinct channel from (
        select campaigns.channel
        from {{ ref('int_ad_platforms__campaigns') }} as campaigns
        inner join (
            select distinct
                platform,
                campaign_id
            from {{ ref('int_ad_platforms__campaign_stats_daily') }}
        ) as stats
            on campaigns.platform = stats.platform
                and campaigns.campaign_id = stats.campaign_id
        {%- if sam_var_is_true('sam_manual_costs_enabled') %}
            union all
            select channel
            from {{ ref('int_ad_platforms__manual_costs_daily') }}
        {%- endif %}
    ) as spend

),

converting_journeys as (

    select distinct
        conversion_type,
        conversion_id,
        channel
    from {{ ref('int_attribution__journeys') }}
    where is_converting

),

-- The channels fct_attribution_credits credits: every touch of a converting journey, and
-- '(no web touch)' for a conversion whose journey has no touch.
credit_channels as (

    select distinct channel from (
        select channel
        from converting_journeys
        union all
        select '(no web touch)' as channel
        from {{ ref('int_attribution__conversions') }} as conversions
        where not exists (
                select 1
                from converting_journeys
                where
                    converting_journeys.conversion_type = conversions.conversion_type
                    and converting_journeys.conversion_id = conversions.conversion_id
            )
    ) as credited

),

all_channels as (

    select channel from session_channels
    union all
    select channel from spend_channels
    union all
    select channel from credit_channels

),

channels as (

    select distinct channel
    from all_channels
    where channel is not null

)

select
    channels.channel,
    {%- if paid_channels | length > 0 %}
        channels.channel in (
            {%- for name in paid_channels %}
                {{ sam_sql_string(name) }}{% if not loop.last %},{% endif %}
            {%- endfor %}
        ) as is_paid,
    {%- else %}
        false as is_paid,
    {%- endif %}
    channels.channel = '(no web touch)' as is_no_touch,
    session_channels.channel is not null as has_sessions,
    spend_channels.channel is not null as has_spend,
    credit_channels.channel is not null as has_conversions
from channels
left join session_channels on channels.channel = session_channels.channel
left join spend_channels on channels.channel = spend_channels.channel
left join credit_channels on channels.channel = credit_channels.channel
