{#- One row per live HubSpot contact x web identifier it carries; the identifiers of contacts
    merged into it are re-pointed to it. -#}

{{ config(enabled=(var('sam_crm', 'hubspot') == 'hubspot')) }}

with

contacts as (

    select * from {{ ref('stg_hubspot__contacts') }}

),

resolution as (

    select * from {{ ref('int_hubspot__contact_resolution') }}

),

people as (

    select * from {{ ref('int_hubspot__people') }}

),

contact_people as (

    {{ sam.hubspot_contact_people('contacts') }}

),

identifiers as (

    {{ sam.crm_web_identifiers('contact_people') }}
    union all
    -- every id that resolves to the person, also merged-away ids the connector no longer lands
    select
        people.person_id,
        'crm_id' as identifier_kind,
        resolution.contact_id as identifier_value,
        contacts.created_at
    from resolution
    inner join people
        on resolution.surviving_contact_id = people.person_id
    left join contacts
        on resolution.contact_id = contacts.contact_id

),

final as (

    {{ sam.crm_person_identifiers_observed('identifiers') }}

)

select * from final
