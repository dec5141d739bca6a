-- skill_share_window(since, until, fixed_panel): category_share_window's counts per skill.
create or replace macro skill_share_window(since_period, until_period, fixed_panel) as table
with windowed as (
    select *
    from staging.unit_months
    where (since_period is null or period >= since_period)
      and (until_period is null or period <= until_period)
),

-- per basis: active job-board postings run to the latest snapshot, new ones stop earlier
bounds as (
    select basis, min(period) as first_period, max(period) as last_period
    from windowed
    group by basis
),

panel as (
    select w.source, w.basis, w.company_key
    from windowed as w
    join bounds as b using (basis)
    where w.company_known
    group by w.source, w.basis, w.company_key, b.first_period, b.last_period
    having bool_or(w.period <= period_add(b.first_period, 2))
       and bool_or(w.period >= period_add(b.last_period, -2))
),

unit_months as (
    select w.*
    from windowed as w
    where not fixed_panel
       or (w.source, w.basis, w.company_key) in (select (source, basis, company_key) from panel)
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
