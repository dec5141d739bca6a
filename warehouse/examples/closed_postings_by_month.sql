-- How many job-board postings closed each month, per source, and how long they had been listed.
-- A posting closes when N consecutive successful snapshots of its board miss it (N:
-- JOBTRENDS_CLOSE_AFTER_MISSES, default 2, stored by each run in core.settings as
-- 'close_after_missed_snapshots'; see posting_lifetimes); `closed_at` is the Nth of them. Months
-- are UTC. `median_days_listed` runs from the first to the last snapshot that listed it. HN
-- postings have no lifetime.
select
    strftime(timezone('UTC', closed_at), '%Y-%m') as period,
    source,
    count(*) as closed,
    count(distinct board) as boards,
    median(date_diff('day', first_seen, last_seen)) as median_days_listed,
    max(date_diff('day', first_seen, last_seen)) as max_days_listed
from posting_lifetimes
where status = 'closed'
group by all
order by period, source;
