-- 0006: de-duplication (warehouse/dedup.py, rules in transform/dedup.py). posting_links has
-- one row per posting: its normalised company and the canonical posting of its group of
-- near-duplicates (the same job reposted under a new id, or listed by two sources). The views
-- count canonical postings; a posting without a row here is its own canonical.
create table core.posting_links (
    source                varchar     not null,
    source_id             varchar     not null,
    company_key           varchar,               -- normalised company; null when none is named
    canonical_key         varchar     not null,  -- 'source:source_id' of the group's earliest
    source_canonical_key  varchar     not null,  -- the same, grouping only within its source
    similarity            double,                -- estimated Jaccard to its canonical posting
    linked_at             timestamptz,           -- when this row last changed
    primary key (source, source_id)
);

-- The MinHash signature of each posting's description, kept so a night re-hashes only the
-- postings whose content changed (or all of them when the shingling changes: `version`).
create table core.posting_signatures (
    source        varchar not null,
    source_id     varchar not null,
    content_hash  varchar not null,  -- postings.content_hash when it was hashed
    version       varchar not null,  -- transform.dedup.VERSION: shingles and MinHash parameters
    signature     blob    not null,  -- 128 MinHash values, uint32 little-endian
    primary key (source, source_id)
);
