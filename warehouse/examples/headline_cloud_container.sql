-- The headline: what share of backend postings demand cloud and container skills, month by month.
-- Pooled across sources (source 'all': a posting found on two sources, or reposted, counts
-- once), with 95% Wilson intervals and the sample sizes behind them. basis 'new' counts the
-- postings first published or seen in the month (HN: the thread's month); use 'active' for the
-- postings open at any time in the month. low_sample marks months under 30 backend postings:
-- read their shares with their intervals. required_share counts only the postings that require
-- the skill; company_share weighs each company once; rolling_share covers the 3 months ending at
-- period.
select
    period,
    category,
    backend_postings,
    demanding,
    share,
    ci_low,
    ci_high,
    required_share,
    company_share,
    companies,
    rolling_share,
    rolling_ci_low,
    rolling_ci_high,
    low_sample
from category_share_monthly
where source = 'all' and basis = 'new' and category in ('cloud', 'container')
order by period, category;
