{#- The export ledger `sam export` writes, one row per destination x outcome: its latest attempt.
    Before the first export the table does not exist and this model is empty (typed). -#}

{%- set columns = [
    ['destination', 'string'],
    ['outcome_key', 'string'],
    ['payload_hash', 'string'],
    ['status', 'string'],
    ['attempted_at', 'timestamp'],
    ['response', 'string'],
    ['run_id', 'string'],
] -%}

with

source as (

    select * from {{ sam.optional_relation(source('sam_export', 'sam_export_ledger'), columns) }}
        as ledger

),

ranked as (

    select
        destination,
        outcome_key,
        payload_hash,
        status,
        attempted_at,
        response,
        run_id,
        row_number() over (
            partition by destination, outcome_key
            order by
                attempted_at desc,
                -- at the same instant the answer (sent / failed) follows its pending row
                case when status = 'pending' then 1 else 0 end,
                status desc
        ) as attempt_rank,
        max(case when status = 'sent' then attempted_at end) over (
            partition by destination, outcome_key
        ) as sent_at
    from source

)

select
    -- ids
    destination,
    outcome_key,
    run_id as last_run_id,

    -- strings
    status as last_status,
    payload_hash as last_payload_hash,
    response as last_response,

    -- booleans
    sent_at is not null as is_sent,

    -- timestamps
    attempted_at as last_attempted_at,
    sent_at

from ranked
where attempt_rank = 1
