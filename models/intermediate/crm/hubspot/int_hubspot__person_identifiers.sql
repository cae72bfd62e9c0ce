{#- One row per live HubSpot contact x web identifier it carries; the identifiers of contacts
    merged into it are re-pointed to it. -#}

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

    select
        contacts.*,
        people.person_id
    from contacts
    inner join resolution
        on contacts.contact_id = resolution.contact_id
    inner join people
        on resolution.surviving_contact_id = people.person_id

),

identifiers as (

    select
        person_id,
        'ga_client_id' as identifier_kind,
        ga_client_id as identifier_value,
        created_at
    from contact_people
    where ga_client_id is not null
    union all
    select
        person_id,
        'gclid' as identifier_kind,
        gclid as identifier_value,
        created_at
    from contact_people
    where gclid is not null
    union all
    select
        person_id,
        'email_sha256' as identifier_kind,
        email_sha256 as identifier_value,
        created_at
    from contact_people
    where email_sha256 is not null
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
