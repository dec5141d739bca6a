-- runs: one row per run and source, newest first.
create or replace view main.runs as
select
    run_id, flow, source, started_at, ended_at, status,
    fetched, new, updated, unchanged, quarantined, closed, skipped_deleted,
    requests, retries, not_modified, rate_limited, bytes, errors, warnings, notes,
    taxonomy_version,
    ended_at - started_at as duration
from core.runs
order by started_at desc, source;

-- quarantine: records that failed to parse, with their error.
create or replace view main.quarantine as
select source, record_key, url, error, payload, run_id, quarantined_at
from core.quarantine
order by quarantined_at desc;

-- board_snapshots: what each job board answered in each run, newest first.
create or replace view main.board_snapshots as
select run_id, source, board, status, jobs, previous_jobs, not_modified, error, url, fetched_at
from core.board_snapshots
order by fetched_at desc, source, board;
