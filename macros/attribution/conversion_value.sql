{#- The value of a conversion of `conversion_type` (var sam_attribution_conversion_values): the
    deal's amount in the reporting currency (deal_amount; 0 when the amount is unknown, flagged
    by attribution_value_missing) or a fixed number. Deal amounts exist only for deal stages. -#}
{% macro attribution_conversion_value(conversion_type, amount_column=none) -%}
    {%- set setting = var('sam_attribution_conversion_values')[conversion_type] -%}
    {%- if setting == 'deal_amount' -%}
        {%- if amount_column is none -%}
            {{ exceptions.raise_compiler_error(
                "sam_attribution_conversion_values." ~ conversion_type
                ~ ": deal_amount exists only for opportunity_created and closed_won") }}
        {%- endif -%}
        cast(coalesce({{ amount_column }}, 0) as {{ sam.type_float() }})
    {%- elif setting is number -%}
        cast({{ setting }} as {{ sam.type_float() }})
    {%- else -%}
        {{ exceptions.raise_compiler_error(
            "sam_attribution_conversion_values." ~ conversion_type
            ~ " must be deal_amount or a number, not '" ~ setting ~ "'") }}
    {%- endif -%}
{%- endmacro %}

{#- True where the conversion's value should be the deal amount but the amount is unknown
    (no amount, or no FX rate to the reporting currency): the value counts as 0, flagged. -#}
{% macro attribution_value_missing(conversion_type, amount_column) -%}
    {%- if var('sam_attribution_conversion_values')[conversion_type] == 'deal_amount' -%}
        ({{ amount_column }} is null)
    {%- else -%}
        false
    {%- endif -%}
{%- endmacro %}
