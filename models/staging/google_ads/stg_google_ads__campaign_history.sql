{#- Google Ads campaign versions: one row per campaign x updated_at; the latest one is current. -#}

with

source as (

    select * from {{ sam.union_source('google_ads', 'campaign_history', 'sam_google_ads_union_schemas') }}

),

renamed as (

    select
        -- the connector (schema) of the row: '' unless sam_google_ads_union_schemas lists several
        source_relation,

        -- ids
        cast(id as {{ sam.type_string() }}) as campaign_id,
        cast(customer_id as {{ sam.type_string() }}) as account_id,

        -- strings
        cast(name as {{ sam.type_string() }}) as campaign_name,
        cast(advertising_channel_type as {{ sam.type_string() }}) as campaign_type,
        cast(status as {{ sam.type_string() }}) as campaign_status,

        -- timestamps
        cast(updated_at as {{ sam.type_timestamp() }}) as updated_at

    from source

),

versioned as (

    select
        *,
        row_number() over (
            partition by source_relation, campaign_id
            order by updated_at desc
        ) = 1 as is_latest_version
    from renamed

)

select * from versioned
