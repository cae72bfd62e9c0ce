{#- One row per live Salesforce person: a contact (not deleted), or a lead neither deleted, merged
    away nor converted. created_at is when the person first became known: the earliest created
    date of the record and of every lead converted or merged into it (a contact converted from a
    lead was created with the lead). -#}

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

records as (

    select
        resolution.record_type,
        resolution.record_id,
        resolution.exclusion_reason,
        resolution.person_id,
        coalesce(leads.created_at, contacts.created_at) as created_at,
        leads.lead_source as lead_lead_source
    from resolution
    {{ sam.salesforce_resolution_record_joins() }}

),

first_known as (

    select
        person_id,
        min(created_at) as created_at
    from records
    where person_id is not null
    group by person_id

),

first_lead_sources as (

    -- the lead source of the first lead behind a contact (a contact often has none of its own)
    select
        person_id,
        lead_lead_source,
        row_number() over (partition by person_id order by created_at, record_id) as lead_rank
    from records
    where person_id is not null and record_type = 'lead' and lead_lead_source is not null

),

live_contacts as (

    select
        contacts.source_relation,
        contacts.contact_id as person_id,
        'contact' as person_type,
        contacts.email_sha256,
        contacts.email_domain,
        contacts.lead_source,
        contacts.account_id,
        contacts.created_at
    from contacts
    inner join resolution
        on resolution.record_type = 'contact'
            and contacts.contact_id = resolution.record_id
    where resolution.exclusion_reason is null

),

live_leads as (

    select
        leads.source_relation,
        leads.lead_id as person_id,
        'lead' as person_type,
        leads.email_sha256,
        leads.email_domain,
        leads.lead_source,
        cast(null as {{ sam.type_string() }}) as account_id,
        leads.created_at
    from leads
    inner join resolution
        on resolution.record_type = 'lead'
            and leads.lead_id = resolution.record_id
    where resolution.exclusion_reason is null

),

live_people as (

    select * from live_contacts
    union all
    select * from live_leads

),

final as (

    select
        -- ids
        live_people.source_relation,
        live_people.person_id,
        live_people.account_id,

        -- strings
        'salesforce' as crm,
        live_people.person_type,
        live_people.email_sha256,
        live_people.email_domain,
        coalesce(live_people.lead_source, first_lead_sources.lead_lead_source) as lead_source,

        -- timestamps
        coalesce(first_known.created_at, live_people.created_at) as created_at

    from live_people
    left join first_known
        on live_people.person_id = first_known.person_id
    left join first_lead_sources
        on live_people.person_id = first_lead_sources.person_id
            and first_lead_sources.lead_rank = 1

)

select * from final
