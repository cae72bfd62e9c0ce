{#- HubSpot contact merges: which contact (vid_to_merge) was merged into which (canonical_vid). -#}

{{ config(enabled=(var('sam_crm', 'hubspot') == 'hubspot' and sam.optional_input_enabled('stg_hubspot__contact_merge_audits'))) }}

{%- set columns = [
    ['canonical_vid', 'bigint'],
    ['contact_id', 'bigint'],
    ['vid_to_merge', 'bigint'],
    ['timestamp', 'timestamp'],
] -%}

with

source as (

    select * from {{ sam.source_with_columns(source('hubspot', 'contact_merge_audit'), columns) }}
        as contact_merge_audit

),

renamed as (

    select
        -- ids
        cast(coalesce(canonical_vid, contact_id) as {{ sam.type_string() }}) as canonical_contact_id,
        cast(vid_to_merge as {{ sam.type_string() }}) as merged_contact_id,

        -- timestamps
        cast(timestamp as {{ sam.type_timestamp() }}) as merged_at

    from source

)

select * from renamed
