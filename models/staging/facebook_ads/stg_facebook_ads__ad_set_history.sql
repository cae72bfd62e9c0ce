{#- Facebook Ads ad set versions: one row per ad set x updated_time; the latest one is current. -#}

with

source as (

    select * from {{ sam.union_source('facebook_ads', 'ad_set_history', 'sam_facebook_ads_union_schemas') }}

),

renamed as (

    select
        -- the connector (schema) of the row: '' unless sam_facebook_ads_union_schemas lists several
        source_relation,

        -- ids
        cast(id as {{ sam.type_string() }}) as ad_set_id,
        cast(account_id as {{ sam.type_string() }}) as account_id,
        cast(campaign_id as {{ sam.type_string() }}) as campaign_id,

        -- strings
        cast(name as {{ sam.type_string() }}) as ad_set_name,

        -- timestamps
        cast(updated_time as {{ sam.type_timestamp() }}) as updated_at,
        cast(_fivetran_synced as {{ sam.type_timestamp() }}) as synced_at

    from source

),

versioned as (

    select
        *,
        row_number() over (
            partition by source_relation, ad_set_id
            order by updated_at desc, synced_at desc
        ) = 1 as is_latest_version
    from renamed

)

select * from versioned
