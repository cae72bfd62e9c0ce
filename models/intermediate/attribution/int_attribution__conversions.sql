{#- Placeholder until the conversions model lands (issue 7): the contract's columns, no rows. -#}

{{ config(materialized='table') }}

with

final as (

    select
        cast(null as {{ dbt.type_string() }}) as conversion_type,
        cast(null as {{ dbt.type_string() }}) as conversion_id,
        cast(null as {{ dbt.type_timestamp() }}) as converted_at,
        cast(null as {{ dbt.type_float() }}) as conversion_value,
        cast(null as {{ dbt.type_string() }}) as person_id,
        cast(null as {{ dbt.type_string() }}) as deal_id

)

select * from final
where false
