{#- The value of one GA4 event parameter (or user property) of the current row.
    value_type: string_value | int_value | float_value | double_value, or
      'string' = string_value, else int_value rendered as text (session_engaged arrives as '1' or 1),
      'number' = coalesce of int_value, double_value, float_value as float64 (value, engagement).
    BigQuery: the correlated UNNEST subquery. DuckDB: the key's position in the list of keys, ~45x
    faster than the same subquery there (list_filter was: 0.38 s vs 17.6 s for two params on 1 M
    events, measured), and cheaper still than one list_filter per parameter. -#}
{% macro ga4_event_param(key, value_type='string_value', column='event_params') -%}
    {{ return(adapter.dispatch('ga4_event_param', 'sam')(key, value_type, column)) }}
{%- endmacro %}

{% macro _ga4_param_value(v, value_type) -%}
    {%- if value_type == 'string' -%}
        coalesce({{ v }}.string_value, cast({{ v }}.int_value as {{ sam.type_string() }}))
    {%- elif value_type == 'number' -%}
        coalesce(
            cast({{ v }}.int_value as {{ sam.type_float() }}),
            {{ v }}.double_value,
            cast({{ v }}.float_value as {{ sam.type_float() }})
        )
    {%- elif value_type in ['string_value', 'int_value', 'float_value', 'double_value'] -%}
        {{ v }}.{{ value_type }}
    {%- else -%}
        {{ exceptions.raise_compiler_error("ga4_event_param: unknown value_type '" ~ value_type ~ "'") }}
    {%- endif -%}
{%- endmacro %}

{% macro default__ga4_event_param(key, value_type, column) -%}
    (select {{ sam._ga4_param_value('ep.value', value_type) }}
        from unnest({{ column }}) as ep where ep.key = '{{ key }}' limit 1)
{%- endmacro %}

{#- DuckDB: the parameter's position in the list of keys (list_position, native), then the value
    at that position in the list of that value field. The two lists are the same expression for
    every parameter of a select, so DuckDB's common-subexpression pass builds them once per row:
    three lambda passes over the list for all of SAM's parameters instead of one list_filter per
    parameter (at 10 M events, 19 parameters: ~2.5x less CPU, measured 2026-12-05; see
    docs/benchmarks.md). list_position finds the first element with the key, as list_filter(...)[1]
    did, and NULL where there is none (or the list is NULL). float_value and double_value, rare
    (the `value` parameter), are read from the element itself. -#}
{% macro duckdb__ga4_event_param(key, value_type, column) -%}
    {%- set position = "list_position(list_transform(" ~ column ~ ", lambda ep: ep.key), '" ~ key ~ "')" -%}
    {%- set fields = {} -%}
    {%- for field in ['string_value', 'int_value'] -%}
        {%- do fields.update({field: "list_transform(" ~ column ~ ", lambda ep: ep.value." ~ field ~ ")[" ~ position ~ "]"}) -%}
    {%- endfor -%}
    {%- for field in ['float_value', 'double_value'] -%}
        {%- do fields.update({field: column ~ "[" ~ position ~ "].value." ~ field}) -%}
    {%- endfor -%}
    {%- if value_type == 'string' -%}
        coalesce({{ fields.string_value }}, cast({{ fields.int_value }} as {{ sam.type_string() }}))
    {%- elif value_type == 'number' -%}
        coalesce(
            cast({{ fields.int_value }} as {{ sam.type_float() }}),
            {{ fields.double_value }},
            cast({{ fields.float_value }} as {{ sam.type_float() }})
        )
    {%- elif value_type in fields -%}
        {{ fields[value_type] }}
    {%- else -%}
        {{ exceptions.raise_compiler_error("ga4_event_param: unknown value_type '" ~ value_type ~ "'") }}
    {%- endif -%}
{%- endmacro %}
