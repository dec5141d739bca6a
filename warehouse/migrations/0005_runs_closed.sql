-- 0005: runs count the job-board postings they closed (see the posting_lifetimes view).
alter table core.runs add column closed integer not null default 0;
