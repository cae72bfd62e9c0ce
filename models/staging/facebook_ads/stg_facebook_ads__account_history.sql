{#- Facebook Ads ad account versions: one row per account x _fivetran_synced (the table has no
    change time); the latest sync is current. currency and timezone_name are optional columns
    (absent in Fivetran's sample): typed NULLs then, and the spend is flagged fx_rate_missing. -#}

{%- set columns = sam_source_columns(source('facebook_ads', 'account_history')) -%}

with

source as (

    select * from {{ sam.union_source('facebook_ads', 'account_history', 'sam_facebook_ads_union_schemas') }}

),

renamed as (

    select
        -- the connector (schema) of the row: '' unless sam_facebook_ads_union_schemas lists several
        source_relation,

        -- ids
        cast(id as {{ sam.type_string() }}) as account_id,

        -- strings
        cast(name as {{ sam.type_string() }}) as account_name,
        upper(trim({{ sam_column_or_null(columns, 'currency', sam.type_string()) }})) as currency_code,
        {{ sam_column_or_null(columns, 'timezone_name', sam.type_string()) }} as time_zone,

        -- timestamps
        cast(_fivetran_synced as {{ sam.type_timestamp() }}) as synced_at

    from source

),

versioned as (

    select
        *,
        row_number() over (
            partition by source_relation, account_id
            order by synced_at desc
        ) = 1 as is_latest_version
    from renamed

)

select * from versioned
