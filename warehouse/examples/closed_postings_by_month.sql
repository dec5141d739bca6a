-- How many job-board postings closed each month, per source, and how long they had been listed.
-- A posting closes when 2 consecutive successful snapshots of its board miss it (see
-- posting_lifetimes); `closed_at` is the second of them. Months are UTC. `median_days_listed`
-- runs from the first to the last snapshot that listed it. HN postings have no lifetime.
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
