-- 0007: settings that views depend on, written by the runs that use them, so that ad-hoc SQL
-- sees the value the last run applied. close_after_missed_snapshots: a job-board posting closes
-- after this many consecutive successful snapshots of its board miss it.
create table core.settings (
    key         varchar primary key,
    value       varchar not null,
    updated_at  timestamptz not null
);
insert into core.settings values ('close_after_missed_snapshots', '2', now());
