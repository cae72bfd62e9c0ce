{#- Salesforce leads, typed and renamed; e-mail hashed here; deleted and merged-away leads kept
    with flags (the CRM layer counts them as exclusions). -#}

{{ config(enabled=(var('sam_crm', 'hubspot') == 'salesforce')) }}

{%- set columns = [
    ['id', 'string'],
    ['is_deleted', 'boolean'],
    ['master_record_id', 'string'],
    ['email', 'string'],
    ['lead_source', 'string'],
    ['status', 'string'],
    ['is_converted', 'boolean'],
    ['converted_date', 'date'],
    ['converted_contact_id', 'string'],
    ['converted_account_id', 'string'],
    ['converted_opportunity_id', 'string'],
    ['created_date', 'timestamp'],
    ['last_modified_date', 'timestamp'],
    ['_fivetran_synced', 'timestamp'],
]
    + sam.crm_field_contract('sam_salesforce_ga_client_id_field', 'string')
    + sam.crm_field_contract('sam_salesforce_gclid_field', 'string')
    + sam.crm_field_contract('sam_salesforce_mql_date_field', 'timestamp')
    + sam.crm_recorded_source_contract('salesforce') -%}

with

source as (

    select * from {{ sam.source_with_columns(sam.crm_source('salesforce', 'lead'), columns) }} as lead

),

renamed as (

    select
        -- pass-through custom fields (var sam_salesforce_person_pass_through_columns)
        {{ sam.pass_through_columns('sam_salesforce_person_pass_through_columns', source('salesforce', 'lead')) }}

        -- the connector (schema) of the row: '' unless sam_salesforce_union_schemas lists several;
        -- the ids below are then qualified by it (macros/crm/crm_union.sql)
        source_relation,

        -- ids
        {{ sam.crm_key('salesforce', 'id') }} as lead_id,
        {{ sam.crm_key('salesforce', 'master_record_id') }} as master_lead_id,
        {{ sam.crm_key('salesforce', 'converted_contact_id') }} as converted_contact_id,
        {{ sam.crm_key('salesforce', 'converted_account_id') }} as converted_account_id,
        {{ sam.crm_key('salesforce', 'converted_opportunity_id') }} as converted_opportunity_id,

        -- strings
        {{ sam.email_sha256('cast(email as ' ~ sam.type_string() ~ ')') }} as email_sha256,
        {{ sam.email_sha256_google('cast(email as ' ~ sam.type_string() ~ ')') }} as email_sha256_google,
        {{ sam.email_domain('cast(email as ' ~ sam.type_string() ~ ')') }} as email_domain,
        cast(lead_source as {{ sam.type_string() }}) as lead_source,
        cast(status as {{ sam.type_string() }}) as lead_status,
        {{ sam.ga_client_id(sam.crm_field('sam_salesforce_ga_client_id_field', 'string')) }} as ga_client_id,
        nullif(trim({{ sam.crm_field('sam_salesforce_gclid_field', 'string') }}), '') as gclid,
        -- lead source drill-downs, UTM and click-id fields (var sam_salesforce_recorded_source_fields)
        {{- sam.crm_recorded_source_columns('salesforce') }}

        -- booleans
        coalesce(cast(is_deleted as {{ sam.type_boolean() }}), false) as is_deleted,
        coalesce(cast(is_converted as {{ sam.type_boolean() }}), false) as is_converted,

        -- timestamps
        cast(created_date as {{ sam.type_timestamp() }}) as created_at,
        {{ sam.crm_field('sam_salesforce_mql_date_field', 'timestamp') }} as mql_at,
        -- Salesforce stores the conversion as a date: midnight UTC of that day
        {{ sam.local_midnight('converted_date') }} as converted_at,
        cast(last_modified_date as {{ sam.type_timestamp() }}) as last_modified_at,
        cast(_fivetran_synced as {{ sam.type_timestamp() }}) as synced_at

    from source

)

select * from renamed
