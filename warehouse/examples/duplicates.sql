-- Which postings were folded into another one: the same job reposted, or published on two sources.
-- One row per duplicate, beside the canonical posting it counts under (the earliest of its
-- group), with the duplicate's estimated (MinHash) Jaccard similarity to it. Shares count each
-- group once: a source's rows within that source, the pooled rows ('all') across sources.
with links as (
    select
        source || ':' || source_id as posting_key,
        canonical_key,
        similarity
    from core.posting_links
    where canonical_key <> source || ':' || source_id
)

select
    l.canonical_key,
    c.source as canonical_source,
    c.period as canonical_period,
    c.company,
    c.title,
    l.posting_key as duplicate_key,
    d.source as duplicate_source,
    d.period as duplicate_period,
    d.company as duplicate_company,
    d.title as duplicate_title,
    d.source = c.source as same_source,
    l.similarity,
    d.url as duplicate_url
from links as l
join postings as d using (posting_key)
join postings as c on c.posting_key = l.canonical_key
order by l.canonical_key, l.posting_key;
