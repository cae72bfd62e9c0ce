{#- LinkedIn Ads campaign group versions: one row per group x last_modified_time; latest is current. -#}

with

source as (

    select * from {{ sam.union_source('linkedin_ads', 'campaign_group_history', 'sam_linkedin_ads_union_schemas') }}

),

renamed as (

    select
        -- the connector (schema) of the row: '' unless sam_linkedin_ads_union_schemas lists several
        source_relation,

        -- ids
        cast(id as {{ sam.type_string() }}) as campaign_group_id,
        cast(account_id as {{ sam.type_string() }}) as account_id,

        -- strings
        cast(name as {{ sam.type_string() }}) as campaign_group_name,

        -- timestamps
        cast(last_modified_time as {{ sam.type_timestamp() }}) as updated_at

    from source

),

versioned as (

    select
        *,
        row_number() over (
            partition by source_relation, campaign_group_id
            order by updated_at desc
        ) = 1 as is_latest_version
    from renamed

)

select * from versioned
