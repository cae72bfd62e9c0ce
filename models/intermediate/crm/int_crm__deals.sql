{#- The CRM contract (docs/crm.md): the model of the CRM in use (var sam_crm), columns in
    contract order. -#}

select
    deal_id,
    crm,
    deal_name,
    pipeline_id,
    pipeline_name,
    stage_id,
    stage_name,
    created_at,
    closed_at,
    is_closed,
    is_won,
    currency_original,
    amount_original,
    amount,
    fx_rate_missing,
    account_id,
    campaign_id
from {{ sam.crm_ref('deals') }}
