-- category_share_monthly: per period, source (and pooled 'all') and category, the share of
-- backend postings that demand the category, with a 95% Wilson interval.
create or replace view main.category_share_monthly as
with postings as (
    select source, source_id, period, backend from core.postings
),

categories as (
    select distinct category
    from core.taxonomy_skills
    where version = (select version from core.taxonomy_versions order by loaded_at desc limit 1)
    union
    select distinct category from core.skill_hits
),

demand as (
    -- a mention about the company (what it sells, its partners) is not a demand
    select distinct source, source_id, category from core.skill_hits where level <> 'company'
),

flagged as (
    select
        p.period,
        p.source,
        c.category,
        p.backend,
        d.source_id is not null as demands
    from postings as p
    cross join categories as c
    left join demand as d
        on d.source = p.source and d.source_id = p.source_id and d.category = c.category
),

counted as (
    select
        period,
        coalesce(source, 'all') as source,
        category,
        count(*) filter (where backend) as backend_postings,
        count(*) filter (where backend and demands) as demanding,
        count(*) filter (where backend is null) as abstained,
        count(*) as postings
    from flagged
    group by grouping sets ((period, source, category), (period, category))
),

final as (
    select
        period,
        source,
        category,
        backend_postings,
        demanding,
        case when backend_postings > 0 then demanding / backend_postings end as share,
        -- Wilson score interval, z = 1.96
        case when backend_postings > 0 then
            (share + 1.96^2 / (2 * backend_postings)
             - 1.96 * sqrt(share * (1 - share) / backend_postings + 1.96^2 / (4 * backend_postings^2)))
            / (1 + 1.96^2 / backend_postings)
        end as ci_low,
        case when backend_postings > 0 then
            (share + 1.96^2 / (2 * backend_postings)
             + 1.96 * sqrt(share * (1 - share) / backend_postings + 1.96^2 / (4 * backend_postings^2)))
            / (1 + 1.96^2 / backend_postings)
        end as ci_high,
        abstained,
        postings
    from counted
)

select * from final
order by period, source = 'all' desc, source, category;
