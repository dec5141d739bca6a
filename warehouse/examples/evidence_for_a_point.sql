-- The postings and evidence behind one point of the chart: a month's pooled cloud count.
-- Set the month and category in `point` (by default the latest month, cloud). One row per
-- backend posting of that month demanding the category and per skill found, with its level and
-- the passage that shows it. A duplicate (the same job reposted or found on another source) is
-- counted once, under its canonical posting: `canonical_key` differs from `posting_key` for
-- it. `month_demanding` is the count the point shows (category_share_monthly, source 'all',
-- basis 'new').
with point as (
    select max(period) as period, 'cloud' as category
    from category_share_monthly
    where source = 'all' and basis = 'new' and backend_postings > 0
),

links as (
    select source || ':' || source_id as posting_key, canonical_key from core.posting_links
),

shown as (
    select s.*
    from posting_skills as s
    join point using (period, category)
    where s.backend and s.demanded
)

select
    s.period,
    s.category,
    c.demanding as month_demanding,
    s.posting_key,
    coalesce(l.canonical_key, s.posting_key) as canonical_key,
    p.company,
    p.title,
    s.skill,
    s.level,
    s.evidence,
    s.url
from shown as s
join postings as p using (posting_key)
left join links as l using (posting_key)
left join category_share_monthly as c
    on c.period = s.period and c.category = s.category and c.source = 'all' and c.basis = 'new'
order by canonical_key, s.posting_key, s.skill;
