{#- Google Ads account (customer) versions: one row per account x updated_at; latest is current. -#}

with

source as (

    select * from {{ sam.union_source('google_ads', 'account_history', 'sam_google_ads_union_schemas') }}

),

renamed as (

    select
        -- the connector (schema) of the row: '' unless sam_google_ads_union_schemas lists several
        source_relation,

        -- ids
        cast(id as {{ sam.type_string() }}) as account_id,

        -- strings
        cast(descriptive_name as {{ sam.type_string() }}) as account_name,
        upper(trim(cast(currency_code as {{ sam.type_string() }}))) as currency_code,
        cast(time_zone as {{ sam.type_string() }}) as time_zone,

        -- timestamps
        cast(updated_at as {{ sam.type_timestamp() }}) as updated_at

    from source

),

versioned as (

    select
        *,
        row_number() over (
            partition by source_relation, account_id
            order by updated_at desc
        ) = 1 as is_latest_version
    from renamed

)

select * from versioned
