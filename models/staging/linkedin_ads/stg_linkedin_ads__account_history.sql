{#- LinkedIn Ads account versions: one row per account x last_modified_time; latest is current.
    LinkedIn reports days in UTC, so the account has no time zone column. -#}

with

source as (

    select * from {{ source('linkedin_ads', 'account_history') }}

),

renamed as (

    select
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
            partition by account_id
            order by updated_at desc
        ) = 1 as is_latest_version
    from renamed

)

select * from versioned
