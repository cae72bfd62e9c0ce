{#- Daily spend per platform x campaign in the reporting currency, with the original amount and
    currency kept: every ad platform's stats plus the manual costs (platform 'manual'). Converted at
    the day's rate from int_fx__rates_daily (the rates the CRM layer uses); a day without a rate
    keeps the row with spend NULL and fx_rate_missing. -#}
{{
    config(
        materialized='table',
        partition_by=sam.partition_by_day('date_day'),
        cluster_by=['channel', 'platform'],
    )
}}

with

ad_stats as (
    select * from {{ ref('int_ad_platforms__campaign_stats_daily') }}
),

campaigns as (
    select * from {{ ref('dim_ad_campaigns') }}
),

{% if sam_var_is_true('sam_manual_costs_enabled') -%}
    manual_costs as (
        select * from {{ ref('int_ad_platforms__manual_costs_daily') }}
    ),
{%- endif %}

fx_rates as (
    select * from {{ ref('int_fx__rates_daily') }}
),

ad_spend as (
    select
        ad_stats.date_day,
        ad_stats.platform,
        ad_stats.account_id,
        ad_stats.campaign_id,
        campaigns.campaign_name,
        campaigns.campaign_key,
        campaigns.source,
        campaigns.medium,
        campaigns.channel,
        campaigns.session_campaign_key,
        campaigns.campaign_match,
        ad_stats.currency_code as currency_original,
        ad_stats.spend_original,
        ad_stats.clicks,
        ad_stats.impressions
    from ad_stats
    left join campaigns
        on ad_stats.platform = campaigns.platform
            and ad_stats.campaign_id = campaigns.campaign_id
),

{% if sam_var_is_true('sam_manual_costs_enabled') -%}
-- Manual costs name their channel; they meet no session campaign (campaign_match 'manual').
    manual_spend as (
        select
            date_day,
            'manual' as platform,
            cast(null as {{ sam.type_string() }}) as account_id,
            campaign_id,
            coalesce(campaign, cost_item) as campaign_name,
            {{ sam_campaign_key('campaign') }} as campaign_key,
            cast(null as {{ sam.type_string() }}) as source,
            cast(null as {{ sam.type_string() }}) as medium,
            channel,
            cast(null as {{ sam.type_string() }}) as session_campaign_key,
            'manual' as campaign_match,
            currency_code as currency_original,
            cast(spend_original as {{ sam.type_float() }}) as spend_original,
            cast(0 as {{ sam.type_bigint() }}) as clicks,
            cast(0 as {{ sam.type_bigint() }}) as impressions
        from manual_costs
    ),
{%- endif %}

all_spend as (
    select * from ad_spend
    {% if sam_var_is_true('sam_manual_costs_enabled') -%}
        union all
        select * from manual_spend
    {%- endif %}
),

converted as (
    select
        all_spend.*,
        fx_rates.rate as fx_rate,
        {{ to_reporting_currency('all_spend.spend_original', 'all_spend.currency_original', 'fx_rates.rate') }}
            as spend,
        -- An unknown currency (a connector without one) cannot be converted either.
        coalesce(
            {{ fx_rate_missing('all_spend.currency_original', 'fx_rates.rate') }}, true
        ) as fx_rate_missing
    from all_spend
    left join fx_rates
        on all_spend.date_day = fx_rates.date_day
            and all_spend.currency_original = fx_rates.currency_from
),

final as (
    select
        -- ids
        date_day,
        platform,
        account_id,
        campaign_id,

        -- strings
        campaign_name,
        campaign_key,
        source,
        medium,
        channel,
        session_campaign_key,
        campaign_match,
        currency_original,

        -- numerics
        spend,
        spend_original,
        fx_rate,
        clicks,
        impressions,

        -- booleans
        fx_rate_missing
    from converted
)

select * from final
