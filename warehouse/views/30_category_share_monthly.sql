-- category_share_window(since, until, fixed_panel): the share of backend postings that demand
-- each category, per month, source (and pooled 'all'), category and basis, for the months
-- since..until ('YYYY-MM', null for no bound). With fixed_panel true, only companies listed in
-- both the first three and the last three months of the window count (per source and basis), so
-- companies arriving or leaving cannot pass for a change in demand. Rolling figures use the
-- months inside the window only.
--     select * from category_share_window('2024-01', '2025-12', true) where source = 'all'
create or replace macro category_share_window(since_period, until_period, fixed_panel) as table
with unit_months as (
    select * from staging.window_unit_months(since_period, until_period, fixed_panel)
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
    select source, source_id, category, bool_or(level = 'required') as required
    from core.skill_hits
    where level <> 'company'
    group by source, source_id, category
),

-- the 3-month rolling window: a unit counts once in each window that holds any of its months
rolling_units as (
    select distinct u.period_end as period, u.source, u.basis, u.unit_key, u.backend,
        u.rep_source, u.rep_source_id
    from (
        select *, unnest([period, period_add(period, 1), period_add(period, 2)]) as period_end
        from unit_months
    ) as u
    where u.period_end <= u.last_period
),

totals as (
    select
        period,
        source,
        basis,
        count(*) filter (where backend) as backend_postings,
        count(*) filter (where backend is null) as abstained,
        count(*) as postings,
        sum(members - 1)::bigint as duplicates,
        count(distinct company_key) filter (where backend) as companies
    from unit_months
    group by period, source, basis
),

demanding as (
    select
        u.period,
        u.source,
        u.basis,
        d.category,
        count(*) as demanding,
        count(*) filter (where d.required) as required
    from unit_months as u
    join demand as d on d.source = u.rep_source and d.source_id = u.rep_source_id
    where u.backend
    group by u.period, u.source, u.basis, d.category
),

-- company weighting: each company's share of its own backend postings, averaged over companies
company_units as (
    select period, source, basis, company_key, count(*) as company_postings
    from unit_months
    where backend
    group by period, source, basis, company_key
),

company_demand as (
    -- rounded: a parallel sum of doubles can differ in its last bits from one query to the next
    select c.period, c.source, c.basis, c.category,
        round(sum(c.k / cu.company_postings), 9) as share_sum
    from (
        select u.period, u.source, u.basis, u.company_key, d.category, count(*) as k
        from unit_months as u
        join demand as d on d.source = u.rep_source and d.source_id = u.rep_source_id
        where u.backend
        group by u.period, u.source, u.basis, u.company_key, d.category
    ) as c
    join company_units as cu using (period, source, basis, company_key)
    group by c.period, c.source, c.basis, c.category
),

rolling_totals as (
    select period, source, basis, count(*) filter (where backend) as rolling_backend_postings
    from rolling_units
    group by period, source, basis
),

rolling_demanding as (
    select r.period, r.source, r.basis, d.category, count(*) as rolling_demanding
    from rolling_units as r
    join demand as d on d.source = r.rep_source and d.source_id = r.rep_source_id
    where r.backend
    group by r.period, r.source, r.basis, d.category
),

counted as (
    select
        t.period,
        t.source,
        c.category,
        t.basis,
        t.backend_postings,
        coalesce(d.demanding, 0) as demanding,
        coalesce(d.required, 0) as required,
        t.companies,
        coalesce(cd.share_sum, 0) as company_share_sum,
        coalesce(rt.rolling_backend_postings, 0) as rolling_backend_postings,
        coalesce(rd.rolling_demanding, 0) as rolling_demanding,
        t.abstained,
        t.postings,
        t.duplicates
    from totals as t
    cross join categories as c
    left join demanding as d using (period, source, basis, category)
    left join company_demand as cd using (period, source, basis, category)
    left join rolling_totals as rt using (period, source, basis)
    left join rolling_demanding as rd using (period, source, basis, category)
),

final as (
    select
        period,
        source,
        category,
        basis,
        backend_postings,
        demanding,
        case when backend_postings > 0 then demanding / backend_postings end as share,
        wilson_low(demanding, backend_postings) as ci_low,
        wilson_high(demanding, backend_postings) as ci_high,
        required,
        case when backend_postings > 0 then required / backend_postings end as required_share,
        wilson_low(required, backend_postings) as required_ci_low,
        wilson_high(required, backend_postings) as required_ci_high,
        companies,
        case when companies > 0 then company_share_sum / companies end as company_share,
        -- approximate: each company is one observation
        wilson_low(company_share_sum, companies) as company_ci_low,
        wilson_high(company_share_sum, companies) as company_ci_high,
        backend_postings < 30 as low_sample,
        rolling_backend_postings,
        rolling_demanding,
        case when rolling_backend_postings > 0
            then rolling_demanding / rolling_backend_postings end as rolling_share,
        wilson_low(rolling_demanding, rolling_backend_postings) as rolling_ci_low,
        wilson_high(rolling_demanding, rolling_backend_postings) as rolling_ci_high,
        abstained,
        postings,
        duplicates
    from counted
)

select * from final
order by period, source = 'all' desc, source, basis = 'new' desc, category;

-- category_share_monthly: the headline numbers, every month, all companies.
create or replace view main.category_share_monthly as
select * from category_share_window(null, null, false);
