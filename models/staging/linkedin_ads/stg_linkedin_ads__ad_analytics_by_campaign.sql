{#- LinkedIn Ads daily campaign stats as landed: one row per campaign x day, cost in the account
    currency (and LinkedIn's own USD figure, kept for comparison only). -#}

with

source as (

    select * from {{ sam.union_source('linkedin_ads', 'ad_analytics_by_campaign', 'sam_linkedin_ads_union_schemas') }}

),

renamed as (

    select
        -- the connector (schema) of the row: '' unless sam_linkedin_ads_union_schemas lists several
        source_relation,

        -- ids
        cast(campaign_id as {{ sam.type_string() }}) as campaign_id,

        -- numerics
        cast(cost_in_local_currency as {{ sam.type_float() }}) as spend,
        cast(cost_in_usd as {{ sam.type_float() }}) as spend_usd_by_linkedin,
        cast(clicks as {{ sam.type_bigint() }}) as clicks,
        cast(impressions as {{ sam.type_bigint() }}) as impressions,

        -- dates (the column is a timestamp at midnight)
        cast(day as date) as date_day

    from source

)

select * from renamed
