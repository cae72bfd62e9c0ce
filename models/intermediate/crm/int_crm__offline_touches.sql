{#- The CRM contract (docs/crm.md): the model of the CRM in use (var sam_crm), columns in
    contract order. -#}

select
    offline_touch_id,
    person_id,
    touched_at,
    campaign_id,
    campaign_name,
    campaign_type,
    channel
from {{ sam.crm_ref('offline_touches') }}
