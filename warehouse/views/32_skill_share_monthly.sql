-- skill_share_window(since, until, fixed_panel): category_share_window's counts per skill.
create or replace macro skill_share_window(since_period, until_period, fixed_panel) as table
with unit_months as (
    select * from staging.window_unit_months(since_period, until_period, fixed_panel)
),

demand as (
    select source, source_id, category, skill, level = 'required' as required
    from core.skill_hits
    where level <> 'company'
),

totals as (
    select period, source, basis, count(*) filter (where backend) as backend_postings
    from unit_months
    group by period, source, basis
),

demanding as (
    select
        u.period,
        u.source,
        u.basis,
        d.category,
        d.skill,
        count(*) as demanding,
        count(*) filter (where d.required) as required,
        count(distinct u.company_key) as companies_demanding
    from unit_months as u
    join demand as d on d.source = u.rep_source and d.source_id = u.rep_source_id
    where u.backend
    group by u.period, u.source, u.basis, d.category, d.skill
),

-- every skill a source ever demanded gets a row in each of its months, zero or not
skills as (
    select distinct source, category, skill from demanding
),

counted as (
    select
        t.period,
        t.source,
        t.basis,
        s.category,
        s.skill,
        t.backend_postings,
        coalesce(d.demanding, 0) as demanding,
        coalesce(d.required, 0) as required,
        coalesce(d.companies_demanding, 0) as companies_demanding
    from totals as t
    join skills as s using (source)
    left join demanding as d using (period, source, basis, category, skill)
),

final as (
    select
        period,
        source,
        basis,
        category,
        skill,
        backend_postings,
        demanding,
        case when backend_postings > 0 then demanding / backend_postings end as share,
        wilson_low(demanding, backend_postings) as ci_low,
        wilson_high(demanding, backend_postings) as ci_high,
        required,
        case when backend_postings > 0 then required / backend_postings end as required_share,
        companies_demanding,
        backend_postings < 30 as low_sample
    from counted
)

select * from final
order by period, source = 'all' desc, source, basis = 'new' desc, category, skill;

-- skill_share_monthly: the share of backend postings demanding each skill, every month.
create or replace view main.skill_share_monthly as
select * from skill_share_window(null, null, false);
