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

    select * from {{ sam.source_with_columns(sam.crm_source('hubspot', 'contact_merge_audit'), columns) }}
        as contact_merge_audit

),

renamed as (

    select
        -- the connector (schema) of the row: '' unless sam_hubspot_union_schemas lists several;
        -- the ids below are then qualified by it (macros/crm/crm_union.sql)
        source_relation,

        -- ids
        {{ sam.crm_key('hubspot', 'coalesce(canonical_vid, contact_id)') }} as canonical_contact_id,
        {{ sam.crm_key('hubspot', 'vid_to_merge') }} as merged_contact_id,

        -- timestamps
        cast(timestamp as {{ sam.type_timestamp() }}) as merged_at

    from source

)

select * from renamed
