{#- The CRM contract (docs/crm.md): the model of the CRM in use (var sam_crm), columns in
    contract order. Deals whose value cannot be trusted (value_issue: unknown stage or currency,
    negative amount, won without amount) are left out and counted in int_crm__excluded_records. -#}

select
    deal_id,
    source_relation,
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
where value_issue is null
