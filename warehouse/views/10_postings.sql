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
        p.url,
        p.backend,
        p.roles,
        p.text,
        p.html,
        p.taxonomy_version,
        p.content_hash,
        p.first_loaded_at,
        p.updated_at
    from core.postings as p
)
select * from final;
