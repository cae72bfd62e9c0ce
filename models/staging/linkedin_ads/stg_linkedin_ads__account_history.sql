{#- LinkedIn Ads account versions: one row per account x last_modified_time; latest is current.
    LinkedIn reports days in UTC, so the account has no time zone column. -#}

with

source as (

    select * from {{ sam.union_source('linkedin_ads', 'account_history', 'sam_linkedin_ads_union_schemas') }}

),

renamed as (

    select
        -- the connector (schema) of the row: '' unless sam_linkedin_ads_union_schemas lists several
        source_relation,

        -- ids
        cast(id as {{ sam.type_string() }}) as account_id,

        -- strings
        cast(name as {{ sam.type_string() }}) as account_name,
        upper(trim(cast(currency as {{ sam.type_string() }}))) as currency_code,

        -- timestamps
        cast(last_modified_time as {{ sam.type_timestamp() }}) as updated_at

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
