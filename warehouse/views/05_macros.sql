-- Wilson score interval (95%, z = 1.96) of k successes in n trials; null when n is 0.
-- Usable in ad-hoc SQL: select wilson_low(12, 40), wilson_high(12, 40).
create or replace macro wilson_low(k, n) as
    case when n > 0 then greatest(0.0,
        ((k / n) + 1.96^2 / (2 * n)
         - 1.96 * sqrt((k / n) * (1 - k / n) / n + 1.96^2 / (4 * n^2)))
        / (1 + 1.96^2 / n))
    end;

create or replace macro wilson_high(k, n) as
    case when n > 0 then least(1.0,
        ((k / n) + 1.96^2 / (2 * n)
         + 1.96 * sqrt((k / n) * (1 - k / n) / n + 1.96^2 / (4 * n^2)))
        / (1 + 1.96^2 / n))
    end;

-- 'YYYY-MM' shifted by a number of months.
create or replace macro period_add(period, months) as
    strftime(strptime(period || '-01', '%Y-%m-%d') + to_months(months), '%Y-%m');
