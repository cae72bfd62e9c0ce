{#- The calendar MetricFlow joins to (its time spine): one row per day between the vars
    sam_time_spine_start_date and sam_time_spine_end_date. Built by sam.date_series, which needs no
    warehouse at compile time (dbt.date_spine does). -#}
{{ config(materialized='table') }}

with

bounds as (

    select
        cast('{{ var("sam_time_spine_start_date") }}' as date) as start_date,
        cast('{{ var("sam_time_spine_end_date") }}' as date) as end_date

),

days as (

    {{ sam.date_series('bounds', 'start_date', 'end_date') }}

)

select
    date_day,
    {{ dbt.date_trunc('month', 'date_day') }} as month_start,
    {{ dbt.date_trunc('quarter', 'date_day') }} as quarter_start,
    extract(year from date_day) as year_number
from days
