-- 0003: every skill hit has a level (required | preferred | mentioned | company) and the rule
-- that gave it. Hits loaded before this migration were not judged: they stay `mentioned` until
-- the next run re-extracts them (their extractor version is stale).
alter table core.skill_hits add column level varchar not null default 'mentioned';
alter table core.skill_hits add column rule varchar not null default '';
