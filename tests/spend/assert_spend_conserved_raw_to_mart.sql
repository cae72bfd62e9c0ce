{#- Spend conservation, raw tables -> fct_spend_daily, per platform x day: the raw stats summed
    straight from the sources (with the account currency of the raw account tables, latest row per
    account) must equal the mart's spend_original, and, converted at the day's rate of
    int_fx__rates_daily, its spend - to the cent. A day or platform present on one side only
    fails too. Manual costs: each month's amounts (stg_manual__costs) must equal the mart's days.
    Returns the offending rows. -#}

{%- set platforms = sam_enabled_ad_platforms() %}
{%- set cent = 0.005 %}

with

{% if 'google_ads' in platforms -%}
    google_ads_accounts as (
        select
            cast(id as {{ sam.type_string() }}) as account_id,
            upper(trim(currency_code)) as currency,
            row_number() over (partition by id order by updated_at desc) as recency
        from {{ source('google_ads', 'account_history') }}
    ),

    google_ads_raw as (
        select
            'google_ads' as platform,
            cast(stats.date as date) as date_day,
            accounts.currency,
            sum(stats.cost_micros) / 1000000.0 as amount
        from {{ source('google_ads', 'campaign_stats') }} as stats
        left join google_ads_accounts as accounts
            on cast(stats.customer_id as {{ sam.type_string() }}) = accounts.account_id
                and accounts.recency = 1
        group by 1, 2, 3
    ),
{%- endif %}

{% if 'microsoft_ads' in platforms -%}
    microsoft_ads_raw as (
        select
            'microsoft_ads' as platform,
            cast(date as date) as date_day,
            upper(trim(currency_code)) as currency,
            sum(spend) as amount
        from {{ source('microsoft_ads', 'campaign_performance_daily_report') }}
        group by 1, 2, 3
    ),
{%- endif %}

{% if 'facebook_ads' in platforms -%}
    facebook_ads_accounts as (
        select
            cast(id as {{ sam.type_string() }}) as account_id,
            upper(trim({{ sam_column_or_null(
            sam_source_columns(source('facebook_ads', 'account_history')), 'currency', sam.type_string()
        ) }})) as currency,
            row_number() over (partition by id order by _fivetran_synced desc) as recency
        from {{ source('facebook_ads', 'account_history') }}
    ),

    facebook_ads_raw as (
        select
            'facebook_ads' as platform,
            cast(stats.date as date) as date_day,
            accounts.currency,
            sum(stats.spend) as amount
        from {{ source('facebook_ads', 'basic_ad') }} as stats
        left join facebook_ads_accounts as accounts
            on cast(stats.account_id as {{ sam.type_string() }}) = accounts.account_id
                and accounts.recency = 1
        group by 1, 2, 3
    ),
{%- endif %}

{% if 'linkedin_ads' in platforms -%}
    linkedin_ads_campaigns as (
        select
            cast(id as {{ sam.type_string() }}) as campaign_id,
            cast(account_id as {{ sam.type_string() }}) as account_id,
            row_number() over (partition by id order by last_modified_time desc) as recency
        from {{ source('linkedin_ads', 'campaign_history') }}
    ),

    linkedin_ads_accounts as (
        select
            cast(id as {{ sam.type_string() }}) as account_id,
            upper(trim(currency)) as currency,
            row_number() over (partition by id order by last_modified_time desc) as recency
        from {{ source('linkedin_ads', 'account_history') }}
    ),

    linkedin_ads_raw as (
        select
            'linkedin_ads' as platform,
            cast(stats.day as date) as date_day,
            accounts.currency,
            sum(stats.cost_in_local_currency) as amount
        from {{ source('linkedin_ads', 'ad_analytics_by_campaign') }} as stats
        left join linkedin_ads_campaigns as campaigns
            on cast(stats.campaign_id as {{ sam.type_string() }}) = campaigns.campaign_id
                and campaigns.recency = 1
        left join linkedin_ads_accounts as accounts
            on campaigns.account_id = accounts.account_id
                and accounts.recency = 1
        group by 1, 2, 3
    ),
{%- endif %}

raw_by_currency as (
    {% for platform in platforms -%}
        select * from {{ platform }}_raw
        union all
    {% endfor -%}
    select
        cast(null as {{ sam.type_string() }}) as platform,
        cast(null as date) as date_day,
        cast(null as {{ sam.type_string() }}) as currency,
        cast(null as {{ sam.type_float() }}) as amount
    from (select 1 as one) as one_row
    where false
),

fx_rates as (
    select * from {{ ref('int_fx__rates_daily') }}
),

raw_converted as (
    select
        raw_by_currency.platform,
        raw_by_currency.date_day,
        sum(raw_by_currency.amount) as raw_original,
        sum({{ to_reporting_currency('raw_by_currency.amount', 'raw_by_currency.currency', 'fx_rates.rate') }})
            as raw_converted
    from raw_by_currency
    left join fx_rates
        on raw_by_currency.date_day = fx_rates.date_day
            and raw_by_currency.currency = fx_rates.currency_from
    group by 1, 2
),

mart as (
    select
        platform,
        date_day,
        sum(spend_original) as mart_original,
        sum(spend) as mart_converted
    from {{ ref('fct_spend_daily') }}
    where platform != 'manual'
    group by 1, 2
),

platform_days as (
    select
        coalesce(raw_converted.platform, mart.platform) as platform,
        coalesce(raw_converted.date_day, mart.date_day) as date_day,
        raw_converted.raw_original,
        mart.mart_original,
        raw_converted.raw_converted,
        mart.mart_converted
    from raw_converted
    full outer join mart
        on raw_converted.platform = mart.platform
            and raw_converted.date_day = mart.date_day
),

{% if sam_var_is_true('sam_manual_costs_enabled') -%}
    manual_raw as (
        select
            month_start,
            currency_code,
            sum(amount) as raw_original
        from {{ ref('stg_manual__costs') }}
        group by 1, 2
    ),

    manual_mart as (
        select
            cast({{ dbt.date_trunc('month', 'date_day') }} as date) as month_start,
            currency_original as currency_code,
            sum(spend_original) as mart_original
        from {{ ref('fct_spend_daily') }}
        where platform = 'manual'
        group by 1, 2
    ),

    manual_months as (
        select
            'manual' as platform,
            coalesce(manual_raw.month_start, manual_mart.month_start) as date_day,
            manual_raw.raw_original,
            manual_mart.mart_original,
            cast(null as {{ sam.type_float() }}) as raw_converted,
            cast(null as {{ sam.type_float() }}) as mart_converted
        from manual_raw
        full outer join manual_mart
            on manual_raw.month_start = manual_mart.month_start
                and manual_raw.currency_code = manual_mart.currency_code
    ),
{%- endif %}

compared as (
    select * from platform_days
    {% if sam_var_is_true('sam_manual_costs_enabled') -%}
        union all
        select * from manual_months
    {%- endif %}
)

select *
from compared
where raw_original is null
    or mart_original is null
    or abs(raw_original - mart_original) >= {{ cent }}
    or abs(coalesce(raw_converted, 0) - coalesce(mart_converted, 0)) >= {{ cent }}
