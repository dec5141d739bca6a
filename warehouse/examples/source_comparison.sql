-- Does each source tell the same story? The cloud share per source and month beside the pooled one.
-- basis 'new'. Each source's row carries what it contributed that month (postings, boards,
-- companies from source_mix_monthly): a pooled share can move because the mix of sources moved,
-- not the market. Change the category in `chosen` to compare another one.
with chosen as (
    select 'cloud' as category
),

shares as (
    select c.*
    from category_share_monthly as c
    join chosen using (category)
    where c.basis = 'new'
),

mix as (
    select period, source, postings as source_postings, boards, companies as source_companies
    from source_mix_monthly
    where basis = 'new'
)

select
    s.period,
    s.source,
    s.category,
    s.backend_postings,
    s.demanding,
    s.share,
    s.ci_low,
    s.ci_high,
    s.low_sample,
    m.source_postings,
    m.boards,
    m.source_companies
from shares as s
left join mix as m using (period, source)
order by s.period, s.source = 'all' desc, s.source;
