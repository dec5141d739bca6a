-- 0002: runs keep their notes (fallbacks used, months without a thread): not errors, but worth
-- knowing when a number looks odd.
alter table core.runs add column notes varchar;
