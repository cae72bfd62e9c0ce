{#- The CRM contract (docs/crm.md): the model of the CRM in use (var sam_crm), columns in
    contract order. Only the deals of int_crm__deals: a deal left out for its value
    (int_crm__excluded_records) is left out here too. -#}

select
    deal_id,
    person_id,
    role,
    is_primary,
    link_source
from {{ sam.crm_ref('deal_people') }}
where deal_id in (select contract_deals.deal_id from {{ ref('int_crm__deals') }} as contract_deals)
