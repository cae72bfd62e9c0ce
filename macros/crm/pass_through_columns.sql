{#- CRM custom fields passed through to the marts (Fivetran's `*_pass_through_columns`): a var is a
    list of {name, alias, transform_sql}; `name` is the raw connector column, `alias` the column in
    staging and in fct_leads / fct_deals (default: name), `transform_sql` an optional SQL expression
    over the raw row that replaces the column (e.g. "cast(property_score as int64)"; portable SQL
    is yours to write). Vars: sam_hubspot_contact_pass_through_columns,
    sam_hubspot_deal_pass_through_columns, sam_salesforce_person_pass_through_columns (Lead and
    Contact alike), sam_salesforce_opportunity_pass_through_columns. No raw PII belongs here.

    pass_through_columns(var_name, relation): `<expr> as <alias>,` per entry (the start of a select
    list), after checking that `relation` (the raw source table) has each named column.
    pass_through_aliases(var_name): the aliases. -#}
{% macro pass_through_entries(var_name) -%}
    {%- set listed = var(var_name, []) or [] -%}
    {%- if listed is string or listed is mapping -%}
        {{ exceptions.raise_compiler_error(
            'var ' ~ var_name ~ ' must be a list of {name, alias, transform_sql}, got ' ~ listed) }}
    {%- endif -%}
    {%- set entries = [] -%}
    {%- for entry in listed -%}
        {%- set name = (entry.get('name') if entry is mapping else none) or '' -%}
        {%- set alias = (entry.get('alias') if entry is mapping else none) or name -%}
        {%- if not modules.re.match('^[A-Za-z_][A-Za-z0-9_]*$', name)
            or not modules.re.match('^[A-Za-z_][A-Za-z0-9_]*$', alias) -%}
            {{ exceptions.raise_compiler_error(
                'var ' ~ var_name ~ ': entry ' ~ loop.index ~ ' needs a name (and alias) that is a column '
                ~ 'name (letters, digits, _), got ' ~ entry) }}
        {%- endif -%}
        {%- if alias | lower in entries | map(attribute='alias') | map('lower') | list -%}
            {{ exceptions.raise_compiler_error(
                'var ' ~ var_name ~ ': alias ' ~ alias ~ ' is listed twice') }}
        {%- endif -%}
        {%- do entries.append({'name': name, 'alias': alias, 'sql': entry.get('transform_sql') or name}) -%}
    {%- endfor -%}
    {{ return(entries) }}
{%- endmacro %}

{% macro pass_through_columns(var_name, relation=none) -%}
    {%- set entries = sam.pass_through_entries(var_name) -%}
    {%- if entries and relation is not none and execute and var('sam_offline_is_incremental') is none -%}
        {#- a column the connector table lacks: one line naming the var, the table and the column -#}
        {%- set present = get_columns_in_query('select * from ' ~ relation ~ ' as pass_through_source')
            | map('lower') | list -%}
        {%- for entry in entries if entry.name | lower not in present -%}
            {{ exceptions.raise_compiler_error(
                'var ' ~ var_name ~ ': column ' ~ entry.name ~ ' is not in the connector table ('
                ~ relation ~ ') - sync it, or remove it from the var') }}
        {%- endfor -%}
    {%- endif -%}
    {%- for entry in entries %}
        {{ entry.sql }} as {{ entry.alias }},
    {%- endfor %}
{%- endmacro %}

{% macro pass_through_aliases(var_name) -%}
    {{ return(sam.pass_through_entries(var_name) | map(attribute='alias') | list) }}
{%- endmacro %}

{#- The pass-through aliases of the CRM in use (var sam_crm) for 'person' or 'deal' records. -#}
{% macro crm_pass_through_aliases(record_type) -%}
    {%- set names = {
        'hubspot': {'person': 'sam_hubspot_contact_pass_through_columns',
                    'deal': 'sam_hubspot_deal_pass_through_columns'},
        'salesforce': {'person': 'sam_salesforce_person_pass_through_columns',
                       'deal': 'sam_salesforce_opportunity_pass_through_columns'},
    } -%}
    {{ return(sam.pass_through_aliases(names[var('sam_crm')][record_type])) }}
{%- endmacro %}

{#- `columns` as a select-list fragment on one line: `<prefix>a, <prefix>b,` (leading=false: to
    open a select list) or `, <prefix>a, <prefix>b` (leading=true: to end one). '' when empty. -#}
{% macro column_list(columns, prefix='', leading=false) -%}
    {%- set names = [] -%}
    {%- for column in columns -%}
        {%- do names.append(prefix ~ column) -%}
    {%- endfor -%}
    {%- if names -%}
        {{ ', ' ~ names | join(', ') if leading else names | join(', ') ~ ',' }}
    {%- endif -%}
{%- endmacro %}
