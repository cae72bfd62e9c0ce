{#- One row per live Salesforce opportunity x live person on it (the buying committee): the
    opportunity's contact roles (role, primary flag), and the person whose lead was converted into
    the opportunity (link_source lead_conversion; primary when no contact role is). A contact
    merged into another counts as its master. -#}

{{ config(enabled=(var('sam_crm', 'hubspot') == 'salesforce')) }}

with

contact_roles as (

    select * from {{ ref('stg_salesforce__opportunity_contact_roles') }}
    where not is_deleted

),

leads as (

    select * from {{ ref('stg_salesforce__leads') }}

),

resolution as (

    select * from {{ ref('int_salesforce__record_resolution') }}

),

people as (

    select * from {{ ref('int_salesforce__people') }}

),

deals as (

    select * from {{ ref('int_salesforce__deals') }}

),

role_links as (

    select
        contact_roles.opportunity_id as deal_id,
        people.person_id,
        contact_roles.contact_role as role,
        contact_roles.is_primary,
        'contact_role' as link_source,
        1 as source_rank
    from contact_roles
    {{ sam.salesforce_record_person_joins('contact', 'contact_roles.contact_id') }}

),

deals_with_primary_role as (

    select distinct deal_id from role_links
    where is_primary

),

conversion_links as (

    select
        leads.converted_opportunity_id as deal_id,
        people.person_id,
        cast(null as {{ sam.type_string() }}) as role,
        deals_with_primary_role.deal_id is null as is_primary,
        'lead_conversion' as link_source,
        2 as source_rank
    from leads
    {{ sam.salesforce_record_person_joins('lead', 'leads.lead_id') }}
    left join deals_with_primary_role
        on leads.converted_opportunity_id = deals_with_primary_role.deal_id
    where leads.converted_opportunity_id is not null

),

links as (

    select * from role_links
    union all
    select * from conversion_links

),

ranked as (

    select
        links.*,
        row_number() over (
            partition by links.deal_id, links.person_id
            order by links.source_rank, case when links.is_primary then 0 else 1 end, links.role
        ) as link_rank,
        max(case when links.is_primary then 1 else 0 end) over (
            partition by links.deal_id, links.person_id
        ) as any_primary
    from links
    inner join deals
        on links.deal_id = deals.deal_id

),

final as (

    select
        -- ids
        deal_id,
        person_id,

        -- strings
        role,
        link_source,

        -- booleans
        any_primary = 1 as is_primary

    from ranked
    where link_rank = 1

)

select * from final
