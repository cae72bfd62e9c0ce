{#- One row per live Salesforce person x web identifier carried by any of its records (the
    contact, the leads converted or merged into it): GA client id, gclid, e-mail hash, CRM ids. -#}

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
        coalesce(leads.created_at, contacts.created_at) as created_at
    from resolution
    inner join people
        on resolution.person_id = people.person_id
    left join leads
        on resolution.record_type = 'lead'
            and resolution.record_id = leads.lead_id
    left join contacts
        on resolution.record_type = 'contact'
            and resolution.record_id = contacts.contact_id

),

identifiers as (

    select
        person_id,
        'ga_client_id' as identifier_kind,
        ga_client_id as identifier_value,
        created_at
    from records
    where ga_client_id is not null
    union all
    select
        person_id,
        'gclid' as identifier_kind,
        gclid as identifier_value,
        created_at
    from records
    where gclid is not null
    union all
    select
        person_id,
        'email_sha256' as identifier_kind,
        email_sha256 as identifier_value,
        created_at
    from records
    where email_sha256 is not null
    union all
    select
        person_id,
        'crm_id' as identifier_kind,
        record_id as identifier_value,
        created_at
    from records

),

final as (

    select
        -- ids
        person_id,

        -- strings
        identifier_kind,
        identifier_value,

        -- timestamps
        min(created_at) as observed_at

    from identifiers
    group by person_id, identifier_kind, identifier_value

)

select * from final
