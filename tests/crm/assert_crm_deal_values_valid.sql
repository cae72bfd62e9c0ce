{{ config(severity='warn') }}

{#- Names every deal left out of int_crm__deals because its value cannot be trusted (unknown
    stage or currency, negative amount, won without an amount): id, reason, currency and amount.
    They are never summed as pipeline or revenue; rpt_crm__exclusions counts them. A warning, not
    an error: the rest of the build is right, but someone should fix the CRM records. -#}

select
    crm,
    record_id as deal_id,
    exclusion_reason,
    currency_original,
    amount_original
from {{ ref('int_crm__excluded_records') }}
where record_type = 'deal'
    and exclusion_reason in (
        'unknown_stage', 'unknown_currency', 'negative_amount', 'missing_amount_on_won_deal'
    )
