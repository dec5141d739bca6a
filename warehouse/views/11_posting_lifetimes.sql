-- posting_lifetimes: for job-board postings, whether each is still listed. A posting closes
-- only after it is missing from N consecutive successful (`ok`) snapshots of its board (N:
-- core.settings 'close_after_missed_snapshots', JOBTRENDS_CLOSE_AFTER_MISSES, default 2); a board
-- that failed, is gone or suddenly listed nothing closes nothing (its postings are `unknown`
-- until the board answers again). A posting listed again reopens (its last_seen moves on).
create or replace view main.posting_lifetimes as
with settings as (
    select coalesce(
        (select try_cast(value as integer) from core.settings
         where key = 'close_after_missed_snapshots'),
        2
    ) as close_after
),

board_postings as (
    select source, source_id, board, first_seen, last_seen
    from core.postings
    where board is not null and last_seen is not null
),
missed as (
    -- the ok snapshots of the posting's board written after it was last listed
    select
        p.source,
        p.source_id,
        count(s.loaded_at) as missed_snapshots,
        -- the Nth of them closes it
        (list(s.loaded_at order by s.loaded_at) filter (where s.loaded_at is not null))
            [(select close_after from settings)] as closed_at
    from board_postings as p
    left join core.board_snapshots as s
        on s.source = p.source and s.board = p.board and s.status = 'ok'
        and s.loaded_at > p.last_seen
    group by p.source, p.source_id
),
latest as (
    select source, board, arg_max(status, loaded_at) as board_status,
           max(loaded_at) as board_checked_at
    from core.board_snapshots
    group by source, board
)
select
    p.source || ':' || p.source_id as posting_key,
    p.source,
    p.source_id,
    p.board,
    p.first_seen,
    p.last_seen,
    m.missed_snapshots,
    l.board_status,
    l.board_checked_at,
    case
        when m.missed_snapshots >= (select close_after from settings) then 'closed'
        when l.board_status in ('failed', 'gone', 'suspect_empty') then 'unknown'
        when m.missed_snapshots >= 1 then 'missing'
        else 'open'
    end as status,
    m.closed_at
from board_postings as p
join missed as m using (source, source_id)
left join latest as l using (source, board);
