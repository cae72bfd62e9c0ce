{#- CRM custom fields passed through to the marts (macros/crm/pass_through_columns.sql): one row
    per CRM record (a HubSpot contact or deal; a Salesforce lead, contact or opportunity) with the
    pass-through columns of its kind (NULL on the other kind). fct_leads joins its person_id to the
    person rows, fct_deals its deal_id to the deal rows. -#}

{%- set crm = var('sam_crm') %}
{%- set people_columns = sam.crm_pass_through_aliases('person') %}
{%- set deal_columns = sam.crm_pass_through_aliases('deal') %}
{%- if crm == 'hubspot' %}
    {%- set parts = [
        ['person', 'contact_id', ref('stg_hubspot__contacts'), people_columns],
        ['deal', 'deal_id', ref('stg_hubspot__deals'), deal_columns],
    ] %}
{%- else %}
    {%- set parts = [
        ['person', 'contact_id', ref('stg_salesforce__contacts'), people_columns],
        ['person', 'lead_id', ref('stg_salesforce__leads'), people_columns],
        ['deal', 'opportunity_id', ref('stg_salesforce__opportunities'), deal_columns],
    ] %}
{%- endif %}

with

records as (

    {%- for record_type, id_column, relation, columns in parts %}
        {% if not loop.first %}{{ sam.union_all_by_name() }}{% endif %}
        select
            {{ sam.column_list(columns) }}
            cast('{{ record_type }}' as {{ sam.type_string() }}) as record_type,
            {{ id_column }} as record_id
        from {{ relation }}
    {%- endfor %}

)

select * from records
