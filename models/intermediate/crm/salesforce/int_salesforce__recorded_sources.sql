{#- One row per live Salesforce person: the source Salesforce recorded when the person was created
    (lead source, UTM hidden fields, click ids) — from the earliest record behind the person that
    recorded one: the lead it was converted from before the contact itself. -#}

{{ config(enabled=(var('sam_crm', 'hubspot') == 'salesforce')) }}

with

leads as (

    select * from {{ ref('stg_salesforce__leads') }}

),

contacts as (

    select * from {{ ref('stg_salesforce__contacts') }}

),

resolution as (

    select * from {{ ref('int_salesforce__record_resolution') }}

),

people as (

    select * from {{ ref('int_salesforce__people') }}

),

records as (

    select
        resolution.person_id,
        {{ dbt.concat(['resolution.record_type', "':'", 'resolution.record_id']) }} as record_id,
        coalesce(leads.created_at, contacts.created_at) as created_at,
        nullif(trim(coalesce(leads.lead_source, contacts.lead_source)), '') as lead_source,
        {%- for field in sam.crm_recorded_source_keys() %}
            coalesce(leads.{{ field }}, contacts.{{ field }}) as {{ field }},
        {%- endfor %}
        coalesce(leads.gclid, contacts.gclid) as gclid
    from resolution
    {{ sam.salesforce_resolution_record_joins() }}
    where resolution.person_id is not null

),

final as (

    {{ sam.crm_recorded_sources_from_records('salesforce', 'records') }}

)

select * from final
