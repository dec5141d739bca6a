-- The 25 skills most demanded by backend postings over the last three months with data.
-- Pooled across sources, basis 'new' (each posting counts once, in the month it was first
-- published or seen), with the quarter's share of backend postings demanding each skill, its
-- 95% Wilson interval (the wilson_low / wilson_high macros) and how many require it.
with last_month as (
    select max(period) as last_period
    from skill_share_monthly
    where source = 'all' and basis = 'new'
),

quarter as (
    select s.*
    from skill_share_monthly as s, last_month as m
    where s.source = 'all' and s.basis = 'new'
      and s.period > period_add(m.last_period, -3)
),

summed as (
    select
        min(period) as first_period,
        max(period) as last_period,
        category,
        skill,
        sum(backend_postings) as backend_postings,
        sum(demanding) as demanding,
        sum(required) as required
    from quarter
    group by category, skill
)

select
    first_period,
    last_period,
    category,
    skill,
    backend_postings,
    demanding,
    demanding / backend_postings as share,
    wilson_low(demanding, backend_postings) as ci_low,
    wilson_high(demanding, backend_postings) as ci_high,
    required
from summed
where demanding > 0
order by demanding desc, skill
limit 25;
