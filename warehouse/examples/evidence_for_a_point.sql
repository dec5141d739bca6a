-- The postings and evidence behind one point of the chart: a month's pooled cloud count.
-- Set the month and category in `point` (by default the latest month, cloud). One row per
-- posting the point counts (share_postings: source 'all', basis 'new', backend) that demands the
-- category, and per skill found, with its level and the passage that shows it. A group of
-- duplicates (the same job reposted or found on another source) is one posting, its canonical
-- one; `members` says how many postings it stands for. `month_demanding` is the count the point
-- shows (category_share_monthly), and equals the number of distinct postings listed.
with point as (
    select max(period) as period, 'cloud' as category
    from category_share_monthly
    where source = 'all' and basis = 'new' and backend_postings > 0
),

counted as (
    select sp.period, pt.category, sp.posting_key, sp.members
    from share_postings as sp
    join point as pt using (period)
    where sp.source = 'all' and sp.basis = 'new' and sp.backend
)

select
    c.period,
    c.category,
    m.demanding as month_demanding,
    c.posting_key,
    c.members,
    p.company,
    p.title,
    s.skill,
    s.level,
    s.evidence,
    s.url
from counted as c
join posting_skills as s
    on s.posting_key = c.posting_key and s.category = c.category and s.demanded
join postings as p on p.posting_key = c.posting_key
join category_share_monthly as m
    on m.period = c.period and m.category = c.category and m.source = 'all' and m.basis = 'new'
order by c.posting_key, s.skill;
