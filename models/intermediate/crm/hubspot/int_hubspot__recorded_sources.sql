{#- One row per live HubSpot contact: the source HubSpot recorded when it was created (original
    source and drill-downs, click ids) — from the earliest of the contact and the contacts merged
    into it that recorded one. -#}

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

records as (

    select
        person_id,
        contact_id as record_id,
        created_at,
        nullif(trim(lead_source), '') as lead_source,
        {%- for field in sam.crm_recorded_source_keys() %}
            {{ field }},
        {%- endfor %}
        gclid
    from contact_people

),

final as (

    {{ sam.crm_recorded_sources_from_records('hubspot', 'records') }}

)

select * from final
