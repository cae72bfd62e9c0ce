{#- The CRM contract (docs/crm.md): the model of the CRM in use (var sam_crm), columns in
    contract order. -#}

select
    person_id,
    milestone,
    reached_at,
    reached_at_source
from {{ sam.crm_ref('lead_milestones') }}
