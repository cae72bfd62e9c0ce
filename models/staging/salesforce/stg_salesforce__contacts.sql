{#- Salesforce contacts, typed and renamed; e-mail hashed here; deleted / merged-away contacts
    kept with flags (the CRM layer counts them as exclusions). -#}

{{ config(enabled=(var('sam_crm', 'hubspot') == 'salesforce')) }}

{%- set columns = [
    ['id', 'string'],
    ['account_id', 'string'],
    ['is_deleted', 'boolean'],
    ['master_record_id', 'string'],
    ['email', 'string'],
    ['lead_source', 'string'],
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

    select * from {{ sam.source_with_columns(sam.crm_source('salesforce', 'contact'), columns) }} as contact

),

renamed as (

    select
        -- pass-through custom fields (var sam_salesforce_person_pass_through_columns)
        {{ sam.pass_through_columns('sam_salesforce_person_pass_through_columns', source('salesforce', 'contact')) }}

        -- the connector (schema) of the row: '' unless sam_salesforce_union_schemas lists several;
        -- the ids below are then qualified by it (macros/crm/crm_union.sql)
        source_relation,

        -- ids
        {{ sam.crm_key('salesforce', 'id') }} as contact_id,
        {{ sam.crm_key('salesforce', 'account_id') }} as account_id,
        {{ sam.crm_key('salesforce', 'master_record_id') }} as master_contact_id,

        -- strings
        {{ sam.email_sha256('cast(email as ' ~ sam.type_string() ~ ')') }} as email_sha256,
        {{ sam.email_sha256_google('cast(email as ' ~ sam.type_string() ~ ')') }} as email_sha256_google,
        {{ sam.email_domain('cast(email as ' ~ sam.type_string() ~ ')') }} as email_domain,
        cast(lead_source as {{ sam.type_string() }}) as lead_source,
        {{ sam.ga_client_id(sam.crm_field('sam_salesforce_ga_client_id_field', 'string')) }} as ga_client_id,
        nullif(trim({{ sam.crm_field('sam_salesforce_gclid_field', 'string') }}), '') as gclid,
        -- lead source drill-downs, UTM and click-id fields (var sam_salesforce_recorded_source_fields)
        {{- sam.crm_recorded_source_columns('salesforce') }}

        -- booleans
        coalesce(cast(is_deleted as {{ sam.type_boolean() }}), false) as is_deleted,

        -- timestamps
        cast(created_date as {{ sam.type_timestamp() }}) as created_at,
        {{ sam.crm_field('sam_salesforce_mql_date_field', 'timestamp') }} as mql_at,
        cast(last_modified_date as {{ sam.type_timestamp() }}) as last_modified_at,
        cast(_fivetran_synced as {{ sam.type_timestamp() }}) as synced_at

    from source

)

select * from renamed
