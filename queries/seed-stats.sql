-- seed-stats: mean, standard deviation and 95% confidence interval over seeds of the headline metrics, per configuration.
--
-- Answers: how much of a difference between configurations is noise? For each
-- configuration (runs that differ only in their seed) and metric: the number of done runs
-- with a value, the mean, the sample standard deviation (n - 1) and a 95% confidence
-- interval for the mean by Student's t with n - 1 degrees of freedom,
-- mean +/- t(0.975, n - 1) * sd / sqrt(n): t is 12.7062 for n = 2, 4.3027 for n = 3,
-- 2.7764 for n = 5, 2.2622 for n = 10 (tabulated for 1..30, 40, 50, 60, 80, 100, 120 degrees
-- of freedom; between table rows the next smaller row is used, which is slightly wider;
-- above 120 the normal 1.96). sd and the interval are NULL for n < 2. Needs SQLite's math
-- functions (sqrt), built into Debian's and Ubuntu's sqlite3.
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
--   t             Student's t quantile t(0.975, n - 1) used for the interval; NULL for n < 2
--   ci95_low      mean - t * sd / sqrt(n), 4 decimals; NULL for n < 2
--   ci95_high     mean + t * sd / sqrt(n), 4 decimals; NULL for n < 2
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
t_table (df, t) AS (
    VALUES (1, 12.7062), (2, 4.3027), (3, 3.1824), (4, 2.7764), (5, 2.5706), (6, 2.4469),
        (7, 2.3646), (8, 2.3060), (9, 2.2622), (10, 2.2281), (11, 2.2010), (12, 2.1788),
        (13, 2.1604), (14, 2.1448), (15, 2.1314), (16, 2.1199), (17, 2.1098), (18, 2.1009),
        (19, 2.0930), (20, 2.0860), (21, 2.0796), (22, 2.0739), (23, 2.0687), (24, 2.0639),
        (25, 2.0595), (26, 2.0555), (27, 2.0518), (28, 2.0484), (29, 2.0452), (30, 2.0423),
        (40, 2.0211), (50, 2.0086), (60, 2.0003), (80, 1.9901), (100, 1.9840), (120, 1.9799)
),
quantiles AS (
    SELECT s.config_no, s.metric_no,
        CASE WHEN s.n >= 2 THEN
            coalesce(
                CASE WHEN s.n - 1 > 120 THEN 1.96 END,
                (SELECT t FROM t_table WHERE df <= s.n - 1 ORDER BY df DESC LIMIT 1))
        END AS t
    FROM spread AS s
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
    q.t,
    round(s.mean - q.t * s.sd / sqrt(s.n), 4) AS ci95_low,
    round(s.mean + q.t * s.sd / sqrt(s.n), 4) AS ci95_high
FROM spread AS s
JOIN quantiles AS q ON q.config_no = s.config_no AND q.metric_no = s.metric_no
JOIN configs AS c ON c.config_no = s.config_no
ORDER BY s.config_no, s.metric_no;
