{#- CRM-agnostic shaping shared by the HubSpot and Salesforce models: each CRM model builds its
    own CRM-specific rows, these macros turn them into the contract's shape. Written once for both
    CRMs. -#}

{#- The milestone CTEs after a CRM's candidate times (person_id, milestone, reached_at,
    reached_at_source): the earliest time per person and milestone wins (ties: reached_at_source);
    a person who reached a later milestone without a lead_created time was a lead from creation
    (the person's created_at, reached_at_source 'created_date'). Emits the CTEs ranked, reached,
    implied_lead_created and final; the model ends with `select * from final`. -#}
{% macro crm_lead_milestones_from_candidates(candidate_times, people) -%}
ranked as (

    select
        person_id,
        milestone,
        reached_at,
        reached_at_source,
        row_number() over (
            partition by person_id, milestone
            order by reached_at, reached_at_source
        ) as time_rank
    from {{ candidate_times }}

),

reached as (

    select
        person_id,
        milestone,
        reached_at,
        reached_at_source
    from ranked
    where time_rank = 1

),

implied_lead_created as (

    select
        {{ people }}.person_id,
        'lead_created' as milestone,
        {{ people }}.created_at as reached_at,
        'created_date' as reached_at_source
    from {{ people }}
    where exists (
            select 1 from reached
            where reached.person_id = {{ people }}.person_id and reached.milestone != 'lead_created'
        )
        and not exists (
            select 1 from reached
            where reached.person_id = {{ people }}.person_id and reached.milestone = 'lead_created'
        )

),

final as (

    select
        person_id,
        milestone,
        reached_at,
        reached_at_source
    from reached
    union all
    select
        person_id,
        milestone,
        reached_at,
        reached_at_source
    from implied_lead_created

)
{%- endmacro %}

{#- The web identifiers a person's records carry, one row per record x identifier (person_id,
    identifier_kind, identifier_value, created_at): GA client id, gclid, e-mail hashes (SAM's and
    Google's normalisation) and fbclid, from a relation with the columns person_id, ga_client_id,
    gclid, email_sha256, email_sha256_google, fbclid and created_at. The CRM
    ids are CRM-specific: the model unions them on. -#}
{% macro crm_web_identifiers(records) -%}
    {%- for kind in ['ga_client_id', 'gclid', 'email_sha256', 'email_sha256_google', 'fbclid'] %}
    {%- if not loop.first %}
    union all
    {%- endif %}
    select
        person_id,
        '{{ kind }}' as identifier_kind,
        {{ kind }} as identifier_value,
        created_at
    from {{ records }}
    where {{ kind }} is not null
    {%- endfor %}
{%- endmacro %}

{#- One row per person x identifier from the record-level identifier rows: observed_at is the
    earliest created_at of the records that carry it. The body of the model's final CTE. -#}
{% macro crm_person_identifiers_observed(identifiers) -%}
    select
        -- ids
        person_id,

        -- strings
        identifier_kind,
        identifier_value,

        -- timestamps
        min(created_at) as observed_at

    from {{ identifiers }}
    group by person_id, identifier_kind, identifier_value
{%- endmacro %}

{#- When each deal last entered the stage it is in now, from a CRM's deal stage history (deal_id,
    stage_id, stage_entered_at) and its deals (the id and stage columns named). The body of the
    model's current_stage_entries CTE. -#}
{% macro crm_current_stage_entries(stage_history, deals, deal_id, stage_id) -%}
    select
        {{ stage_history }}.deal_id,
        max({{ stage_history }}.stage_entered_at) as current_stage_entered_at
    from {{ stage_history }}
    inner join {{ deals }}
        on {{ stage_history }}.deal_id = {{ deals }}.{{ deal_id }}
            and {{ stage_history }}.stage_id = {{ deals }}.{{ stage_id }}
    group by {{ stage_history }}.deal_id
{%- endmacro %}

{#- A closed deal's closed_at: when it entered its current (closed) stage, else its close date;
    NULL while the deal is open. -#}
{% macro crm_deal_closed_at(is_closed, current_stage_entered_at, close_date_at) -%}
    case
        when {{ is_closed }}
            then coalesce({{ current_stage_entered_at }}, {{ close_date_at }})
    end
{%- endmacro %}

{#- The contract row of a deal from a CRM's enriched deals (the contract's columns but amount and
    fx_rate_missing, CRM-neutral names) and int_fx__rates_daily: the amount is converted to the
    reporting currency on the deal's FX day (sam.deal_fx_day). The body of the model's final CTE. -#}
{% macro crm_deals_in_reporting_currency(crm, enriched, fx_rates) -%}
    select
        -- ids
        {{ enriched }}.source_relation,
        {{ enriched }}.deal_id,
        {{ enriched }}.pipeline_id,
        {{ enriched }}.stage_id,
        {{ enriched }}.account_id,
        {{ enriched }}.campaign_id,

        -- strings
        '{{ crm }}' as crm,
        {{ enriched }}.deal_name,
        {{ enriched }}.pipeline_name,
        {{ enriched }}.stage_name,
        {{ enriched }}.currency_original,

        -- numerics
        {{ enriched }}.amount_original,
        {{ sam.to_reporting_currency(enriched ~ '.amount_original', enriched ~ '.currency_original', fx_rates ~ '.rate') }}
            as amount,

        -- booleans
        {{ enriched }}.is_closed,
        {{ enriched }}.is_won,
        {{ sam.fx_rate_missing(enriched ~ '.currency_original', fx_rates ~ '.rate') }} as fx_rate_missing,

        -- strings
        {{ sam.crm_deal_value_issue(enriched, 'known_currencies.currency_from') }} as value_issue,

        -- timestamps
        {{ enriched }}.created_at,
        {{ enriched }}.closed_at

    from {{ enriched }}
    left join {{ fx_rates }}
        on {{ sam.deal_fx_day(enriched ~ '.closed_at', enriched ~ '.created_at') }} = {{ fx_rates }}.date_day
            and {{ enriched }}.currency_original = {{ fx_rates }}.currency_from
    left join (select distinct currency_from from {{ fx_rates }}) as known_currencies
        on {{ enriched }}.currency_original = known_currencies.currency_from
{%- endmacro %}

{#- Why a deal's value cannot be trusted (NULL = it can), first reason wins: its stage is not in
    the CRM's stage table (unknown_stage: won or lost cannot be told), its currency is neither the
    reporting currency nor any currency of the FX table (unknown_currency), its amount is negative
    (negative_amount), or it is won without an amount (missing_amount_on_won_deal). Such deals are
    left out of int_crm__deals (never summed as pipeline or revenue) and counted with their amount
    in int_crm__excluded_records / rpt_crm__exclusions; a warn-level test names them. -#}
{% macro crm_deal_value_issue(enriched, known_currency) -%}
    case
        when {{ enriched }}.stage_name is null then 'unknown_stage'
        when {{ enriched }}.currency_original != '{{ var("sam_reporting_currency") | upper }}'
            and {{ known_currency }} is null then 'unknown_currency'
        when {{ enriched }}.amount_original < 0 then 'negative_amount'
        when {{ enriched }}.is_won and {{ enriched }}.amount_original is null
            then 'missing_amount_on_won_deal'
    end
{%- endmacro %}

{#- The stage history CTEs after a CRM's stage entries (deal_id, stage_id, stage_name,
    stage_entered_at, stage_order; one row per entry): an entry is left when the deal enters its
    next stage (stage_exited_at); an entry into a stage earlier in the stage order than the one
    before is flagged is_regression. Ties on the entry time are ordered by stage_order, then
    stage_id. Emits the CTEs ordered and final; the model ends with `select * from final`. -#}
{% macro crm_stage_history_from_entries(entries) -%}
ordered as (

    select
        deal_id,
        stage_id,
        stage_name,
        stage_entered_at,
        stage_order,
        lead(stage_entered_at) over (
            partition by deal_id
            order by stage_entered_at, stage_order, stage_id
        ) as stage_exited_at,
        lag(stage_order) over (
            partition by deal_id
            order by stage_entered_at, stage_order, stage_id
        ) as previous_stage_order
    from {{ entries }}

),

final as (

    select
        -- ids
        deal_id,
        stage_id,

        -- strings
        stage_name,

        -- numerics
        stage_order,

        -- booleans
        coalesce(stage_order < previous_stage_order, false) as is_regression,

        -- timestamps
        stage_entered_at,
        stage_exited_at

    from ordered

)
{%- endmacro %}


{#- The recorded-source contract (int_crm__recorded_sources) from `records`: one row per CRM record
    (person_id, record_id, created_at and the recorded-source columns). Per person, the earliest
    record that recorded any source wins (a merged-away duplicate created first, a Salesforce lead
    before the contact it became); recorded_at is the person's creation time. -#}
{% macro crm_recorded_sources_from_records(crm, records) -%}
    {%- set fields = ['lead_source'] + sam.crm_recorded_source_keys() + ['gclid'] %}
    select
        people.person_id,
        '{{ crm }}' as crm,
        people.created_at as recorded_at,
        {%- for field in fields %}
        ranked.{{ field }}{{ ',' if not loop.last }}
        {%- endfor %}
    from people
    left join (
        select
            {{ records }}.*,
            row_number() over (
                partition by {{ records }}.person_id
                order by
                    case when coalesce({{ fields | join(', ') }}) is null then 1 else 0 end,
                    {{ records }}.created_at,
                    {{ records }}.record_id
            ) as source_rank
        from {{ records }}
    ) as ranked
        on people.person_id = ranked.person_id and ranked.source_rank = 1
{%- endmacro %}
