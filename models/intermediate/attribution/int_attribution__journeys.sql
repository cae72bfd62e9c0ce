{#- Placeholder until the journeys model lands (issue 7): the contract's columns, no rows. -#}

{{ config(materialized='table') }}

with

final as (

    select
        cast(null as {{ dbt.type_string() }}) as conversion_type,
        cast(null as {{ dbt.type_string() }}) as journey_id,
        cast(null as {{ dbt.type_boolean() }}) as is_converting,
        cast(null as {{ dbt.type_string() }}) as conversion_id,
        cast(null as {{ dbt.type_timestamp() }}) as converted_at,
        cast(null as {{ dbt.type_float() }}) as conversion_value,
        cast(null as {{ dbt.type_int() }}) as touch_number,
        cast(null as {{ dbt.type_int() }}) as touch_count,
        cast(null as {{ dbt.type_string() }}) as touchpoint_id,
        cast(null as {{ dbt.type_string() }}) as touch_type,
        cast(null as {{ dbt.type_string() }}) as channel,
        cast(null as {{ dbt.type_string() }}) as campaign,
        cast(null as {{ dbt.type_timestamp() }}) as touched_at,
        cast(null as {{ dbt.type_boolean() }}) as is_ft,
        cast(null as {{ dbt.type_boolean() }}) as is_lc,
        cast(null as {{ dbt.type_boolean() }}) as is_oc,
        cast(null as {{ dbt.type_boolean() }}) as is_cw

)

select * from final
where false
