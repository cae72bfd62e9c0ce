{#- The e-mail hashes follow each destination's rule (docs/closing-the-loop.md): email_sha256 (SAM,
    Meta's em) hashes the trimmed, lower-cased address; email_sha256_google also drops the dots of
    a gmail.com / googlemail.com local part. Expected hashes computed with Python's hashlib.
    Returns the cases that differ. -#}

with

cases as (

    select
        ' John.Doe@GMAIL.com ' as email,
        '375320dd9ae7ed408002f3768e16cb5f28c861062fd50dff9a3bff62e9dce4ef' as expected_sha256,
        '06a240d11cc201676da976f7b49341181fd180da37cbe40a77432c0a366c80c3' as expected_google
    union all
    select
        'Jane.Roe@example.com' as email,
        '22fff12b355cb9cb6303835fe8227cbb155ee22d300caccba72b326d1a6fb98a' as expected_sha256,
        '22fff12b355cb9cb6303835fe8227cbb155ee22d300caccba72b326d1a6fb98a' as expected_google
    union all
    select
        'a.b@googlemail.com' as email,
        '45f55c122b2672d9e9745ae17c05362fc65a5722395e22c9aa59903d89b205b4' as expected_sha256,
        '4d2dfed62b03521c8ff6baa6f5161750ed443a26aaad934c8a9540321eb2d94a' as expected_google

),

hashed as (

    select
        email,
        expected_sha256,
        expected_google,
        {{ sam.email_sha256('email') }} as email_sha256,
        {{ sam.email_sha256_google('email') }} as email_sha256_google
    from cases

)

select *
from hashed
where
    email_sha256 != expected_sha256
    or email_sha256_google != expected_google
    or email_sha256 is null
    or email_sha256_google is null
