{#- LinkedIn Ads campaign versions: one row per campaign x last_modified_time; latest is current.
    objective_type and status are optional columns (absent in Fivetran's sample): typed NULLs. -#}

{%- set columns = sam_source_columns(source('linkedin_ads', 'campaign_history')) -%}

with

source as (

    select * from {{ sam.union_source('linkedin_ads', 'campaign_history', 'sam_linkedin_ads_union_schemas') }}

),

renamed as (

    select
        -- the connector (schema) of the row: '' unless sam_linkedin_ads_union_schemas lists several
        source_relation,

        -- ids
        cast(id as {{ sam.type_string() }}) as campaign_id,
        cast(account_id as {{ sam.type_string() }}) as account_id,
        cast(campaign_group_id as {{ sam.type_string() }}) as campaign_group_id,

        -- strings
        cast(name as {{ sam.type_string() }}) as campaign_name,
        {{ sam_column_or_null(columns, 'objective_type', sam.type_string()) }} as campaign_type,
        {{ sam_column_or_null(columns, 'status', sam.type_string()) }} as campaign_status,

        -- timestamps
        cast(last_modified_time as {{ sam.type_timestamp() }}) as updated_at

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
