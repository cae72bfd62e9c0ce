{#- Several CRM connectors (HubSpot portals, Salesforce orgs) unioned with Fivetran's
    `source_relation` column (vars sam_hubspot_union_schemas / sam_salesforce_union_schemas, read
    by sam.union_source). Ids of two portals can collide (HubSpot ids are small integers, two
    sandboxes copy each other), so with several connectors every CRM id is qualified by its
    connector in staging: '<source_relation>:<id>'. Every key and every join between CRM tables
    (deal <-> contact, lists, merge audits, property history, opportunity contact roles, campaign
    members, converted leads) then includes the connector, and the keys reaching fct_leads,
    fct_deals and the credits stay unique across portals. With one connector (the var empty)
    nothing changes: the id is the connector's own and source_relation is ''.

    crm_union_var(crm): the union var of a CRM.
    crm_source(crm, table_name): sam.union_source of that CRM's table.
    crm_key(crm, expression): the id as a string, qualified by source_relation when unioned.
    crm_key_list(crm, expression): a ';'-separated id list (HubSpot merged_object_ids), each id
        qualified the same way. -#}
{% macro crm_union_var(crm) -%}
    {{ return('sam_' ~ crm ~ '_union_schemas') }}
{%- endmacro %}

{% macro crm_is_unioned(crm) -%}
    {{ return((var(sam.crm_union_var(crm), []) or []) | length > 0) }}
{%- endmacro %}

{% macro crm_source(crm, table_name) -%}
    {{ return(sam.union_source(crm, table_name, sam.crm_union_var(crm))) }}
{%- endmacro %}

{% macro crm_key(crm, expression) -%}
    {%- if sam.crm_is_unioned(crm) -%}
        (source_relation || ':' || cast({{ expression }} as {{ sam.type_string() }}))
    {%- else -%}
        cast({{ expression }} as {{ sam.type_string() }})
    {%- endif -%}
{%- endmacro %}

{% macro crm_key_list(crm, expression) -%}
    {%- if sam.crm_is_unioned(crm) -%}
        (source_relation || ':' || replace(
            cast({{ expression }} as {{ sam.type_string() }}), ';', ';' || source_relation || ':'))
    {%- else -%}
        cast({{ expression }} as {{ sam.type_string() }})
    {%- endif -%}
{%- endmacro %}
