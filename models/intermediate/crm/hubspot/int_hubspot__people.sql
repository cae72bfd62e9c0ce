{#- One row per live HubSpot contact (not deleted, not merged away). created_at is the earliest
    create date of the contact and of the contacts merged into it. -#}

{{ config(enabled=(var('sam_crm', 'hubspot') == 'hubspot')) }}

with

contacts as (

    select * from {{ ref('stg_hubspot__contacts') }}

),

resolution as (

    select * from {{ ref('int_hubspot__contact_resolution') }}

),

survivors as (

    select contacts.*
    from contacts
    inner join resolution
        on contacts.contact_id = resolution.contact_id
    where resolution.exclusion_reason is null

),

first_known as (

    -- the survivor and every contact merged into it
    select
        resolution.surviving_contact_id,
        min(contacts.created_at) as created_at
    from resolution
    inner join contacts
        on resolution.contact_id = contacts.contact_id
    where resolution.exclusion_reason is null or resolution.exclusion_reason = 'merged_away'
    group by resolution.surviving_contact_id

),

final as (

    select
        -- ids
        survivors.source_relation,
        survivors.contact_id as person_id,
        survivors.company_id as account_id,

        -- strings
        'hubspot' as crm,
        'contact' as person_type,
        survivors.email_sha256,
        survivors.email_domain,
        survivors.lead_source,

        -- timestamps
        coalesce(first_known.created_at, survivors.created_at) as created_at

    from survivors
    left join first_known
        on survivors.contact_id = first_known.surviving_contact_id

)

select * from final
