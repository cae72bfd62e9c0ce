{#- Microsoft Ads campaign versions: one row per campaign x modified_time; latest is current. -#}

with

source as (

    select * from {{ sam.union_source('microsoft_ads', 'campaign_history', 'sam_microsoft_ads_union_schemas') }}

),

renamed as (

    select
        -- the connector (schema) of the row: '' unless sam_microsoft_ads_union_schemas lists several
        source_relation,

        -- ids
        cast(id as {{ sam.type_string() }}) as campaign_id,
        cast(account_id as {{ sam.type_string() }}) as account_id,

        -- strings
        cast(name as {{ sam.type_string() }}) as campaign_name,
        cast(type as {{ sam.type_string() }}) as campaign_type,
        cast(status as {{ sam.type_string() }}) as campaign_status,
        cast(time_zone as {{ sam.type_string() }}) as time_zone,

        -- timestamps
        cast(modified_time as {{ sam.type_timestamp() }}) as updated_at

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
