{#- The CRM contract (docs/crm.md): the model of the CRM in use (var sam_crm), columns in
    contract order. -#}

select
    deal_id,
    stage_id,
    stage_name,
    stage_entered_at,
    stage_exited_at,
    stage_order,
    is_regression
from {{ sam.crm_ref('deal_stage_history') }}
