{#- The CRM contract (docs/crm.md): the model of the CRM in use (var sam_crm), columns in
    contract order. -#}

select
    deal_id,
    person_id,
    role,
    is_primary,
    link_source
from {{ sam.crm_ref('deal_people') }}
