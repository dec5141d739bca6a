-- staging.window_unit_months(since, until, fixed_panel): staging.unit_months for the months
-- since..until ('YYYY-MM', null for no bound), each row with its basis's last month in the
-- window (`last_period`). With fixed_panel true, only companies listed in both the first three
-- and the last three months of the window count (per source and basis), so companies arriving
-- or leaving cannot pass for a change in demand. The share macros all count from here.
create or replace macro staging.window_unit_months(since_period, until_period, fixed_panel) as table
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

final as (
    select w.*, b.last_period
    from windowed as w
    join bounds as b using (basis)
    where not fixed_panel
       or (w.source, w.basis, w.company_key) in (select (source, basis, company_key) from panel)
)

select * from final;
