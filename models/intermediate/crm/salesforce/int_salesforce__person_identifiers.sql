{#- One row per live Salesforce person x web identifier carried by any of its records (the
    contact, the leads converted or merged into it): GA client id, gclid, e-mail hash, CRM ids. -#}

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
        people.person_id,
        resolution.record_id,
        coalesce(leads.ga_client_id, contacts.ga_client_id) as ga_client_id,
        coalesce(leads.gclid, contacts.gclid) as gclid,
        coalesce(leads.email_sha256, contacts.email_sha256) as email_sha256,
        coalesce(leads.email_sha256_google, contacts.email_sha256_google) as email_sha256_google,
        coalesce(leads.fbclid, contacts.fbclid) as fbclid,
        coalesce(leads.created_at, contacts.created_at) as created_at
    from resolution
    inner join people
        on resolution.person_id = people.person_id
    {{ sam.salesforce_resolution_record_joins() }}

),

identifiers as (

    {{ sam.crm_web_identifiers('records') }}
    union all
    select
        person_id,
        'crm_id' as identifier_kind,
        record_id as identifier_value,
        created_at
    from records

),

final as (

    {{ sam.crm_person_identifiers_observed('identifiers') }}

)

select * from final
