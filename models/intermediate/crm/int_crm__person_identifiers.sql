{#- The CRM contract (docs/crm.md): the model of the CRM in use (var sam_crm), columns in
    contract order. -#}

select
    person_id,
    identifier_kind,
    identifier_value,
    observed_at
from {{ sam.crm_ref('person_identifiers') }}
