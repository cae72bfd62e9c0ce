{#- How a CRM record finds its live person, written once per CRM. The model names its import CTEs
    after the models they read: resolution (int_<crm>__contact_resolution /
    int_salesforce__record_resolution), people (int_<crm>__people), leads and contacts (the
    Salesforce staging models). -#}

{#- The joins from a HubSpot contact id to its live person: a contact merged into another is
    re-pointed to the survivor; a contact with no live person drops out (it is counted in
    int_hubspot__excluded_records). -#}
{% macro hubspot_contact_person_joins(contact_id) -%}
    inner join resolution
        on {{ contact_id }} = resolution.contact_id
    inner join people
        on resolution.surviving_contact_id = people.person_id
{%- endmacro %}

{#- Each HubSpot contact row with its live person's person_id (select contacts.*, person_id): a
    contact merged into another carries the survivor's id; contacts with no live person drop out.
    The body of the model's contact_people CTE. -#}
{% macro hubspot_contact_people(contacts) -%}
    select
        {{ contacts }}.*,
        people.person_id
    from {{ contacts }}
    {{ sam.hubspot_contact_person_joins(contacts ~ '.contact_id') }}
{%- endmacro %}

{#- The joins from a Salesforce lead or contact id to its live person: a converted or merged lead
    and a merged contact are re-pointed to the person they went into; a record with no live person
    drops out (it is counted in int_salesforce__excluded_records). -#}
{% macro salesforce_record_person_joins(record_type, record_id) -%}
    {%- if record_type not in ['lead', 'contact'] -%}
        {{ exceptions.raise_compiler_error("salesforce_record_person_joins: record_type must be 'lead' or 'contact', got '" ~ record_type ~ "'") }}
    {%- endif -%}
    inner join resolution
        on resolution.record_type = '{{ record_type }}'
            and {{ record_id }} = resolution.record_id
    inner join people
        on resolution.person_id = people.person_id
{%- endmacro %}

{#- The joins from int_salesforce__record_resolution to the staging row behind each resolved record
    (left joins: a lead row's contact columns are NULL and the other way round). -#}
{% macro salesforce_resolution_record_joins() -%}
    left join leads
        on resolution.record_type = 'lead'
            and resolution.record_id = leads.lead_id
    left join contacts
        on resolution.record_type = 'contact'
            and resolution.record_id = contacts.contact_id
{%- endmacro %}
