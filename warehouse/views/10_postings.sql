-- postings: one row per posting, with its text and classification.
create or replace view main.postings as
with final as (
    select
        p.source || ':' || p.source_id as posting_key,
        p.source,
        p.source_id,
        p.period,
        p.posted_at,
        p.company,
        p.title,
        p.author,
        p.thread_id,
        p.board,
        p.url,
        p.locations,
        p.remote,
        p.department,
        p.employment_type,
        p.salary_min,
        p.salary_max,
        p.salary_currency,
        p.salary_period,
        p.salary_text,
        p.backend,
        p.roles,
        p.text,
        p.html,
        p.taxonomy_version,
        p.content_hash,
        p.first_loaded_at,
        p.updated_at,
        p.source_updated_at,
        p.first_seen,
        p.last_seen,
        l.company_key,
        -- the posting this one is a duplicate of (its own key when it is the canonical one or
        -- was not linked yet): shares count each canonical posting once
        coalesce(l.canonical_key, p.source || ':' || p.source_id) as canonical_key
    from core.postings as p
    left join core.posting_links as l using (source, source_id)
)
select * from final;
