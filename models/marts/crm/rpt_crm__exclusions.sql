{#- Counts of the CRM records SAM leaves out of its contract, by reason: staged rows = contract
    rows + these (tests/crm/assert_crm_records_reconcile.sql proves it). -#}

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

        -- numerics
        count(*) as excluded_records

    from excluded_records
    group by crm, record_type, exclusion_reason

)

select * from final
