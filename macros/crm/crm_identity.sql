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
