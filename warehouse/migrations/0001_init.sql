-- 0001: the first warehouse schema. Tables live in schema `core`; users query the views in `main`.

create schema if not exists core;

-- Every record exactly as a source served it, landed before parsing. One row per distinct content.
create table core.raw_payloads (
    source        varchar     not null,
    source_id     varchar     not null,
    content_hash  varchar     not null,  -- sha256 of the canonical JSON payload
    url           varchar     not null,  -- the request that returned it
    fetched_at    timestamptz not null,
    run_id        varchar,
    payload       json        not null,
    primary key (source, source_id, content_hash)
);

-- HN monthly "Who is hiring?" threads: which month a comment counts in.
create table core.hn_threads (
    thread_id   varchar primary key,
    period      varchar not null,        -- YYYY-MM from the title
    title       varchar not null,
    created_at  timestamptz
);

create table core.postings (
    source            varchar     not null,
    source_id         varchar     not null,
    url               varchar     not null,
    period            varchar     not null,  -- YYYY-MM the posting counts in
    posted_at         timestamptz,
    title             varchar,
    company           varchar,
    author            varchar,
    thread_id         varchar,
    html              varchar     not null,
    text              varchar     not null,
    content_hash      varchar     not null,  -- of the parsed content; a change means an edit
    backend           boolean,               -- null: the classifier abstained
    roles             json        not null,
    taxonomy_version  varchar     not null,
    first_loaded_at   timestamptz not null,
    updated_at        timestamptz not null,
    run_id            varchar,
    primary key (source, source_id)
);

create table core.skill_hits (
    source            varchar not null,
    source_id         varchar not null,
    skill             varchar not null,
    category          varchar not null,
    matched           varchar not null,  -- the text that matched
    evidence          varchar not null,  -- the sentence around it
    start_offset      integer not null,  -- character offsets into postings.text
    end_offset        integer not null,
    implied_by        varchar,           -- e.g. kubernetes implied by eks
    taxonomy_version  varchar not null,
    primary key (source, source_id, skill)
);

-- Records that failed to parse, with the error: never silently dropped.
create table core.quarantine (
    source          varchar     not null,
    record_key      varchar     not null,  -- source id when known, else the URL
    content_hash    varchar     not null,
    url             varchar     not null,
    error           varchar     not null,
    payload         varchar     not null,  -- raw text as received
    run_id          varchar,
    quarantined_at  timestamptz not null,
    primary key (source, record_key, content_hash)
);

create table core.taxonomy_versions (
    version    varchar primary key,
    loaded_at  timestamptz not null
);

create table core.taxonomy_skills (
    version   varchar not null,
    skill     varchar not null,
    category  varchar not null,
    primary key (version, skill)
);

-- One row per run and source.
create table core.runs (
    run_id            varchar     not null,
    flow              varchar     not null,
    source            varchar     not null,
    started_at        timestamptz not null,
    ended_at          timestamptz,
    status            varchar     not null,  -- running | ok | partial | failed
    fetched           integer     not null default 0,
    new               integer     not null default 0,
    updated           integer     not null default 0,
    unchanged         integer     not null default 0,
    quarantined       integer     not null default 0,
    skipped_deleted   integer     not null default 0,
    requests          integer     not null default 0,
    retries           integer     not null default 0,
    errors            varchar,
    taxonomy_version  varchar,
    primary key (run_id, source)
);
