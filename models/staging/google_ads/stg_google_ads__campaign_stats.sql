{#- Google Ads daily campaign stats as landed: one row per campaign x day x network x device. -#}

with

source as (

    select * from {{ sam.union_source('google_ads', 'campaign_stats', 'sam_google_ads_union_schemas') }}

),

renamed as (

    select
        -- the connector (schema) of the row: '' unless sam_google_ads_union_schemas lists several
        source_relation,

        -- ids
        cast(_fivetran_id as {{ sam.type_string() }}) as stats_row_id,
        cast(id as {{ sam.type_string() }}) as campaign_id,
        cast(customer_id as {{ sam.type_string() }}) as account_id,

        -- strings
        cast(ad_network_type as {{ sam.type_string() }}) as ad_network_type,
        cast(device as {{ sam.type_string() }}) as device,

        -- numerics: cost comes in micros of the account currency
        cast(cost_micros as {{ sam.type_float() }}) / 1000000 as spend,
        cast(clicks as {{ sam.type_bigint() }}) as clicks,
        cast(impressions as {{ sam.type_bigint() }}) as impressions,

        -- dates (the account's time zone)
        cast(date as date) as date_day

    from source

)

select * from renamed
