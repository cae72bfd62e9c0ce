{#- One row per staged HubSpot contact or deal that is not in the CRM contract, with the reason:
    a contact merged into another (merged_away) or deleted; a deleted deal. -#}

{{ config(enabled=(var('sam_crm', 'hubspot') == 'hubspot')) }}

with

resolution as (

    select * from {{ ref('int_hubspot__contact_resolution') }}

),

deals as (

    select * from {{ ref('stg_hubspot__deals') }}

),

final as (

    select
        'contact' as record_type,
        contact_id as record_id,
        exclusion_reason,
        surviving_contact_id as surviving_person_id
    from resolution
    where is_staged and exclusion_reason is not null

    union all

    select
        'deal' as record_type,
        deal_id as record_id,
        'deleted' as exclusion_reason,
        cast(null as {{ sam.type_string() }}) as surviving_person_id
    from deals
    where is_deleted

)

select
    'hubspot' as crm,
    record_type,
    record_id,
    exclusion_reason,
    surviving_person_id
from final
