{#- One row per Salesforce campaign member of a live person (var sam_crm_offline_responded_only:
    only members who responded, the default): the offline touch (event, webinar). touched_at is
    the first response date (a date: midnight UTC) for a responded member, else when the member
    was added. The channel comes from the campaign type (var sam_crm_campaign_type_channels). -#}

{{ config(enabled=(var('sam_crm', 'hubspot') == 'salesforce')) }}

with

members as (

    select * from {{ ref('stg_salesforce__campaign_members') }}
    where not is_deleted
        {%- if var('sam_crm_offline_responded_only') %}
            and has_responded
        {%- endif %}

),

campaigns as (

    select * from {{ ref('stg_salesforce__campaigns') }}

),

resolution as (

    select * from {{ ref('int_salesforce__record_resolution') }}

),

people as (

    select * from {{ ref('int_salesforce__people') }}

),

member_people as (

    -- a member is a contact, or a lead (resolved: a converted lead touches its contact)
    select
        members.*,
        coalesce(contact_resolution.person_id, lead_resolution.person_id) as person_id
    from members
    left join resolution as contact_resolution
        on contact_resolution.record_type = 'contact'
            and members.contact_id = contact_resolution.record_id
    left join resolution as lead_resolution
        on lead_resolution.record_type = 'lead'
            and members.lead_id = lead_resolution.record_id

),

final as (

    select
        -- ids
        member_people.campaign_member_id as offline_touch_id,
        member_people.person_id,
        member_people.campaign_id,

        -- strings
        campaigns.campaign_name,
        campaigns.campaign_type,
        {{ sam.offline_campaign_channel('campaigns.campaign_type') }} as channel,

        -- timestamps
        case
            when member_people.has_responded
                then coalesce(member_people.first_responded_at, member_people.created_at)
            else member_people.created_at
        end as touched_at

    from member_people
    inner join people
        on member_people.person_id = people.person_id
    left join campaigns
        on member_people.campaign_id = campaigns.campaign_id

)

select * from final
