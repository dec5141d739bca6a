-- staging: the building blocks of the share views. Not part of the public API (query the views
-- in main); here so that every share view counts the same units the same way.
create schema if not exists staging;

-- posting_spans: one row per posting, with the months it counts in and its duplicate group.
-- A posting starts in its period (HN: its thread's month; job boards: the month it was
-- published, or first seen when the board gives no date). An HN posting ends in its thread's
-- month. A closed job-board posting ends in the month its board last listed it; one not closed
-- (open, missed by fewer than N good snapshots, or on a board whose last answer failed: no
-- verdict) is still open at its board's latest snapshot.
create or replace view staging.posting_spans as
with postings as (
    select
        source,
        source_id,
        source || ':' || source_id as posting_key,
        period,
        backend,
        company,
        board
    from core.postings
),

links as (
    select source, source_id, company_key, canonical_key, source_canonical_key
    from core.posting_links
),

lifetimes as (
    select
        source,
        source_id,
        case
            when status = 'closed' then last_seen
            else greatest(last_seen, board_checked_at)
        end as open_until
    from main.posting_lifetimes
),

final as (
    select
        p.source,
        p.source_id,
        p.posting_key,
        p.backend,
        p.board,
        -- the linking step's normalised company (before it ran: the name in lower case); a
        -- posting that names no company is a company of its own for company weighting
        coalesce(l.company_key, lower(nullif(trim(p.company), '')), '?' || p.posting_key)
            as company_key,
        coalesce(l.company_key, nullif(trim(p.company), '')) is not null as company_known,
        coalesce(l.canonical_key, p.posting_key) as canonical_key,
        coalesce(l.source_canonical_key, p.posting_key) as source_canonical_key,
        strptime(p.period || '-01', '%Y-%m-%d')::date as start_month,
        case
            when t.open_until is null then start_month
            else greatest(start_month, date_trunc('month', timezone('UTC', t.open_until))::date)
        end as end_month
    from postings as p
    left join links as l using (source, source_id)
    left join lifetimes as t using (source, source_id)
)

select * from final;

-- share_units: what the share views count. Per source, one unit per group of duplicates within
-- that source; for source 'all', one unit per group across all sources. A unit takes its
-- canonical posting's backend answer, company and skills, and spans from its members' first
-- start to their last end.
create or replace view staging.share_units as
with spans as (
    select * from staging.posting_spans
),

members as (
    select source as scope, source_canonical_key as unit_key, * from spans
    union all
    select 'all' as scope, canonical_key as unit_key, * from spans
),

grouped as (
    select
        scope,
        unit_key,
        -- the canonical posting; the earliest member if the canonical one is not in the group
        arg_min(posting_key, (posting_key <> unit_key, start_month, posting_key)) as rep_key,
        min(start_month) as start_month,
        max(end_month) as end_month,
        count(*) as members
    from members
    group by scope, unit_key
),

final as (
    select
        g.scope as source,
        g.unit_key,
        s.source as rep_source,
        s.source_id as rep_source_id,
        s.backend,
        s.company_key,
        s.company_known,
        s.board,
        g.start_month,
        g.end_month,
        g.members
    from grouped as g
    join spans as s on s.posting_key = g.rep_key
)

select * from final;

-- unit_months: one row per unit, basis and month it counts in. basis 'new': the month it
-- started (first published or seen); basis 'active': every month from its start to its end.
create or replace view staging.unit_months as
with units as (
    select * from staging.share_units
),

new as (
    select 'new' as basis, strftime(start_month, '%Y-%m') as period, * from units
),

active as (
    select 'active' as basis, strftime(m, '%Y-%m') as period, u.*
    from units as u,
        unnest(generate_series(u.start_month, u.end_month, interval 1 month)) as t (m)
)

select * from new
union all
select * from active;
