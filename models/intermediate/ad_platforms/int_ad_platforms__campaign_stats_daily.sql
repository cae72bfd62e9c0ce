{#- Daily spend of every enabled ad platform at one grain: platform x campaign x day, in the
    account's currency. Segments (device, network, ad) are summed; nothing is filtered, so each
    platform's total equals its raw table's (tests/spend/assert_spend_conserved_raw_to_mart.sql). -#}

-- A table: dbt unit tests cannot test an ephemeral model, and fct_spend_daily and its tests read it.
{{ config(materialized='table') }}

{%- set platforms = sam_enabled_ad_platforms() %}

with

{% if 'google_ads' in platforms -%}
    google_ads_stats as (
        select * from {{ ref('stg_google_ads__campaign_stats') }}
    ),

    google_ads_accounts as (
        select * from {{ ref('stg_google_ads__account_history') }}
        where is_latest_version
    ),

    google_ads as (
        select
            'google_ads' as platform,
            google_ads_stats.account_id,
            google_ads_stats.campaign_id,
            google_ads_stats.date_day,
            google_ads_accounts.currency_code,
            sum(google_ads_stats.spend) as spend_original,
            sum(google_ads_stats.clicks) as clicks,
            sum(google_ads_stats.impressions) as impressions,
            count(*) as source_rows
        from google_ads_stats
        left join google_ads_accounts
            on google_ads_stats.account_id = google_ads_accounts.account_id
        group by 1, 2, 3, 4, 5
    ),
{%- endif %}

{% if 'microsoft_ads' in platforms -%}
    microsoft_ads_stats as (
        select * from {{ ref('stg_microsoft_ads__campaign_performance_daily_report') }}
    ),

    microsoft_ads_accounts as (
        select * from {{ ref('stg_microsoft_ads__account_history') }}
        where is_latest_version
    ),

    -- The report names each row's currency; the account's is the fallback.
    microsoft_ads as (
        select
            'microsoft_ads' as platform,
            microsoft_ads_stats.account_id,
            microsoft_ads_stats.campaign_id,
            microsoft_ads_stats.date_day,
            coalesce(microsoft_ads_stats.currency_code, microsoft_ads_accounts.currency_code) as currency_code,
            sum(microsoft_ads_stats.spend) as spend_original,
            sum(microsoft_ads_stats.clicks) as clicks,
            sum(microsoft_ads_stats.impressions) as impressions,
            count(*) as source_rows
        from microsoft_ads_stats
        left join microsoft_ads_accounts
            on microsoft_ads_stats.account_id = microsoft_ads_accounts.account_id
        group by 1, 2, 3, 4, 5
    ),
{%- endif %}

{% if 'facebook_ads' in platforms -%}
    facebook_ads_stats as (
        select * from {{ ref('stg_facebook_ads__basic_ad') }}
    ),

    facebook_ads_ads as (
        select * from {{ ref('stg_facebook_ads__ad_history') }}
        where is_latest_version
    ),

    facebook_ads_accounts as (
        select * from {{ ref('stg_facebook_ads__account_history') }}
        where is_latest_version
    ),

    -- Stats are per ad; the ad's latest version names its campaign. An ad missing from ad_history
    -- keeps its spend under a campaign id that says so (it then shows in the unmatched report).
    facebook_ads as (
        select
            'facebook_ads' as platform,
            facebook_ads_stats.account_id,
            coalesce(
                facebook_ads_ads.campaign_id,
                {{ dbt.concat(["'(campaign of ad '", 'facebook_ads_stats.ad_id', "')'"]) }}
            ) as campaign_id,
            facebook_ads_stats.date_day,
            facebook_ads_accounts.currency_code,
            sum(facebook_ads_stats.spend) as spend_original,
            sum(facebook_ads_stats.clicks) as clicks,
            sum(facebook_ads_stats.impressions) as impressions,
            count(*) as source_rows
        from facebook_ads_stats
        left join facebook_ads_ads
            on facebook_ads_stats.ad_id = facebook_ads_ads.ad_id
        left join facebook_ads_accounts
            on facebook_ads_stats.account_id = facebook_ads_accounts.account_id
        group by 1, 2, 3, 4, 5
    ),
{%- endif %}

{% if 'linkedin_ads' in platforms -%}
    linkedin_ads_stats as (
        select * from {{ ref('stg_linkedin_ads__ad_analytics_by_campaign') }}
    ),

    linkedin_ads_campaigns as (
        select * from {{ ref('stg_linkedin_ads__campaign_history') }}
        where is_latest_version
    ),

    linkedin_ads_accounts as (
        select * from {{ ref('stg_linkedin_ads__account_history') }}
        where is_latest_version
    ),

    -- The stats carry only the campaign: its latest version names the account (and so the currency).
    linkedin_ads as (
        select
            'linkedin_ads' as platform,
            linkedin_ads_campaigns.account_id,
            linkedin_ads_stats.campaign_id,
            linkedin_ads_stats.date_day,
            linkedin_ads_accounts.currency_code,
            sum(linkedin_ads_stats.spend) as spend_original,
            sum(linkedin_ads_stats.clicks) as clicks,
            sum(linkedin_ads_stats.impressions) as impressions,
            count(*) as source_rows
        from linkedin_ads_stats
        left join linkedin_ads_campaigns
            on linkedin_ads_stats.campaign_id = linkedin_ads_campaigns.campaign_id
        left join linkedin_ads_accounts
            on linkedin_ads_campaigns.account_id = linkedin_ads_accounts.account_id
        group by 1, 2, 3, 4, 5
    ),
{%- endif %}

-- No platform enabled: an empty table of the right shape.
no_platform as (
    select
        cast(null as {{ dbt.type_string() }}) as platform,
        cast(null as {{ dbt.type_string() }}) as account_id,
        cast(null as {{ dbt.type_string() }}) as campaign_id,
        cast(null as date) as date_day,
        cast(null as {{ dbt.type_string() }}) as currency_code,
        cast(null as {{ dbt.type_float() }}) as spend_original,
        cast(null as {{ dbt.type_bigint() }}) as clicks,
        cast(null as {{ dbt.type_bigint() }}) as impressions,
        cast(null as {{ dbt.type_bigint() }}) as source_rows
    from (select 1 as one) as one_row
    where false
),

unioned as (
    {% for platform in platforms -%}
        select * from {{ platform }}
        union all
    {% endfor -%}
    select * from no_platform
),

final as (
    select
        -- ids
        platform,
        account_id,
        campaign_id,

        -- strings
        currency_code,

        -- numerics
        cast(spend_original as {{ dbt.type_float() }}) as spend_original,
        cast(clicks as {{ dbt.type_bigint() }}) as clicks,
        cast(impressions as {{ dbt.type_bigint() }}) as impressions,
        cast(source_rows as {{ dbt.type_bigint() }}) as source_rows,

        -- dates
        date_day
    from unioned
)

select * from final
