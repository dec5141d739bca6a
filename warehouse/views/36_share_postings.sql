-- share_postings: the postings behind every share, to drill from a point to its postings. One
-- row per month, source ('all': pooled), basis and counted posting: the canonical posting of
-- each group of duplicates (within the source; across sources for 'all').
create or replace view main.share_postings as
with units as (
    select * from staging.unit_months
),

final as (
    select
        period,
        source,
        basis,
        rep_source || ':' || rep_source_id as posting_key,
        backend,
        case when company_known then company_key end as company_key,
        members
    from units
)

select * from final;
