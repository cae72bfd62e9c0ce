{#- SAM's column types. SAM casts through these, never dbt.type_*(): dbt dispatches its type macros
    root project first, so a host project installing SAM as a package (or its absence of
    duckdb__type_float) would decide SAM's types. These dispatch in SAM's namespace under names only
    SAM uses (sam_type_*); a host can still override one on purpose by defining e.g.
    duckdb__sam_type_float. default__ mirrors dbt's own default__type_* (api.Column.translate_type:
    STRING / TIMESTAMP / FLOAT64 / INT64 / BOOL on BigQuery). -#}

{% macro type_string() %}{{ return(adapter.dispatch('sam_type_string', 'sam')()) }}{% endmacro %}
{% macro default__sam_type_string() %}{{ return(api.Column.translate_type('string')) }}{% endmacro %}

{% macro type_timestamp() %}{{ return(adapter.dispatch('sam_type_timestamp', 'sam')()) }}{% endmacro %}
{% macro default__sam_type_timestamp() %}{{ return(api.Column.translate_type('timestamp')) }}{% endmacro %}

{#- Floats are 64-bit everywhere, like BigQuery's FLOAT64: money, credits and Markov probabilities.
    dbt's DuckDB float is the 32-bit REAL, which loses cents and fails the Markov tolerance. -#}
{% macro type_float() %}{{ return(adapter.dispatch('sam_type_float', 'sam')()) }}{% endmacro %}
{% macro default__sam_type_float() %}{{ return(api.Column.translate_type('float')) }}{% endmacro %}
{% macro duckdb__sam_type_float() %}{{ return('double') }}{% endmacro %}

{% macro type_numeric() %}{{ return(adapter.dispatch('sam_type_numeric', 'sam')()) }}{% endmacro %}
{% macro default__sam_type_numeric() %}{{ return(api.Column.numeric_type('numeric', 28, 6)) }}{% endmacro %}

{% macro type_bigint() %}{{ return(adapter.dispatch('sam_type_bigint', 'sam')()) }}{% endmacro %}
{% macro default__sam_type_bigint() %}{{ return(api.Column.translate_type('bigint')) }}{% endmacro %}

{% macro type_int() %}{{ return(adapter.dispatch('sam_type_int', 'sam')()) }}{% endmacro %}
{% macro default__sam_type_int() %}{{ return(api.Column.translate_type('integer')) }}{% endmacro %}

{% macro type_boolean() %}{{ return(adapter.dispatch('sam_type_boolean', 'sam')()) }}{% endmacro %}
{% macro default__sam_type_boolean() %}{{ return(api.Column.translate_type('boolean')) }}{% endmacro %}
