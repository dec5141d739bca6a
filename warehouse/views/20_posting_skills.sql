-- posting_skills: one row per posting and skill found in it, with the evidence.
create or replace view main.posting_skills as
with final as (
    select
        p.source || ':' || p.source_id as posting_key,
        h.source,
        h.source_id,
        p.period,
        p.backend,
        h.category,
        h.skill,
        h.level,
        h.level <> 'company' as demanded,
        h.matched,
        h.evidence,
        h.implied_by,
        h.rule,
        h.start_offset,
        h.end_offset,
        h.taxonomy_version,
        p.url
    from core.skill_hits as h
    join core.postings as p using (source, source_id)
)
select * from final;
