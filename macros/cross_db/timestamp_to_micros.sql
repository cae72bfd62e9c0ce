{#- Integer microseconds since the epoch of a UTC timestamp (the inverse of
    timestamp_from_micros): GA4's timestamp_micros, Meta's event_time (/ 1e6), fbc's ms (/ 1e3). -#}
{% macro timestamp_to_micros(expr) -%}
    {{ return(adapter.dispatch('timestamp_to_micros', 'sam')(expr)) }}
{%- endmacro %}

{% macro default__timestamp_to_micros(expr) -%}
    unix_micros({{ expr }})
{%- endmacro %}

{% macro duckdb__timestamp_to_micros(expr) -%}
    epoch_us({{ expr }})
{%- endmacro %}

{#- A UTC timestamp as text 'YYYY-MM-DD HH:MM:SS+00:00' (Google Ads' conversion_date_time: the
    offset is explicit, so the account's time zone does not matter). -#}
{% macro format_utc_offset_datetime(expr) -%}
    {{ return(adapter.dispatch('format_utc_offset_datetime', 'sam')(expr)) }}
{%- endmacro %}

{% macro default__format_utc_offset_datetime(expr) -%}
    format_timestamp('%Y-%m-%d %H:%M:%S+00:00', {{ expr }})
{%- endmacro %}

{% macro duckdb__format_utc_offset_datetime(expr) -%}
    strftime({{ expr }}, '%Y-%m-%d %H:%M:%S+00:00')
{%- endmacro %}
