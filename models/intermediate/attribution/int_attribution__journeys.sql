{#- The touches of every journey, converting or not, of every conversion type: what the rule
    models credit and what the data-driven models learn from (they need the journeys that did
    NOT convert too). A journey holds the touches at or before its end and at most the type's
    lookback (var sam_attribution_lookback_days) before it (a won deal's: before the opportunity
    was created, var sam_attribution_closed_won_lookback_from); a deal's journey starts at its
    primary person's first touch (var sam_attribution_deal_journey_start). A converting journey ends at the
    conversion; one that did not convert ends at its last touch (a lost deal: at its close). -#}
{{
    config(
        materialized='table',
        partition_by=sam.partition_by_day('touched_at', 'timestamp'),
        cluster_by=['conversion_type'],
    )
}}

{%- set lookback_days = var('sam_attribution_lookback_days') %}
{%- set closed_won_lookback_from = var('sam_attribution_closed_won_lookback_from') %}
{%- set deal_journey_start = var('sam_attribution_deal_journey_start') %}
{%- if deal_journey_start not in ['primary_first_touch', 'lookback'] %}
    {{ exceptions.raise_compiler_error(
        "var sam_attribution_deal_journey_start must be primary_first_touch or lookback, got '"
        ~ deal_journey_start ~ "'") }}
{%- endif %}
{%- if closed_won_lookback_from not in ['opportunity_created', 'closed_won'] %}
    {{ exceptions.raise_compiler_error(
        "var sam_attribution_closed_won_lookback_from must be opportunity_created or closed_won, got '"
        ~ closed_won_lookback_from ~ "'") }}
{%- endif %}

with

conversions as (

    select * from {{ ref('int_attribution__conversions') }}

),

touchpoints as (

    select * from {{ ref('int_attribution__touchpoints') }}

),

people as (

    select
        person_id,
        created_at
    from {{ ref('int_crm__people') }}

),

deals as (

    select
        deal_id,
        created_at,
        closed_at,
        is_closed,
        is_won
    from {{ ref('int_crm__deals') }}

),

deal_people as (

    select
        deal_id,
        person_id,
        is_primary
    from {{ ref('int_crm__deal_people') }}

),

stitched_visitors as (

    select distinct user_pseudo_id
    from {{ ref('int_identity__person_visitors') }}

),

sessions as (

    select
        session_key,
        property_id,
        user_pseudo_id,
        session_start_at,
        campaign,
        channel
    from {{ ref('int_ga4__sessions') }}
    where user_pseudo_id is not null

),

-- When a deal's lead was created (its LC milestone): the primary person's lead creation, else
-- the earliest lead creation among the deal's people.
deal_lead_ranked as (

    select
        deal_people.deal_id,
        people.created_at,
        row_number() over (
            partition by deal_people.deal_id
            order by
                case when deal_people.is_primary then 0 else 1 end,
                people.created_at,
                people.person_id
        ) as lead_rank
    from deal_people
    inner join people on deal_people.person_id = people.person_id

),

deal_lead_created as (

    select
        deal_id,
        created_at as lead_created_at
    from deal_lead_ranked
    where lead_rank = 1

),

-- Converting journeys: one per conversion, ending at the conversion.
converting_journeys as (

    select
        conversion_type,
        conversion_id as journey_id,
        true as is_converting,
        conversion_id,
        converted_at,
        conversion_value,
        converted_at as journey_end_at,
        person_id,
        deal_id,
        cast(null as {{ sam.type_string() }}) as user_pseudo_id
    from conversions

),

lead_stages as (

    select 'mql' as conversion_type
    union all
    select 'sql' as conversion_type

),

-- Leads that did not reach MQL / SQL: open journeys (they end at the lead's last touch).
leads_not_qualified as (

    select
        lead_stages.conversion_type,
        people.person_id as journey_id,
        false as is_converting,
        cast(null as {{ sam.type_string() }}) as conversion_id,
        cast(null as {{ sam.type_timestamp() }}) as converted_at,
        cast(0 as {{ sam.type_float() }}) as conversion_value,
        cast(null as {{ sam.type_timestamp() }}) as journey_end_at,
        people.person_id,
        cast(null as {{ sam.type_string() }}) as deal_id,
        cast(null as {{ sam.type_string() }}) as user_pseudo_id
    from people
    cross join lead_stages
    left join conversions
        on
            lead_stages.conversion_type = conversions.conversion_type
            and people.person_id = conversions.conversion_id
    where conversions.conversion_id is null

),

people_on_deals as (

    select distinct person_id
    from deal_people

),

-- Leads on no deal: they did not reach opportunity_created.
leads_without_deal as (

    select
        'opportunity_created' as conversion_type,
        people.person_id as journey_id,
        false as is_converting,
        cast(null as {{ sam.type_string() }}) as conversion_id,
        cast(null as {{ sam.type_timestamp() }}) as converted_at,
        cast(0 as {{ sam.type_float() }}) as conversion_value,
        cast(null as {{ sam.type_timestamp() }}) as journey_end_at,
        people.person_id,
        cast(null as {{ sam.type_string() }}) as deal_id,
        cast(null as {{ sam.type_string() }}) as user_pseudo_id
    from people
    left join people_on_deals on people.person_id = people_on_deals.person_id
    where people_on_deals.person_id is null

),

-- Deals not won (open or lost): a lost deal's journey ends at its close.
deals_not_won as (

    select
        'closed_won' as conversion_type,
        deals.deal_id as journey_id,
        false as is_converting,
        cast(null as {{ sam.type_string() }}) as conversion_id,
        cast(null as {{ sam.type_timestamp() }}) as converted_at,
        cast(0 as {{ sam.type_float() }}) as conversion_value,
        case when deals.is_closed then deals.closed_at end as journey_end_at,
        cast(null as {{ sam.type_string() }}) as person_id,
        deals.deal_id,
        cast(null as {{ sam.type_string() }}) as user_pseudo_id
    from deals
    left join conversions
        on
            conversions.conversion_type = 'closed_won'
            and deals.deal_id = conversions.conversion_id
    where conversions.conversion_id is null

),

journeys as (

    select * from converting_journeys
    union all
    select * from leads_not_qualified
    union all
    select * from leads_without_deal
    union all
    select * from deals_not_won

),

-- The milestone times that place the LC and OC roles.
journey_milestones as (

    select
        journeys.*,
        coalesce(people.created_at, deal_lead_created.lead_created_at) as lead_created_at,
        deals.created_at as opportunity_created_at
    from journeys
    left join people on journeys.person_id = people.person_id
    left join deal_lead_created on journeys.deal_id = deal_lead_created.deal_id
    left join deals on journeys.deal_id = deals.deal_id

),

person_journey_touches as (

    select
        journey_milestones.*,
        touchpoints.touchpoint_id,
        touchpoints.touch_type,
        touchpoints.channel,
        touchpoints.campaign,
        touchpoints.touched_at,
        touchpoints.property_id
    from journey_milestones
    inner join touchpoints on journey_milestones.person_id = touchpoints.person_id

),

-- A deal's journey is the union of the touches of all its people (a session two of them share
-- counts once), CRM-recorded touches only of the people who existed when the deal opened.
deal_journey_touches as (

    select distinct
        journey_milestones.*,
        touchpoints.touchpoint_id,
        touchpoints.touch_type,
        touchpoints.channel,
        touchpoints.campaign,
        touchpoints.touched_at,
        touchpoints.property_id
    from journey_milestones
    inner join deal_people on journey_milestones.deal_id = deal_people.deal_id
    inner join touchpoints on deal_people.person_id = touchpoints.person_id
    -- a person's CRM-recorded touch (how the person arrived) counts for a deal only when the
    -- person existed before the deal opened: a contact sales added later did not source it
    where
        touchpoints.touch_type != 'crm_recorded'
        or journey_milestones.opportunity_created_at is null
        or touchpoints.touched_at <= journey_milestones.opportunity_created_at

),

-- Visitors stitched to no CRM person produced no lead: the non-converting lead_created journeys
-- (most rows at scale: one per session of every anonymous visitor). They take a shorter road to
-- the same rows than the CRM journeys below (issue 18): no end but their last touch, no deal, no
-- milestone, so no primary-person start and no LC / OC role; their last touch comes from a
-- group-by instead of a window over every row. A visitor journey's id is a GA4 user_pseudo_id (a
-- web client id '<random>.<timestamp>', an app's 32-hex instance id), never a CRM id (HubSpot's
-- digits, Salesforce's 15/18 characters, '<schema>:' qualified), so the two never share a journey.
visitor_touches as (

    select
        sessions.user_pseudo_id,
        sessions.session_key as touchpoint_id,
        coalesce(sessions.channel, 'Unassigned') as channel,
        sessions.campaign,
        sessions.session_start_at as touched_at,
        sessions.property_id
    from sessions
    left join stitched_visitors on sessions.user_pseudo_id = stitched_visitors.user_pseudo_id
    where
        stitched_visitors.user_pseudo_id is null
        and sessions.session_start_at is not null

),

visitor_last_touches as (

    select
        user_pseudo_id,
        max(touched_at) as window_end_at
    from visitor_touches
    group by user_pseudo_id

),

visitor_in_lookback as (

    select
        visitor_touches.*,
        visitor_last_touches.window_end_at
    from visitor_touches
    inner join visitor_last_touches
        on visitor_touches.user_pseudo_id = visitor_last_touches.user_pseudo_id
    where
        {{ dbt.datediff('visitor_touches.touched_at', 'visitor_last_touches.window_end_at', 'second') }}
        <= {{ lookback_days.get('lead_created', 'null') }} * 86400

),

visitor_journeys as (

    select
        'lead_created' as conversion_type,
        user_pseudo_id as journey_id,
        false as is_converting,
        cast(null as {{ sam.type_string() }}) as conversion_id,
        cast(null as {{ sam.type_timestamp() }}) as converted_at,
        cast(0 as {{ sam.type_float() }}) as conversion_value,
        row_number() over (
            partition by user_pseudo_id
            order by touched_at, touchpoint_id
        ) as touch_number,
        count(*) over (partition by user_pseudo_id) as touch_count,
        touchpoint_id,
        'web' as touch_type,
        channel,
        campaign,
        touched_at,
        property_id,
        cast(null as {{ sam.type_string() }}) as person_id,
        cast(null as {{ sam.type_string() }}) as deal_id,
        user_pseudo_id,
        window_end_at,
        cast(null as {{ sam.type_timestamp() }}) as lead_created_at,
        cast(null as {{ sam.type_timestamp() }}) as opportunity_created_at
    from visitor_in_lookback

),

journey_touches as (

    select * from person_journey_touches
    union all
    select * from deal_journey_touches

),

-- Only touches at or before the journey's end (an open journey ends at its last touch) ...
ended as (

    select
        journey_touches.*,
        coalesce(
            journey_touches.journey_end_at,
            max(journey_touches.touched_at) over (
                partition by journey_touches.conversion_type, journey_touches.journey_id
            )
        ) as window_end_at,
        case journey_touches.conversion_type
            {%- for conversion_type, days in lookback_days.items() %}
                when '{{ conversion_type }}' then {{ days }}
            {%- endfor %}
        end as lookback_days
    from journey_touches
    where journey_touches.touched_at <= coalesce(journey_touches.journey_end_at, journey_touches.touched_at)

),

-- ... and within the lookback window before it. A won deal's window counts back from the
-- opportunity's creation (var sam_attribution_closed_won_lookback_from): a deal that took five
-- months to close was still sourced by the touches before it opened.
anchored as (

    select
        *,
        {%- if closed_won_lookback_from == 'opportunity_created' %}
            case
                when conversion_type = 'closed_won' and opportunity_created_at < window_end_at
                    then opportunity_created_at
                else window_end_at
            end as lookback_from_at
        {%- else %}
        window_end_at as lookback_from_at
        {%- endif %}
    from ended

),

in_lookback as (

    select *
    from anchored
    where {{ dbt.datediff('touched_at', 'lookback_from_at', 'second') }} <= lookback_days * 86400

),

-- The touches of each deal's primary person (the lead that opened it).
primary_touches as (

    select distinct
        deal_people.deal_id,
        touchpoints.touchpoint_id
    from deal_people
    inner join touchpoints on deal_people.person_id = touchpoints.person_id
    where deal_people.is_primary

),

-- A deal's journey starts at its primary person's first touch in the window (var
-- sam_attribution_deal_journey_start): a colleague's earlier visits are that colleague's own
-- lead journey, not the deal's. Without a primary touch in the window: the whole committee's.
deal_started as (

    select
        in_lookback.*,
        min(case when primary_touches.touchpoint_id is not null then in_lookback.touched_at end) over (
            partition by in_lookback.conversion_type, in_lookback.journey_id
        ) as primary_first_touched_at
    from in_lookback
    left join primary_touches
        on
            in_lookback.deal_id = primary_touches.deal_id
            and in_lookback.touchpoint_id = primary_touches.touchpoint_id

),

windowed as (

    select
        *,
        -- a CRM-recorded touch comes after the web and offline touches of the same moment
        row_number() over (
            partition by conversion_type, journey_id
            order by touched_at, case when touch_type = 'crm_recorded' then 1 else 0 end, touchpoint_id
        ) as touch_number,
        count(*) over (partition by conversion_type, journey_id) as touch_count
    from deal_started
    {%- if deal_journey_start == 'primary_first_touch' %}
        where primary_first_touched_at is null or touched_at >= primary_first_touched_at
    {%- endif %}

),

roles as (

    select
        *,
        max(case when touched_at <= lead_created_at then touch_number end) over (
            partition by conversion_type, journey_id
        ) as lc_touch_number,
        max(case when touched_at <= opportunity_created_at then touch_number end) over (
            partition by conversion_type, journey_id
        ) as oc_touch_number
    from windowed

)

{#- The output columns, the same for both branches of the union but the touch roles: only a CRM
    journey has a lead, an opportunity or a won deal to mark (a visitor's is_lc/is_oc/is_cw are
    false). -#}
{%- set journey_columns = [
    'conversion_type', 'journey_id', 'is_converting', 'conversion_id', 'converted_at',
    'conversion_value', 'touch_number', 'touch_count', 'touchpoint_id', 'touch_type', 'channel',
    'campaign', 'touched_at', 'property_id', 'touch_number = 1 as is_ft',
    'is_lc', 'is_oc', 'is_cw',
    'person_id', 'deal_id', 'user_pseudo_id', 'window_end_at as journey_end_at',
    'lead_created_at', 'opportunity_created_at',
] %}
{%- set crm_roles = {
    'is_lc': 'coalesce(touch_number = lc_touch_number, false) as is_lc',
    'is_oc': 'coalesce(touch_number = oc_touch_number, false) as is_oc',
    'is_cw': "coalesce(conversion_type = 'closed_won' and is_converting and touch_number = touch_count"
        ~ ", false) as is_cw",
} %}
{%- set visitor_roles = {
    'is_lc': 'false as is_lc',
    'is_oc': 'false as is_oc',
    'is_cw': 'false as is_cw',
} %}

select
    {%- for column in journey_columns %}
        {{ crm_roles.get(column, column) }}{% if not loop.last %},{% endif %}
    {%- endfor %}
from roles

union all

select
    {%- for column in journey_columns %}
        {{ visitor_roles.get(column, column) }}{% if not loop.last %},{% endif %}
    {%- endfor %}
from visitor_journeys
