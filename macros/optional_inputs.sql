{#- Optional inputs: connector tables a user may not have (HubSpot lists, list members, merge
    audits, deal-company associations; the FX rates table of a single-currency company). Each is
    switched by one var (declared in dbt_project.yml; `sam build` sets it from what the data
    directory holds). Switched off, its source table and staging model are disabled, its unit
    tests too, and every reader gets an empty relation typed like the staging model
    (optional_ref) instead of a ref: nothing reads a table that is not there.

    optional_inputs(): staging model -> {var, columns (the staging model's output, [name, kind])}.
    optional_input_enabled(model): the switch of one staging model, as a boolean.
    optional_ref(model): ref(model) when its input is on, else the typed empty relation. -#}
{% macro optional_inputs() %}
    {{ return({
        'stg_hubspot__contact_lists': {
            'var': 'sam_hubspot_contact_list_enabled',
            'columns': [['list_id', 'string'], ['list_name', 'string'], ['is_deleted', 'boolean'],
                        ['created_at', 'timestamp']],
        },
        'stg_hubspot__contact_list_members': {
            'var': 'sam_hubspot_contact_list_member_enabled',
            'columns': [['list_id', 'string'], ['contact_id', 'string'], ['is_deleted', 'boolean'],
                        ['added_at', 'timestamp']],
        },
        'stg_hubspot__contact_merge_audits': {
            'var': 'sam_hubspot_contact_merge_audit_enabled',
            'columns': [['canonical_contact_id', 'string'], ['merged_contact_id', 'string'],
                        ['merged_at', 'timestamp']],
        },
        'stg_hubspot__deal_companies': {
            'var': 'sam_hubspot_deal_company_enabled',
            'columns': [['deal_id', 'string'], ['company_id', 'string'],
                        ['association_type_id', 'bigint']],
        },
        'stg_fx__rates': {
            'var': 'sam_fx_enabled',
            'columns': [['currency_from', 'string'], ['currency_to', 'string'], ['rate', 'float'],
                        ['rate_date', 'date']],
        },
    }) }}
{% endmacro %}

{% macro optional_input_enabled(model) -%}
    {{ return(sam.sam_var_is_true(sam.optional_inputs()[model]['var'])) }}
{%- endmacro %}

{% macro optional_ref(model) -%}
    {%- if sam.optional_input_enabled(model) -%}
        {{ ref(model) }}
    {%- else -%}
        ({{ sam._empty_contract(sam.optional_inputs()[model]['columns']) }})
    {%- endif -%}
{%- endmacro %}
