{#- Facebook Ads daily ad stats as landed: one row per ad x day, spend in the account currency. -#}

with

source as (

    select * from {{ sam.union_source('facebook_ads', 'basic_ad', 'sam_facebook_ads_union_schemas') }}

),

renamed as (

    select
        -- the connector (schema) of the row: '' unless sam_facebook_ads_union_schemas lists several
        source_relation,

        -- ids
        cast(ad_id as {{ sam.type_string() }}) as ad_id,
        cast(account_id as {{ sam.type_string() }}) as account_id,

        -- numerics: link clicks are the clicks that can reach the site
        cast(spend as {{ sam.type_float() }}) as spend,
        cast(inline_link_clicks as {{ sam.type_bigint() }}) as clicks,
        cast(impressions as {{ sam.type_bigint() }}) as impressions,

        -- dates (the account's time zone)
        cast(date as date) as date_day

    from source

)

select * from renamed
