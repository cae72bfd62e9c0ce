{#- HubSpot contacts, typed and renamed; e-mail hashed here (no raw PII past staging); soft-deleted
    rows kept with is_deleted (the CRM layer counts them as exclusions). -#}

{{ config(enabled=(var('sam_crm', 'hubspot') == 'hubspot')) }}

{%- set lifecycle_stages = [
    'subscriber', 'lead', 'marketingqualifiedlead', 'salesqualifiedlead', 'opportunity',
    'customer', 'evangelist', 'other'
] -%}
{%- set columns = [
    ['id', 'bigint'],
    ['_fivetran_deleted', 'boolean'],
    ['_fivetran_synced', 'timestamp'],
    ['property_email', 'string'],
    ['property_createdate', 'timestamp'],
    ['property_lifecyclestage', 'string'],
    ['property_hs_lead_status', 'string'],
    ['property_hs_analytics_source', 'string'],
    ['property_hs_merged_object_ids', 'string'],
    ['property_associatedcompanyid', 'bigint'],
] -%}
{%- for stage in lifecycle_stages -%}
    {%- do columns.append(['property_hs_lifecyclestage_' ~ stage ~ '_date', 'timestamp']) -%}
{%- endfor -%}
{%- set columns = columns
    + sam.crm_field_contract('sam_hubspot_ga_client_id_field', 'string')
    + sam.crm_field_contract('sam_hubspot_gclid_field', 'string')
    + sam.crm_recorded_source_contract('hubspot') -%}

with

source as (

    select * from {{ sam.source_with_columns(sam.crm_source('hubspot', 'contact'), columns) }} as contact

),

renamed as (

    select
        -- pass-through custom fields (var sam_hubspot_contact_pass_through_columns)
        {{ sam.pass_through_columns('sam_hubspot_contact_pass_through_columns', source('hubspot', 'contact')) }}

        -- the connector (schema) of the row: '' unless sam_hubspot_union_schemas lists several;
        -- the ids below are then qualified by it (macros/crm/crm_union.sql)
        source_relation,

        -- ids
        {{ sam.crm_key('hubspot', 'id') }} as contact_id,
        {{ sam.crm_key('hubspot', 'property_associatedcompanyid') }} as company_id,

        -- strings
        {{ sam.email_sha256('cast(property_email as ' ~ sam.type_string() ~ ')') }} as email_sha256,
        {{ sam.email_sha256_google('cast(property_email as ' ~ sam.type_string() ~ ')') }}
            as email_sha256_google,
        {{ sam.email_domain('cast(property_email as ' ~ sam.type_string() ~ ')') }} as email_domain,
        lower(cast(property_lifecyclestage as {{ sam.type_string() }})) as lifecycle_stage,
        cast(property_hs_lead_status as {{ sam.type_string() }}) as lead_status,
        cast(property_hs_analytics_source as {{ sam.type_string() }}) as lead_source,
        {{ sam.ga_client_id(sam.crm_field('sam_hubspot_ga_client_id_field', 'string')) }} as ga_client_id,
        nullif(trim({{ sam.crm_field('sam_hubspot_gclid_field', 'string') }}), '') as gclid,
        -- the original source's drill-downs, UTM and click-id fields (var sam_hubspot_recorded_source_fields)
        {{- sam.crm_recorded_source_columns('hubspot') }}
        nullif(trim({{ sam.crm_key_list('hubspot', 'property_hs_merged_object_ids') }}), '')
            as merged_object_ids,

        -- booleans
        coalesce(cast(_fivetran_deleted as {{ sam.type_boolean() }}), false) as is_deleted,

        -- timestamps
        cast(property_createdate as {{ sam.type_timestamp() }}) as created_at,
        {%- for stage in lifecycle_stages %}
            cast(property_hs_lifecyclestage_{{ stage }}_date as {{ sam.type_timestamp() }})
                as lifecycle_{{ stage }}_at,
        {%- endfor %}
        cast(_fivetran_synced as {{ sam.type_timestamp() }}) as synced_at

    from source

)

select * from renamed
