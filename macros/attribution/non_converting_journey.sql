{#- The columns that make a journey non-converting, written once for every kind of open journey
    in int_attribution__journeys (leads not qualified, leads on no deal, deals not won, visitors
    without a lead): no conversion, no time, no value. -#}
{% macro non_converting_journey_columns() -%}
    false as is_converting,
    cast(null as {{ sam.type_string() }}) as conversion_id,
    cast(null as {{ sam.type_timestamp() }}) as converted_at,
    cast(0 as {{ sam.type_float() }}) as conversion_value,
{%- endmacro %}
