{#- Daily spend of every enabled ad platform at one grain: platform x campaign x day, in the
    account's currency. Segments (device, network, ad) are summed; nothing is filtered, so each
    platform's total equals its raw table's (tests/spend/assert_spend_conserved_raw_to_mart.sql). -#}

-- A table: dbt unit tests cannot test an ephemeral model, and fct_spend_daily and its tests read it.
{{ config(materialized='table') }}

{%- set platforms = sam_enabled_ad_platforms() %}
{#- Per platform: its stats model, the latest-version lookups joined to it (in order; each one's
    CTE is <platform>_<name>, aliased <name>) and the expressions giving account, campaign and
    currency. `stats` is the stats model's alias.
    - microsoft_ads: the report names each row's currency; the account's is the fallback.
    - facebook_ads: stats are per ad; the ad's latest version names its campaign. An ad missing from
      ad_history keeps its spend under a campaign id that says so (it then shows in the unmatched
      report).
    - linkedin_ads: the stats carry only the campaign: its latest version names the account (and so
      the currency). -#}
{%- set on_account = 'stats.account_id = accounts.account_id' %}
{%- set sources = {
    'google_ads': {
        'stats': 'stg_google_ads__campaign_stats',
        'lookups': [{'name': 'accounts', 'model': 'stg_google_ads__account_history', 'on': on_account}],
    },
    'microsoft_ads': {
        'stats': 'stg_microsoft_ads__campaign_performance_daily_report',
        'lookups': [{'name': 'accounts', 'model': 'stg_microsoft_ads__account_history', 'on': on_account}],
        'currency_code': 'coalesce(stats.currency_code, accounts.currency_code)',
    },
    'facebook_ads': {
        'stats': 'stg_facebook_ads__basic_ad',
        'lookups': [
            {'name': 'ads', 'model': 'stg_facebook_ads__ad_history', 'on': 'stats.ad_id = ads.ad_id'},
            {'name': 'accounts', 'model': 'stg_facebook_ads__account_history', 'on': on_account},
        ],
        'campaign_id': 'coalesce(ads.campaign_id, '
            ~ dbt.concat(["'(campaign of ad '", 'stats.ad_id', "')'"]) ~ ')',
    },
    'linkedin_ads': {
        'stats': 'stg_linkedin_ads__ad_analytics_by_campaign',
        'lookups': [
            {
                'name': 'campaigns',
                'model': 'stg_linkedin_ads__campaign_history',
                'on': 'stats.campaign_id = campaigns.campaign_id',
            },
            {
                'name': 'accounts',
                'model': 'stg_linkedin_ads__account_history',
                'on': 'campaigns.account_id = accounts.account_id',
            },
        ],
        'account_id': 'campaigns.account_id',
    },
} %}

with

{% for platform in platforms -%}
    {%- set source = sources[platform] %}
    {{ platform }}_stats as (
        select * from {{ ref(source.stats) }}
    ),

    {% for lookup in source.lookups -%}
        {{ platform }}_{{ lookup.name }} as (
            select * from {{ ref(lookup.model) }}
            where is_latest_version
        ),

    {% endfor -%}
    {{ platform }} as (
        select
            '{{ platform }}' as platform,
            {{ source.get('account_id', 'stats.account_id') }} as account_id,
            {{ source.get('campaign_id', 'stats.campaign_id') }} as campaign_id,
            stats.date_day,
            {{ source.get('currency_code', 'accounts.currency_code') }} as currency_code,
            sum(stats.spend) as spend_original,
            sum(stats.clicks) as clicks,
            sum(stats.impressions) as impressions,
            count(*) as source_rows
        from {{ platform }}_stats as stats
        {%- for lookup in source.lookups %}
            left join {{ platform }}_{{ lookup.name }} as {{ lookup.name }}
                on {{ lookup.on }}
        {%- endfor %}
        group by 1, 2, 3, 4, 5
    ),

{% endfor -%}

-- The enabled platforms stacked; no platform enabled: an empty table of the right shape.
unioned as (
    {{ sam_union_platforms(platforms, '', [
        ['platform', sam.type_string()],
        ['account_id', sam.type_string()],
        ['campaign_id', sam.type_string()],
        ['date_day', 'date'],
        ['currency_code', sam.type_string()],
        ['spend_original', sam.type_float()],
        ['clicks', sam.type_bigint()],
        ['impressions', sam.type_bigint()],
        ['source_rows', sam.type_bigint()],
    ]) }}
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
        cast(spend_original as {{ sam.type_float() }}) as spend_original,
        cast(clicks as {{ sam.type_bigint() }}) as clicks,
        cast(impressions as {{ sam.type_bigint() }}) as impressions,
        cast(source_rows as {{ sam.type_bigint() }}) as source_rows,

        -- dates
        date_day
    from unioned
)

select * from final
