{#- Every ad campaign of the enabled platforms, one row per platform x campaign: its latest version,
    its account, the (source, medium) its clicks carry (var sam_ad_platforms) and the channel those
    give through the SAME channel macro the sessions use (macros/channels/). Campaigns that have
    stats but no history row are kept (no name), so no spend loses its channel. -#}

-- A table: the channel and medium rules are unit-tested, and dbt cannot unit-test an ephemeral model.
{{ config(materialized='table') }}

{%- set platforms = sam_enabled_ad_platforms() %}
{%- set history = {
    'google_ads': 'stg_google_ads__campaign_history',
    'microsoft_ads': 'stg_microsoft_ads__campaign_history',
    'facebook_ads': 'stg_facebook_ads__campaign_history',
    'linkedin_ads': 'stg_linkedin_ads__campaign_history',
} %}
{%- set accounts = {
    'google_ads': 'stg_google_ads__account_history',
    'microsoft_ads': 'stg_microsoft_ads__account_history',
    'facebook_ads': 'stg_facebook_ads__account_history',
    'linkedin_ads': 'stg_linkedin_ads__account_history',
} %}

with

{% for platform in platforms -%}
    {{ platform }}_campaigns as (
        select
            '{{ platform }}' as platform,
            campaign_id,
            account_id,
            campaign_name,
            campaign_type,
            campaign_status,
            {% if platform == 'linkedin_ads' -%}
                campaign_group_id
            {%- else -%}
                cast(null as {{ sam.type_string() }}) as campaign_group_id
            {%- endif %}
        from {{ ref(history[platform]) }}
        where is_latest_version
    ),

    {{ platform }}_accounts as (
        select
            '{{ platform }}' as platform,
            account_id,
            account_name,
            currency_code,
            {% if platform == 'linkedin_ads' -%}
                'UTC' as time_zone
            {%- else -%}
                time_zone
            {%- endif %}
        from {{ ref(accounts[platform]) }}
        where is_latest_version
    ),

{% endfor -%}

{% if 'linkedin_ads' in platforms -%}
    linkedin_ads_campaign_groups as (
        select * from {{ ref('stg_linkedin_ads__campaign_group_history') }}
        where is_latest_version
    ),
{%- endif %}

-- The enabled platforms stacked (an empty relation of the right shape when none is enabled).
history_campaigns as (
    {{ sam_union_platforms(platforms, '_campaigns', [
        ['platform', sam.type_string()],
        ['campaign_id', sam.type_string()],
        ['account_id', sam.type_string()],
        ['campaign_name', sam.type_string()],
        ['campaign_type', sam.type_string()],
        ['campaign_status', sam.type_string()],
        ['campaign_group_id', sam.type_string()],
    ]) }}
),

platform_accounts as (
    {{ sam_union_platforms(platforms, '_accounts', [
        ['platform', sam.type_string()],
        ['account_id', sam.type_string()],
        ['account_name', sam.type_string()],
        ['currency_code', sam.type_string()],
        ['time_zone', sam.type_string()],
    ]) }}
),

daily_stats as (
    select * from {{ ref('int_ad_platforms__campaign_stats_daily') }}
),

-- Campaigns with spend but no history row: kept with what the stats know (account, no name).
stats_only_campaigns as (
    select
        daily_stats.platform,
        daily_stats.campaign_id,
        max(daily_stats.account_id) as account_id
    from daily_stats
    left join history_campaigns
        on daily_stats.platform = history_campaigns.platform
            and daily_stats.campaign_id = history_campaigns.campaign_id
    where history_campaigns.campaign_id is null
    group by 1, 2
),

all_campaigns as (
    select
        *,
        true as is_in_campaign_history
    from history_campaigns
    union all
    select
        platform,
        campaign_id,
        account_id,
        cast(null as {{ sam.type_string() }}) as campaign_name,
        cast(null as {{ sam.type_string() }}) as campaign_type,
        cast(null as {{ sam.type_string() }}) as campaign_status,
        cast(null as {{ sam.type_string() }}) as campaign_group_id,
        false as is_in_campaign_history
    from stats_only_campaigns
),

with_traffic as (
    select
        all_campaigns.*,
        {{ sam_ad_platform_source('all_campaigns.platform') }} as source,
        {{ sam_ad_platform_medium('all_campaigns.platform', 'all_campaigns.campaign_type') }} as medium
    from all_campaigns
),

-- The same lookup as int_ga4__session_channels (macros/channels/source_categories.sql).
source_categories as (
    {{ sam_source_categories() }}
),

categorised as (
    select
        with_traffic.*,
        source_categories.source_category
    from with_traffic
    left join source_categories
        on {{ sam_source_category_match('with_traffic.source', 'source_categories') }}
),

final as (
    select
        -- ids
        categorised.platform,
        categorised.campaign_id,
        categorised.account_id,
        categorised.campaign_group_id,

        -- strings
        categorised.campaign_name,
        {{ sam_campaign_key('categorised.campaign_name') }} as campaign_key,
        categorised.campaign_type,
        categorised.campaign_status,
        {% if 'linkedin_ads' in platforms -%}
            linkedin_ads_campaign_groups.campaign_group_name,
        {%- else -%}
            cast(null as {{ sam.type_string() }}) as campaign_group_name,
        {%- endif %}
        platform_accounts.account_name,
        platform_accounts.currency_code,
        platform_accounts.time_zone,
        categorised.source,
        categorised.medium,
        categorised.source_category,
        {{ sam_session_channel(
            'categorised.source', 'categorised.medium', 'categorised.campaign_name',
            'categorised.source_category',
            overrides=var('sam_channel_overrides'),
        ) }} as channel,
        {{ sam_session_channel_rule(
            'categorised.source', 'categorised.medium', 'categorised.campaign_name',
            'categorised.source_category',
            overrides=var('sam_channel_overrides'),
        ) }} as channel_rule,

        -- booleans
        categorised.is_in_campaign_history
    from categorised
    left join platform_accounts
        on categorised.platform = platform_accounts.platform
            and categorised.account_id = platform_accounts.account_id
    {% if 'linkedin_ads' in platforms -%}
        left join linkedin_ads_campaign_groups
            on categorised.platform = 'linkedin_ads'
                and categorised.campaign_group_id = linkedin_ads_campaign_groups.campaign_group_id
    {%- endif %}
)

select * from final
