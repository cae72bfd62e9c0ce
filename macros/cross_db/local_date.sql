{#- Calendar days in the GA4 property's time zone (var sam_timezone, an IANA name, default UTC).
    GA4's event_date, and so every session date, is in the property's zone; conversions are
    instants (UTC). Every timestamp that becomes a date goes through local_date(), and every
    date-only CRM field that becomes a timestamp through local_midnight(), so both sides of
    "leads per day" use the same calendar.

    local_date(ts):        the day `ts` (a UTC timestamp) falls on in sam_timezone.
    local_midnight(d):     the UTC timestamp of midnight at the start of day `d` in sam_timezone
                           (so local_date(local_midnight(d)) = d in any zone).
    `tz` overrides the var (tests/cross_db/assert_local_date_in_time_zones.sql).
    On DuckDB the timestamps are naive UTC; with the default UTC both render a plain cast. -#}

{% macro sam_timezone(tz=none) -%}
    {%- set tz = var('sam_timezone', 'UTC') if tz is none else tz -%}
    {%- if tz is not string or not modules.re.fullmatch('[A-Za-z][A-Za-z0-9_+/-]*', tz) -%}
        {{ exceptions.raise_compiler_error(
            "var sam_timezone must be an IANA time zone name such as 'Europe/Berlin' or 'UTC', got "
            ~ tz | tojson) }}
    {%- endif -%}
    {{- return(tz) -}}
{%- endmacro %}

{% macro local_date(timestamp_expr, tz=none) -%}
    {{ return(adapter.dispatch('local_date', 'sam')(timestamp_expr, sam.sam_timezone(tz))) }}
{%- endmacro %}

{% macro default__local_date(timestamp_expr, tz) -%}
    date({{ timestamp_expr }}, '{{ tz }}')
{%- endmacro %}

{% macro duckdb__local_date(timestamp_expr, tz) -%}
    {%- if tz == 'UTC' -%}
    cast({{ timestamp_expr }} as date)
    {%- else -%}
    cast(timezone('{{ tz }}', timezone('UTC', cast({{ timestamp_expr }} as timestamp))) as date)
    {%- endif -%}
{%- endmacro %}

{% macro local_midnight(date_expr, tz=none) -%}
    {{ return(adapter.dispatch('local_midnight', 'sam')(date_expr, sam.sam_timezone(tz))) }}
{%- endmacro %}

{% macro default__local_midnight(date_expr, tz) -%}
    timestamp(cast({{ date_expr }} as date), '{{ tz }}')
{%- endmacro %}

{% macro duckdb__local_midnight(date_expr, tz) -%}
    {%- if tz == 'UTC' -%}
    cast(cast({{ date_expr }} as date) as timestamp)
    {%- else -%}
    timezone('UTC', timezone('{{ tz }}', cast(cast({{ date_expr }} as date) as timestamp)))
    {%- endif -%}
{%- endmacro %}
