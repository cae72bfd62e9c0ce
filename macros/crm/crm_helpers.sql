{#- The CRM-specific model behind a CRM contract model: int_<sam_crm>__<name>. The rest of SAM
    reads int_crm__<name> only. -#}
{% macro crm_ref(name) -%}
    {%- set crm = var('sam_crm') -%}
    {%- if crm not in ['hubspot', 'salesforce'] -%}
        {{ exceptions.raise_compiler_error("var sam_crm must be 'hubspot' or 'salesforce', got '" ~ crm ~ "'") }}
    {%- endif -%}
    {{ return(ref('int_' ~ crm ~ '__' ~ name)) }}
{%- endmacro %}

{#- The channel of an offline campaign type (var sam_crm_campaign_type_channels, exact type
    names; others: var sam_crm_offline_channel). Written once for both CRMs. -#}
{% macro offline_campaign_channel(campaign_type) -%}
    {%- set mapping = var('sam_crm_campaign_type_channels') or {} -%}
    {%- if not mapping -%}
    '{{ var("sam_crm_offline_channel") | replace("'", "''") }}'
    {%- else -%}
    case
        {%- for type, channel in mapping.items() %}
        when {{ campaign_type }} = '{{ type | replace("'", "''") }}' then '{{ channel | replace("'", "''") }}'
        {%- endfor %}
        else '{{ var("sam_crm_offline_channel") | replace("'", "''") }}'
    end
    {%- endif -%}
{%- endmacro %}

{#- The FX day of a deal amount: the close day of a closed deal, else the day it was created. -#}
{% macro deal_fx_day(closed_at, created_at) -%}
    {{ sam.local_date('coalesce(' ~ closed_at ~ ', ' ~ created_at ~ ')') }}
{%- endmacro %}
