{#- The CRM contract (docs/crm.md): the model of the CRM in use (var sam_crm), columns in
    contract order. -#}

select
    person_id,
    crm,
    recorded_at,
    lead_source,
    lead_source_detail_1,
    lead_source_detail_2,
    utm_source,
    utm_medium,
    utm_campaign,
    gclid,
    fbclid
from {{ sam.crm_ref('recorded_sources') }}
