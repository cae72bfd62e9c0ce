{#- A fingerprint of several scalar values, as text: equal values give equal fingerprints, NULL
    counts as ''. BigQuery: hex MD5 of the values joined by '|' (128 bits). DuckDB: its native
    64-bit hash of the values, ~5x cheaper than MD5 of the joined text (at 10 M events, building
    and hashing the text cost ~25 s of the base model's time; measured 2026-12-05). Two distinct
    values collide with probability ~n^2 / 2^65 (3e-4 at 100 M events); an event_key collision
    fails the primary-key test of base_ga4__events' own columns (the duplicate count would show
    it too). Stable within an engine, not across engines. -#}
{% macro row_fingerprint(columns) -%}
    {{ return(adapter.dispatch('row_fingerprint', 'sam')(columns)) }}
{%- endmacro %}

{% macro _fingerprint_parts(columns) -%}
    {%- set parts = [] -%}
    {%- for column in columns -%}
        {%- do parts.append("coalesce(cast(" ~ column ~ " as " ~ sam.type_string() ~ "), '')") -%}
    {%- endfor -%}
    {{ return(parts) }}
{%- endmacro %}

{% macro default__row_fingerprint(columns) -%}
    {%- set joined = [] -%}
    {%- for part in sam._fingerprint_parts(columns) -%}
        {%- if not loop.first %}{% do joined.append("'|'") %}{% endif -%}
        {%- do joined.append(part) -%}
    {%- endfor -%}
    {{ dbt.hash(dbt.concat(joined)) }}
{%- endmacro %}

{% macro duckdb__row_fingerprint(columns) -%}
    cast(hash({{ sam._fingerprint_parts(columns) | join(', ') }}) as varchar)
{%- endmacro %}
