{#- A ratio of two aggregated measures: NULL when the denominator is 0 or NULL (never 0, never
    an error), in floating point on every engine. Ratios are taken AFTER aggregation. -#}
{% macro ratio(numerator, denominator) -%}
    cast({{ numerator }} as {{ sam.type_float() }}) / nullif({{ denominator }}, 0)
{%- endmacro %}
