{#- One row per live HubSpot deal x live person associated with it (deal_contact; a merged-away
    contact counts as its survivor). HubSpot has no primary contact on a deal: the primary is the
    person whose SQL came last at or before the deal was created (the qualification that opened
    it), else the earliest created. -#}

{{ config(enabled=(var('sam_crm', 'hubspot') == 'hubspot')) }}

with

deal_contacts as (

    select * from {{ ref('stg_hubspot__deal_contacts') }}

),

resolution as (

    select * from {{ ref('int_hubspot__contact_resolution') }}

),

people as (

    select * from {{ ref('int_hubspot__people') }}

),

deals as (

    select * from {{ ref('int_hubspot__deals') }}

),

milestones as (

    select * from {{ ref('int_hubspot__lead_milestones') }}
    where milestone = 'sql'

),

links as (

    select distinct
        deal_contacts.deal_id,
        resolution.surviving_contact_id as person_id
    from deal_contacts
    {{ sam.hubspot_contact_person_joins('deal_contacts.contact_id') }}
    inner join deals
        on deal_contacts.deal_id = deals.deal_id

),

ranked as (

    select
        links.deal_id,
        links.person_id,
        row_number() over (
            partition by links.deal_id
            order by
                case when milestones.reached_at <= deals.created_at then 0 else 1 end asc,
                case when milestones.reached_at <= deals.created_at then milestones.reached_at end desc,
                people.created_at asc,
                links.person_id asc
        ) as primary_rank
    from links
    inner join deals
        on links.deal_id = deals.deal_id
    inner join people
        on links.person_id = people.person_id
    left join milestones
        on links.person_id = milestones.person_id

),

final as (

    select
        -- ids
        deal_id,
        person_id,

        -- strings
        cast(null as {{ sam.type_string() }}) as role,
        'deal_contact' as link_source,

        -- booleans
        primary_rank = 1 as is_primary

    from ranked

)

select * from final
