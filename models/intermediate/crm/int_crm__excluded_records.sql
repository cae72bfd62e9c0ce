{#- The CRM contract (docs/crm.md): the model of the CRM in use (var sam_crm), columns in
    contract order. -#}

select
    crm,
    record_type,
    record_id,
    exclusion_reason,
    surviving_person_id
from {{ sam.crm_ref('excluded_records') }}
