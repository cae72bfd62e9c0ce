{#- The CRM contract (docs/crm.md): the model of the CRM in use (var sam_crm), columns in
    contract order: the records the CRM model leaves out (deleted, merged, converted), and the
    deals whose value cannot be trusted (value_issue of the CRM's deals model), with their amount
    in the deal's own currency. -#}

select
    crm,
    record_type,
    record_id,
    exclusion_reason,
    surviving_person_id,
    cast(null as {{ sam.type_string() }}) as currency_original,
    cast(null as {{ sam.type_float() }}) as amount_original
from {{ sam.crm_ref('excluded_records') }}

union all

select
    crm,
    'deal' as record_type,
    deal_id as record_id,
    value_issue as exclusion_reason,
    cast(null as {{ sam.type_string() }}) as surviving_person_id,
    currency_original,
    amount_original
from {{ sam.crm_ref('deals') }}
where value_issue is not null
