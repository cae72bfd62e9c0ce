{#- Aggregate: the value of `value` on the first row of the group by `order_by` among the rows
    where `condition` holds (every row when none); NULL when no row qualifies. The value of that
    row is returned even when it is NULL (the row is not skipped), so several first_by calls with
    the same order and condition read the same row when the order is total (e.g. ends with a key).
    One grouped pass instead of a `qualify row_number() over (partition by ... order by ...) = 1`
    per picked row (issue 18: each was a sort of every event).
    value: a SQL expression, or a mapping {field: expression} for several values of the same row
    at once, returned as a struct (read `.field`; one aggregate instead of one per value: ~2.5x
    less CPU for four values at 10 M events, measured).
    order_by: column expressions, each ascending NULLS LAST (descending NULLS LAST with
    descending=true), the engines' own NULL orders differing (BigQuery: NULLS FIRST ascending).
    BigQuery: ARRAY_AGG of the value wrapped in a STRUCT (an array holds no NULL) ORDER BY the
    condition's rows first, then each column's `is null` and the column (NULLS LAST spelt out),
    LIMIT 1, kept when LOGICAL_OR(condition) says a row qualifies. Not IGNORE NULLS with NULLS
    LAST: valid BigQuery, but the emulator's translator cannot carry it to DuckDB (make
    bq-emulator failed on it, 2026-12-05), and this form is equal. DuckDB: arg_min_null (keeps a
    NULL value, unlike arg_min) over create_sort_key(column, 'ASC NULLS LAST', ...), the byte
    string DuckDB's own ORDER BY sorts on, FILTER (WHERE condition): ~3x less CPU than a struct of
    the columns at 10 M events (measured, docs/benchmarks.md). -#}
{% macro first_by(value, order_by, condition=none, descending=false) -%}
    {{ return(adapter.dispatch('first_by', 'sam')(value, order_by, condition, descending)) }}
{%- endmacro %}

{% macro default__first_by(value, order_by, condition, descending) -%}
    {#- One value, field or order column per line (compiled SQL stays readable, no line over 160). -#}
    {%- set direction = 'desc' if descending else 'asc' -%}
    {%- set fields = value.items() | list if value is mapping else [('v', value)] -%}
    {%- set keys = [] -%}
    {%- if condition is not none %}{% do keys.append('if(' ~ condition ~ ', 0, 1)') %}{% endif -%}
    {%- for column in order_by %}{% do keys.append(column ~ ' is null, ' ~ column ~ ' ' ~ direction) %}{% endfor -%}
    {%- set first_row -%}
        array_agg(
                struct(
                    {%- for field, expr in fields %}
                    {{ expr }} as {{ field }}{{ ',' if not loop.last }}
                    {%- endfor %}
                )
                order by
                    {%- for key in keys %}
                    {{ key }}{{ ',' if not loop.last }}
                    {%- endfor %}
                limit 1
            )[safe_offset(0)]
    {%- endset -%}
    {%- if condition is none -%}
        {{ first_row }}
    {%- else -%}
        if(
            logical_or({{ condition }}),
            {{ first_row }},
            null
        )
    {%- endif -%}
    {{ '.v' if value is not mapping }}
{%- endmacro %}

{% macro duckdb__first_by(value, order_by, condition, descending) -%}
    {%- set direction = "'DESC NULLS LAST'" if descending else "'ASC NULLS LAST'" -%}
    arg_min_null(
            {%- if value is mapping %}
            {
                {%- for field, expr in value.items() %}
                '{{ field }}': {{ expr }}{{ ',' if not loop.last }}
                {%- endfor %}
            },
            {%- else %}
            {{ value }},
            {%- endif %}
            create_sort_key(
                {%- for column in order_by %}
                {{ column }}, {{ direction }}{{ ',' if not loop.last }}
                {%- endfor %}
            )
        )
    {%- if condition is not none %} filter (where {{ condition }}){% endif %}
{%- endmacro %}
