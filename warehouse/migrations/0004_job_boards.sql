-- 0004: job-board sources. Postings keep the fields boards publish and when we saw them;
-- board_snapshots has one row per board per run, the record of what each board answered (a
-- board that failed or suddenly came back empty says so here, and closes nothing).
alter table core.postings add column board varchar;
alter table core.postings add column locations varchar[];
alter table core.postings add column remote boolean;
alter table core.postings add column department varchar;
alter table core.postings add column employment_type varchar;
alter table core.postings add column salary_min double;
alter table core.postings add column salary_max double;
alter table core.postings add column salary_currency varchar;
alter table core.postings add column salary_period varchar;
alter table core.postings add column salary_text varchar;
alter table core.postings add column source_updated_at timestamptz;
alter table core.postings add column first_seen timestamptz;
alter table core.postings add column last_seen timestamptz;
update core.postings set first_seen = first_loaded_at, last_seen = updated_at;

create table core.board_snapshots (
    run_id        varchar     not null,
    source        varchar     not null,
    board         varchar     not null,  -- board token, feed name or page URL
    url           varchar,               -- the request that listed it
    fetched_at    timestamptz not null,
    loaded_at     timestamptz not null,  -- when the snapshot (and its postings) was written
    status        varchar     not null,  -- ok | empty | suspect_empty | failed | gone | skipped
    jobs          integer     not null default 0,  -- jobs listed (parsed + quarantined)
    previous_jobs integer,               -- jobs listed by the last good snapshot
    not_modified  boolean     not null default false,  -- 304: unchanged since last time
    error         varchar,
    primary key (run_id, source, board)
);

-- Per-run request counters the job boards need: 304s (unchanged boards), 429s and bytes.
alter table core.runs add column not_modified integer not null default 0;
alter table core.runs add column rate_limited integer not null default 0;
alter table core.runs add column bytes bigint not null default 0;
alter table core.runs add column warnings varchar;
