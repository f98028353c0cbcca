-- seed-stats: mean, standard deviation and 95% confidence interval over seeds of the headline metrics, per configuration.
--
-- Answers: how much of a difference between configurations is noise? For each
-- configuration (runs that differ only in their seed) and metric: the number of done runs
-- with a value, the mean, the sample standard deviation (n - 1) and a 95% confidence
-- interval for the mean by the normal approximation, mean +/- 1.96 * sd / sqrt(n). sd and
-- the interval are NULL for n < 2. With few seeds the normal approximation is optimistic
-- (Student's t for n = 3 would use 4.30 instead of 1.96). Needs SQLite's math functions
-- (sqrt), built into Debian's and Ubuntu's sqlite3.
-- Parameters: none.
-- Columns:
--   config_no     configuration number (run_config.config_no)
--   scenario      scenario name
--   swappiness    vm_swappiness, 0..100
--   swap_present  1 if the machine has swap (swap_pages > 0)
--   laptop_mode   laptop_mode, seconds; 0 = off
--   metric        pages_scanned (sc units), pages_reclaimed (pages), reclaim_efficiency (ratio), oom_kills, first_kill_ms (ms; runs with a kill only), stall_ms (ms), swap_outs, swap_ins, major_faults, pages_written_back (pages)
--   n             done runs with a value for the metric
--   mean          mean over those runs, 4 decimals
--   sd            sample standard deviation, 4 decimals; NULL for n < 2
--   ci95_low      mean - 1.96 * sd / sqrt(n), 4 decimals; NULL for n < 2
--   ci95_high     mean + 1.96 * sd / sqrt(n), 4 decimals; NULL for n < 2
WITH samples AS (
    SELECT config_no, 1 AS metric_no, 'pages_scanned' AS metric, pages_scanned AS x FROM run_metrics
    UNION ALL SELECT config_no, 2, 'pages_reclaimed', pages_reclaimed FROM run_metrics
    UNION ALL SELECT config_no, 3, 'reclaim_efficiency', reclaim_efficiency FROM run_metrics
    UNION ALL SELECT config_no, 4, 'oom_kills', oom_kills FROM run_metrics
    UNION ALL SELECT config_no, 5, 'first_kill_ms', first_kill_ms FROM run_metrics
    UNION ALL SELECT config_no, 6, 'stall_ms', stall_ms FROM run_metrics
    UNION ALL SELECT config_no, 7, 'swap_outs', swap_outs FROM run_metrics
    UNION ALL SELECT config_no, 8, 'swap_ins', swap_ins FROM run_metrics
    UNION ALL SELECT config_no, 9, 'major_faults', major_faults FROM run_metrics
    UNION ALL SELECT config_no, 10, 'pages_written_back', pages_written_back FROM run_metrics
),
means AS (
    SELECT config_no, metric_no, metric, count(x) AS n, avg(x) AS mean
    FROM samples
    GROUP BY config_no, metric_no
),
spread AS (
    SELECT
        m.config_no, m.metric_no, m.metric, m.n, m.mean,
        CASE WHEN m.n >= 2
            THEN sqrt(sum((s.x - m.mean) * (s.x - m.mean)) / (m.n - 1))
        END AS sd
    FROM means AS m
    JOIN samples AS s ON s.config_no = m.config_no AND s.metric_no = m.metric_no
    GROUP BY m.config_no, m.metric_no
),
configs AS (
    SELECT DISTINCT config_no, scenario, swappiness, swap_present, laptop_mode FROM run_metrics
)
SELECT
    c.config_no,
    c.scenario,
    c.swappiness,
    c.swap_present,
    c.laptop_mode,
    s.metric,
    s.n,
    round(s.mean, 4) AS mean,
    round(s.sd, 4) AS sd,
    round(s.mean - 1.96 * s.sd / sqrt(s.n), 4) AS ci95_low,
    round(s.mean + 1.96 * s.sd / sqrt(s.n), 4) AS ci95_high
FROM spread AS s
JOIN configs AS c ON c.config_no = s.config_no
ORDER BY s.config_no, s.metric_no;
