-- source_mix_monthly: what each source contributed each month (basis as in the share views), to
-- tell a change in demand from a change in who is counted.
create or replace view main.source_mix_monthly as
with units as (
    select * from staging.unit_months where source <> 'all'
),

final as (
    select
        period,
        source,
        basis,
        count(*) as postings,
        count(*) filter (where backend) as backend_postings,
        count(distinct board) as boards,
        count(distinct company_key) filter (where company_known) as companies
    from units
    group by period, source, basis
)

select * from final
order by period, source, basis = 'new' desc;
