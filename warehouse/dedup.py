"""Link near-duplicate postings: refresh ``core.posting_links`` from ``core.postings``.

    with connect(path) as con:
        counts = refresh_links(con)

The rules are ``transform/dedup.py``'s. Each posting's description is MinHashed once and the
signature kept in ``core.posting_signatures`` with the posting's ``content_hash``: a night
re-hashes only postings that are new or whose content changed. Linking itself runs over every
posting each time (an LSH index over the stored signatures, seconds for 100k postings), so a
group can gain or lose members as postings arrive or change.

Everything is written in one transaction, and only rows that differ: re-running changes nothing
(``linked_at`` included), and a crash leaves both tables as they were.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import duckdb
import numpy as np
import pyarrow as pa

from transform import dedup
from warehouse.load import transaction


@dataclass
class LinkCounts:
    postings: int = 0
    hashed: int = 0  # signatures computed this time (new or changed content)
    duplicates: int = 0  # postings folded into another (canonical) posting
    groups: int = 0  # canonical postings with at least one duplicate
    changed: int = 0  # posting_links rows written or deleted


# Stored fields -> linking inputs. An HN comment has no title: the roles its header names (the
# extractor's `roles`) stand in for it. Text is read only where the signature must be redone.
_READ = """
select
    p.source,
    p.source_id,
    p.content_hash,
    p.company,
    case when p.title is null then json_extract_string(p.roles, '$[*].title')
         else [p.title] end as titles,
    p.period,
    p.posted_at,
    p.first_seen,
    p.last_seen,
    s.signature,
    case when s.signature is null then p.text end as text
from core.postings as p
left join core.posting_signatures as s
    on s.source = p.source and s.source_id = p.source_id
    and s.content_hash = p.content_hash and s.version = ?
order by p.source, p.source_id
"""


def refresh_links(con: duckdb.DuckDBPyConnection, now: datetime | None = None) -> LinkCounts:
    """Re-hash new or changed postings, link all postings and write what changed, atomically.

    ``now`` is the ``linked_at`` of rows that change (default: the current time).
    """
    table = con.sql(_READ, params=[dedup.VERSION]).to_arrow_table()
    counts = LinkCounts(postings=table.num_rows)
    rows = table.drop_columns(["text", "signature"]).to_pylist()
    stored = table.column("signature").to_pylist()
    texts = table.column("text").to_pylist()
    stale = [i for i, sig in enumerate(stored) if sig is None]
    fresh = dedup.signatures(texts[i] or "" for i in stale)
    counts.hashed = len(stale)
    sigs = np.empty((len(rows), dedup.NUM_PERM), dtype=np.uint32)
    known = [i for i, sig in enumerate(stored) if sig is not None]
    if known:
        sigs[known] = np.frombuffer(b"".join(stored[i] for i in known), dtype="<u4").reshape(
            len(known), dedup.NUM_PERM
        )
    if stale:
        sigs[stale] = fresh
    items = [
        dedup.item(
            r["source"],
            r["source_id"],
            r["company"],
            r["titles"] or (),
            r["period"],
            r["posted_at"],
            r["first_seen"],
            r["last_seen"],
        )
        for r in rows
    ]
    links = dedup.link_postings(items, sigs)
    counts.duplicates = sum(1 for link in links if link.canonical_key != link.key)
    counts.groups = len({link.canonical_key for link in links if link.canonical_key != link.key})

    signatures = pa.table(
        {
            "source": [rows[i]["source"] for i in stale],
            "source_id": [rows[i]["source_id"] for i in stale],
            "content_hash": [rows[i]["content_hash"] for i in stale],
            "version": [dedup.VERSION] * len(stale),
            "signature": [fresh[k].astype("<u4").tobytes() for k in range(len(stale))],
        },
        schema=_SIGNATURES,
    )
    new_links = pa.table(
        {
            "source": [r["source"] for r in rows],
            "source_id": [r["source_id"] for r in rows],
            "company_key": [link.company_key for link in links],
            "canonical_key": [link.canonical_key for link in links],
            "source_canonical_key": [link.source_canonical_key for link in links],
            "similarity": [link.similarity for link in links],
        },
        schema=_LINKS,
    )
    with transaction(con):
        counts.changed = _write(con, signatures, new_links, now or datetime.now(UTC))
    return counts


_SIGNATURES = pa.schema(
    [
        ("source", pa.string()),
        ("source_id", pa.string()),
        ("content_hash", pa.string()),
        ("version", pa.string()),
        ("signature", pa.binary()),
    ]
)
_LINKS = pa.schema(
    [
        ("source", pa.string()),
        ("source_id", pa.string()),
        ("company_key", pa.string()),
        ("canonical_key", pa.string()),
        ("source_canonical_key", pa.string()),
        ("similarity", pa.float64()),
    ]
)


def _write(
    con: duckdb.DuckDBPyConnection, signatures: pa.Table, links: pa.Table, now: datetime
) -> int:
    """Store the new signatures, then the links that differ; drop rows of vanished postings.
    Returns the number of posting_links rows written or deleted."""
    con.register("incoming_signatures", signatures)
    con.execute(
        "insert or replace into core.posting_signatures by name select * from incoming_signatures"
    )
    con.unregister("incoming_signatures")
    con.execute(
        "delete from core.posting_signatures as s where not exists (select 1 from core.postings "
        "as p where p.source = s.source and p.source_id = s.source_id)"
    )
    con.register("incoming_links", links)
    changed = con.execute(
        """
        select count(*) from incoming_links as n
        left join core.posting_links as o using (source, source_id)
        where o.source_id is null
           or o.company_key is distinct from n.company_key
           or o.canonical_key <> n.canonical_key
           or o.source_canonical_key <> n.source_canonical_key
           or o.similarity is distinct from n.similarity
        """
    ).fetchall()[0][0]
    con.execute(
        """
        insert into core.posting_links by name
        select n.*, ?::timestamptz as linked_at
        from incoming_links as n
        left join core.posting_links as o using (source, source_id)
        where o.source_id is null
           or o.company_key is distinct from n.company_key
           or o.canonical_key <> n.canonical_key
           or o.source_canonical_key <> n.source_canonical_key
           or o.similarity is distinct from n.similarity
        on conflict (source, source_id) do update set
            company_key = excluded.company_key,
            canonical_key = excluded.canonical_key,
            source_canonical_key = excluded.source_canonical_key,
            similarity = excluded.similarity,
            linked_at = excluded.linked_at
        """,
        [now],
    )
    gone = con.execute(
        "delete from core.posting_links as l where not exists (select 1 from incoming_links as n "
        "where n.source = l.source and n.source_id = l.source_id)"
    ).fetchall()
    con.unregister("incoming_links")
    return int(changed) + int(gone[0][0] if gone else 0)
