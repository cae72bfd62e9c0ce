{#- Every staged Salesforce lead and contact, with the person it belongs to and why it is not a
    person of its own:
    - a contact merged into another (deleted, master_record_id set): merged_away, its master;
    - a deleted contact: deleted;
    - a lead merged into another (deleted, master_record_id set): merged_away, whatever its master
      lead resolves to;
    - a deleted lead: deleted;
    - a converted lead: converted_into_contact, the contact it converted into (an existing
      contact when the lead was converted into one, so a person is never counted twice);
    - otherwise the record is a person (exclusion_reason null).
    person_id is null when the record resolves to a record that is not a live person. -#}

{{ config(enabled=(var('sam_crm', 'hubspot') == 'salesforce')) }}

with

leads as (

    select * from {{ ref('stg_salesforce__leads') }}

),

contacts as (

    select * from {{ ref('stg_salesforce__contacts') }}

),

contact_targets as (

    select
        contacts.contact_id,
        case
            when contacts.is_deleted and contacts.master_contact_id is not null then 'merged_away'
            when contacts.is_deleted then 'deleted'
        end as exclusion_reason,
        case
            when contacts.is_deleted and contacts.master_contact_id is not null
                then masters.contact_id
            when not contacts.is_deleted then contacts.contact_id
        end as person_id
    from contacts
    left join contacts as masters
        on contacts.master_contact_id = masters.contact_id
            and not masters.is_deleted

),

lead_targets as (

    -- what a lead stands for on its own (before following a merge)
    select
        leads.lead_id,
        leads.master_lead_id,
        case
            when leads.is_deleted and leads.master_lead_id is not null then 'merged_away'
            when leads.is_deleted then 'deleted'
            when leads.is_converted and leads.converted_contact_id is not null
                then 'converted_into_contact'
        end as exclusion_reason,
        case
            when leads.is_deleted then cast(null as {{ sam.type_string() }})
            when leads.is_converted and leads.converted_contact_id is not null
                then converted_into.person_id
            else leads.lead_id
        end as own_person_id
    from leads
    left join contact_targets as converted_into
        on leads.converted_contact_id = converted_into.contact_id

),

lead_resolution as (

    select
        lead_targets.lead_id as record_id,
        lead_targets.exclusion_reason,
        case
            when lead_targets.exclusion_reason = 'merged_away' then masters.own_person_id
            else lead_targets.own_person_id
        end as person_id
    from lead_targets
    left join lead_targets as masters
        on lead_targets.master_lead_id = masters.lead_id

),

final as (

    select
        'lead' as record_type,
        record_id,
        exclusion_reason,
        person_id
    from lead_resolution

    union all

    select
        'contact' as record_type,
        contact_id as record_id,
        exclusion_reason,
        person_id
    from contact_targets

)

select * from final
