{#- Identity helpers written once for both CRMs. -#}

{#- The normalised SHA-256 of an e-mail: lower(trim(email)) hashed, as the demo's GA4 user_id. An
    empty e-mail gives NULL. -#}
{% macro email_sha256(email) -%}
    {{ sam.sha256_hex('nullif(lower(trim(' ~ email ~ ')), \'\')') }}
{%- endmacro %}

{#- The part after the @ of a normalised e-mail (NULL without one). -#}
{#- The SHA-256 of an e-mail normalised per Google's rules for enhanced conversions: trimmed,
    lower-cased and, for gmail.com / googlemail.com addresses, without the dots of the local part
    (docs/closing-the-loop.md). Other addresses hash exactly as email_sha256 (Meta's rule). -#}
{% macro email_sha256_google(email) -%}
    {%- set normalised = 'nullif(lower(trim(' ~ email ~ ')), \'\')' -%}
    {%- set local_part = dbt.split_part(normalised, "'@'", 1) -%}
    {%- set domain = dbt.split_part(normalised, "'@'", 2) -%}
    {{ sam.sha256_hex(
        'case when ' ~ domain ~ " in ('gmail.com', 'googlemail.com') then "
        ~ dbt.concat(['replace(' ~ local_part ~ ", '.', '')", "'@'", domain])
        ~ ' else ' ~ normalised ~ ' end'
    ) }}
{%- endmacro %}

{% macro email_domain(email) -%}
    nullif({{ dbt.split_part('lower(trim(' ~ email ~ '))', "'@'", 2) }}, '')
{%- endmacro %}

{#- A GA client id as GA4's user_pseudo_id holds it: the `_ga` cookie form GA1.<v>.<a>.<b> is
    reduced to <a>.<b>; an id already in that form is kept; blanks give NULL. -#}
{% macro ga_client_id(expr) -%}
    case
        when trim({{ expr }}) like 'GA_.%.%.%'
            then {{ dbt.split_part('trim(' ~ expr ~ ')', "'.'", 3) }}
            || '.' || {{ dbt.split_part('trim(' ~ expr ~ ')', "'.'", 4) }}
        else nullif(trim({{ expr }}), '')
    end
{%- endmacro %}

{#- The column a var names on a connector table (a custom field), or a typed NULL when the var is
    null (the connector has no such field). -#}
{% macro crm_field(var_name, kind) -%}
    {%- set column = var(var_name) -%}
    {%- if column -%} cast({{ column }} as {{ sam._kind_type(kind) }})
    {%- else -%} {{ sam.typed_null(kind) }}
    {%- endif -%}
{%- endmacro %}

{% macro _kind_type(kind) -%}
    {%- if kind == 'string' -%} {{ sam.type_string() }}
    {%- elif kind == 'timestamp' -%} {{ sam.type_timestamp() }}
    {%- else -%} {{ exceptions.raise_compiler_error('crm_field: unsupported kind ' ~ kind) }}
    {%- endif -%}
{%- endmacro %}

{#- The [name, kind] pair a custom field adds to a connector contract (none when the var is null). -#}
{% macro crm_field_contract(var_name, kind) -%}
    {%- set column = var(var_name) -%}
    {{ return([[column, kind]] if column else []) }}
{%- endmacro %}

{#- The source a CRM recorded for a person at creation (issue 17): the fields of the connector
    table named by var sam_<crm>_recorded_source_fields, a mapping of
    lead_source_detail_1 / lead_source_detail_2 / utm_source / utm_medium / utm_campaign / fbclid
    to column names (null = the CRM has no such field). The lead source itself is the staged
    lead_source column. -#}
{% macro crm_recorded_source_keys() -%}
    {{ return(['lead_source_detail_1', 'lead_source_detail_2', 'utm_source', 'utm_medium',
        'utm_campaign', 'fbclid']) }}
{%- endmacro %}

{% macro _crm_recorded_source_fields(crm) -%}
    {%- set fields = var('sam_' ~ crm ~ '_recorded_source_fields') or {} -%}
    {%- for key in fields if key not in sam.crm_recorded_source_keys() -%}
        {{ exceptions.raise_compiler_error(
            'var sam_' ~ crm ~ '_recorded_source_fields: unknown key ' ~ key ~ ' (allowed: '
            ~ sam.crm_recorded_source_keys() | join(', ') ~ ')') }}
    {%- endfor -%}
    {{ return(fields) }}
{%- endmacro %}

{#- The [name, 'string'] pairs the recorded-source fields add to a connector contract. -#}
{% macro crm_recorded_source_contract(crm) -%}
    {%- set fields = sam._crm_recorded_source_fields(crm) -%}
    {{ return(sam._string_pairs(fields.values() | select | list)) }}
{%- endmacro %}

{% macro _string_pairs(columns) -%}
    {%- set pairs = [] -%}
    {%- for column in columns -%}{%- do pairs.append([column, 'string']) -%}{%- endfor -%}
    {{ return(pairs) }}
{%- endmacro %}

{#- The staged recorded-source columns (trimmed, blanks NULL), named by crm_recorded_source_keys. -#}
{% macro crm_recorded_source_columns(crm) -%}
    {%- set fields = sam._crm_recorded_source_fields(crm) -%}
    {%- for key in sam.crm_recorded_source_keys() %}
        {%- if fields.get(key) %}
        nullif(trim(cast({{ fields[key] }} as {{ sam.type_string() }})), '') as {{ key }},
        {%- else %}
        cast(null as {{ sam.type_string() }}) as {{ key }},
        {%- endif %}
    {%- endfor %}
{%- endmacro %}
