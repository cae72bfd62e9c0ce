{#- The CRM contract (docs/crm.md): the model of the CRM in use (var sam_crm), columns in
    contract order. -#}

select
    person_id,
    source_relation,
    crm,
    person_type,
    created_at,
    email_sha256,
    email_domain,
    lead_source,
    account_id
from {{ sam.crm_ref('people') }}
