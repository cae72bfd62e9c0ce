{#- Facebook Ads campaign versions: one row per campaign x updated_time; the latest one is current.
    objective and status are optional columns (absent in Fivetran's sample): typed NULLs then. -#}

{%- set columns = sam_source_columns(source('facebook_ads', 'campaign_history')) -%}

with

source as (

    select * from {{ sam.union_source('facebook_ads', 'campaign_history', 'sam_facebook_ads_union_schemas') }}

),

renamed as (

    select
        -- the connector (schema) of the row: '' unless sam_facebook_ads_union_schemas lists several
        source_relation,

        -- ids
        cast(id as {{ sam.type_string() }}) as campaign_id,
        cast(account_id as {{ sam.type_string() }}) as account_id,

        -- strings
        cast(name as {{ sam.type_string() }}) as campaign_name,
        {{ sam_column_or_null(columns, 'objective', sam.type_string()) }} as campaign_type,
        {{ sam_column_or_null(columns, 'status', sam.type_string()) }} as campaign_status,

        -- timestamps
        cast(updated_time as {{ sam.type_timestamp() }}) as updated_at,
        cast(_fivetran_synced as {{ sam.type_timestamp() }}) as synced_at

    from source

),

versioned as (

    select
        *,
        row_number() over (
            partition by source_relation, campaign_id
            order by updated_at desc, synced_at desc
        ) = 1 as is_latest_version
    from renamed

)

select * from versioned
