{#- Microsoft Ads daily campaign report as landed: one row per campaign x day x segment (device,
    network, match types, ...), spend in the currency the row names. -#}

with

source as (

    select * from {{ sam.union_source('microsoft_ads', 'campaign_performance_daily_report', 'sam_microsoft_ads_union_schemas') }}

),

renamed as (

    select
        -- the connector (schema) of the row: '' unless sam_microsoft_ads_union_schemas lists several
        source_relation,

        -- ids
        cast(campaign_id as {{ sam.type_string() }}) as campaign_id,
        cast(account_id as {{ sam.type_string() }}) as account_id,

        -- strings
        upper(trim(cast(currency_code as {{ sam.type_string() }}))) as currency_code,
        cast(device_os as {{ sam.type_string() }}) as device_os,
        cast(device_type as {{ sam.type_string() }}) as device_type,
        cast(network as {{ sam.type_string() }}) as network,
        cast(ad_distribution as {{ sam.type_string() }}) as ad_distribution,
        cast(bid_match_type as {{ sam.type_string() }}) as bid_match_type,
        cast(delivered_match_type as {{ sam.type_string() }}) as delivered_match_type,
        cast(top_vs_other as {{ sam.type_string() }}) as top_vs_other,

        -- numerics
        cast(spend as {{ sam.type_float() }}) as spend,
        cast(clicks as {{ sam.type_bigint() }}) as clicks,
        cast(impressions as {{ sam.type_bigint() }}) as impressions,

        -- dates (the account's time zone)
        cast(date as date) as date_day

    from source

)

select * from renamed
