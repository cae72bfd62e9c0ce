{#- One row per staged Salesforce lead, contact or opportunity that is not in the CRM contract,
    with the reason: merged_away, deleted, converted_into_contact (the lead is the contact's
    person now); a deleted opportunity. -#}

{{ config(enabled=(var('sam_crm', 'hubspot') == 'salesforce')) }}

with

resolution as (

    select * from {{ ref('int_salesforce__record_resolution') }}

),

opportunities as (

    select * from {{ ref('stg_salesforce__opportunities') }}

),

final as (

    select
        record_type,
        record_id,
        exclusion_reason,
        person_id as surviving_person_id
    from resolution
    where exclusion_reason is not null

    union all

    select
        'deal' as record_type,
        opportunity_id as record_id,
        'deleted' as exclusion_reason,
        cast(null as {{ sam.type_string() }}) as surviving_person_id
    from opportunities
    where is_deleted

)

select
    'salesforce' as crm,
    record_type,
    record_id,
    exclusion_reason,
    surviving_person_id
from final
