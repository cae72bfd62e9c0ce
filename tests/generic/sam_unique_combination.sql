{#- Fails on every combination of `columns` that appears more than once (a composite primary key).
    Null parts count as values, so a key with a null part is still checked for repeats. -#}
{% test sam_unique_combination(model, columns) %}

select
    {{ columns | join(', ') }},
    count(*) as n_rows
from {{ model }}
group by {{ columns | join(', ') }}
having count(*) > 1

{% endtest %}
