-- New or active postings: the pooled cloud and container shares counted both ways, side by side.
-- 'new' counts the postings first published or seen in the month; 'active' counts every posting
-- open at any time in the month (a job-board posting from its first month to the month its
-- board last listed it; an HN posting only in its thread's month). Long-open postings weigh
-- more in 'active'; a gap between the two says whether recent postings differ from the stock.
with new as (
    select period, category, backend_postings, share, ci_low, ci_high
    from category_share_monthly
    where source = 'all' and basis = 'new' and category in ('cloud', 'container')
),

active as (
    select period, category, backend_postings, share, ci_low, ci_high
    from category_share_monthly
    where source = 'all' and basis = 'active' and category in ('cloud', 'container')
)

select
    period,
    category,
    n.backend_postings as new_backend_postings,
    n.share as new_share,
    n.ci_low as new_ci_low,
    n.ci_high as new_ci_high,
    a.backend_postings as active_backend_postings,
    a.share as active_share,
    a.ci_low as active_ci_low,
    a.ci_high as active_ci_high
from new as n
full join active as a using (period, category)
order by period, category;
