{#- The touch the CRM recorded for each person at creation (issue 17): the source the CRM says the
    person came from, as a channel through the SAME channel rules as sessions. Signals, first that
    gives a channel wins:
      1. utm   - UTM fields saved on the record (a hidden form field): source / medium / campaign;
      2. lead_source - the recorded source (HubSpot original source + drill-downs, Salesforce
         LeadSource) through the seed sam_crm_source_channels: a channel named there, or its
         source / medium / campaign through the channel rules;
      3. gclid - a Google click id: google / cpc (int_attribution__touchpoints drops it when a
         GA4 session carries that gclid: the session is the touch);
      4. fbclid - a Facebook click id: facebook / paid_social.
    Reads only the CRM contract and seeds, so both CRMs can be compared on it alone.
    People whose record gives none of these (a blocked tracker, an unknown LeadSource) get no
    touch: they stay '(no web touch)' unless the web found them. Which of these touches join the
    journeys is decided in int_attribution__touchpoints (var sam_crm_recorded_touches). -#}
{{ config(materialized='table') }}

{%- set sales_sourced = var('sam_sales_sourced_channel') | replace("'", "''") %}
{%- set offline = var('sam_crm_offline_channel') | replace("'", "''") %}

with

recorded as (

    select * from {{ ref('int_crm__recorded_sources') }}

),

source_channels as (

    select * from {{ ref('sam_crm_source_channels') }}

),

source_categories as (

    {{ sam_source_categories() }}

),

-- The seed row of each person's recorded source: same CRM and value, drill-down pattern matching.
lead_source_rows as (

    select
        {%- for field in ['source', 'medium', 'campaign'] %}
            case source_channels.{{ field }}
                when '{detail_1}' then lower(recorded.lead_source_detail_1)
                when '{detail_2}' then lower(recorded.lead_source_detail_2)
                else source_channels.{{ field }}
            end as seed_{{ field }},
        {%- endfor %}
        recorded.person_id,
        source_channels.priority,
        source_channels.channel as seed_channel
    from recorded
    inner join source_channels
        on
            lower(trim(source_channels.crm)) = recorded.crm
            and lower(trim(source_channels.lead_source)) = lower(recorded.lead_source)
            and (
                source_channels.detail_1_like is null
                or lower(coalesce(recorded.lead_source_detail_1, '')) like source_channels.detail_1_like
            )

),

lead_source_ranked as (

    select
        *,
        row_number() over (partition by person_id order by priority) as match_rank
    from lead_source_rows

),

lead_source_matches as (

    select *
    from lead_source_ranked
    where match_rank = 1

),

-- Each person's signals in order; the first with something to classify decides.
signals as (

    select
        recorded.person_id,
        recorded.recorded_at,
        recorded.lead_source,
        case
            when coalesce(recorded.utm_source, recorded.utm_medium) is not null then 'utm'
            when
                lead_source_matches.seed_channel is not null
                or coalesce(lead_source_matches.seed_source, lead_source_matches.seed_medium) is not null
                then 'lead_source'
            when recorded.gclid is not null then 'gclid'
            when recorded.fbclid is not null then 'fbclid'
        end as recorded_by,
        lead_source_matches.seed_channel
            as named_channel,
        recorded.gclid,
        recorded.utm_source,
        recorded.utm_medium,
        recorded.utm_campaign,
        lead_source_matches.seed_source,
        lead_source_matches.seed_medium,
        lead_source_matches.seed_campaign
    from recorded
    left join lead_source_matches on recorded.person_id = lead_source_matches.person_id

),

classified as (

    select
        person_id,
        recorded_at,
        lead_source,
        recorded_by,
        gclid,
        case when recorded_by = 'lead_source' then named_channel end as named_channel,
        case recorded_by
            when 'utm' then coalesce(utm_source, '(not set)')
            when 'lead_source' then seed_source
            when 'gclid' then 'google'
            when 'fbclid' then 'facebook'
        end as source,
        case recorded_by
            when 'utm' then utm_medium
            when 'lead_source' then seed_medium
            when 'gclid' then 'cpc'
            when 'fbclid' then 'paid_social'
        end as medium,
        case recorded_by
            when 'utm' then utm_campaign
            when 'lead_source' then seed_campaign
        end as campaign
    from signals
    where recorded_by is not null

),

categorised as (

    select
        classified.*,
        source_categories.source_category
    from classified
    left join source_categories
        on {{ sam_source_category_match('classified.source', 'source_categories') }}

),

final as (

    select
        person_id,
        {{ dbt.concat(["'crm:'", 'person_id']) }} as touchpoint_id,
        recorded_at as touched_at,
        case
            when named_channel = '{sales_sourced}' then '{{ sales_sourced }}'
            when named_channel = '{offline}' then '{{ offline }}'
            when named_channel is not null then named_channel
            else {{ sam_session_channel(
                'source', 'medium', 'campaign', 'source_category',
                overrides=var('sam_channel_overrides'),
            ) }}
        end as channel,
        campaign,
        source,
        medium,
        lead_source,
        recorded_by,
        gclid
    from categorised

)

select * from final
