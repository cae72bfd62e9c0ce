{#- Currency conversion, written once for the CRM and the spend layers. A caller left-joins
    int_fx__rates_daily on (date_day, currency_from) and passes the joined rate column. The
    reporting currency converts at 1 on any day; any other currency without a rate gives NULL
    and is flagged by fx_rate_missing (the row is kept). -#}

{% macro to_reporting_currency(amount, currency, rate) -%}
    case
        when {{ currency }} = '{{ var("sam_reporting_currency") | upper }}' then {{ amount }}
        else {{ amount }} * {{ rate }}
    end
{%- endmacro %}

{% macro fx_rate_missing(currency, rate) -%}
    ({{ currency }} != '{{ var("sam_reporting_currency") | upper }}' and {{ rate }} is null)
{%- endmacro %}
