{#- True when `expr` contains a match of the regular expression `pattern` (RE2 on both engines, so
    the same pattern means the same thing: partial match, case-sensitive, `(?i)` for insensitive).

    `pattern` is the regex as text (a Jinja string, e.g. from a var), not SQL: this macro writes
    the string literal, because the engines escape differently and a regex is full of backslashes.
      BigQuery: a backslash is an escape in '...' ('\.' is an error), and a quote is written \'.
      DuckDB:   a backslash is an ordinary character in '...', and a quote is written ''.
    NULL `expr` gives NULL (not a match in a `case when`). -#}
{% macro regexp_contains(expr, pattern) -%}
    {{ return(adapter.dispatch('regexp_contains', 'sam')(expr, pattern)) }}
{%- endmacro %}

{% macro default__regexp_contains(expr, pattern) -%}
    regexp_contains({{ expr }}, '{{ pattern | replace("\\", "\\\\") | replace("'", "\\'") }}')
{%- endmacro %}

{% macro duckdb__regexp_contains(expr, pattern) -%}
    regexp_matches({{ expr }}, '{{ pattern | replace("'", "''") }}')
{%- endmacro %}
