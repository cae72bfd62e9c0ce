{#- Counts of the CRM records SAM leaves out of its contract, by reason: staged rows = contract
    rows + these (tests/crm/assert_crm_records_reconcile.sql proves it). Deals left out for their
    value carry their amount, per currency. -#}

with

excluded_records as (

    select * from {{ ref('int_crm__excluded_records') }}

),

final as (

    select
        -- strings
        crm,
        record_type,
        exclusion_reason,
        currency_original,

        -- numerics
        count(*) as excluded_records,
        sum(amount_original) as excluded_amount_original

    from excluded_records
    group by crm, record_type, exclusion_reason, currency_original

)

select * from final
