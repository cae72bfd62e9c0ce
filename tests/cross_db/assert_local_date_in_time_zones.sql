{#- local_date / local_midnight on the engine itself (DuckDB here, BigQuery in production), against
    days worked out by hand: a UTC instant near midnight lands on the previous or next day west or
    east of Greenwich, DST shifts the offset (Berlin +1 in January, +2 in July; Los Angeles -8 /
    -7), and midnight at the start of a local day maps back to that day in every zone.
    Returns the cases that disagree (none when right). -#}
{%- set cases = [
    ['2024-03-01 03:00:00', 'UTC', '2024-03-01'],
    ['2024-03-01 03:00:00', 'America/Los_Angeles', '2024-02-29'],
    ['2024-07-01 06:59:59', 'America/Los_Angeles', '2024-06-30'],
    ['2024-07-01 07:00:00', 'America/Los_Angeles', '2024-07-01'],
    ['2024-01-15 23:00:00', 'Europe/Berlin', '2024-01-16'],
    ['2024-07-15 21:59:59', 'Europe/Berlin', '2024-07-15'],
    ['2024-07-15 22:00:00', 'Europe/Berlin', '2024-07-16'],
    ['2024-12-31 15:30:00', 'Asia/Kolkata', '2024-12-31'],
    ['2024-12-31 18:30:00', 'Asia/Kolkata', '2025-01-01'],
] -%}

with

cases as (
    {%- for case in cases %}
        select
            {{ loop.index }} as case_id,
            '{{ case[1] }}' as time_zone,
            {{ sam.local_date("cast('" ~ case[0] ~ "' as " ~ sam.type_timestamp() ~ ")", case[1]) }}
                as got_date,
            cast('{{ case[2] }}' as date) as expected_date,
            {{ sam.local_date(sam.local_midnight("cast('" ~ case[2] ~ "' as date)", case[1]), case[1]) }}
                as midnight_round_trip
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
)

select *
from cases
where got_date != expected_date or midnight_round_trip != expected_date
