-- oom-report-agreement-rate: how often each heuristic picks the victim the kernel killed, over all imported OOM reports.
--
-- Answers: over every real kernel OOM report imported with reclaimlab import-oom, in how
-- many does the modern oom_badness selection (spec §9) name the task the kernel killed, and
-- in how many would 2.6.20's badness()/select_bad_process (spec §7) have killed the same
-- task? One row per heuristic; per-report detail in oom-report-agreement.
-- Parameters: none.
-- Columns:
--   heuristic       modern (oom_badness, Linux 5.9+) or 2.6.20 (badness() replayed on the task table)
--   reports         imported reports
--   predicted       reports where the heuristic named a victim
--   agree           reports where that victim is the one the kernel killed
--   agreement_rate  agree / reports, 4 decimals; NULL without reports
WITH per_report AS (
    SELECT
        r.report_id,
        (SELECT max(t.modern_chosen) FROM oom_report_tasks AS t WHERE t.report_id = r.report_id) AS modern_predicted,
        (SELECT max(t.legacy_chosen) FROM oom_report_tasks AS t WHERE t.report_id = r.report_id) AS legacy_predicted,
        (SELECT max(t.modern_chosen AND t.kernel_killed) FROM oom_report_tasks AS t WHERE t.report_id = r.report_id) AS modern_agrees,
        (SELECT max(t.legacy_chosen AND t.kernel_killed) FROM oom_report_tasks AS t WHERE t.report_id = r.report_id) AS legacy_agrees
    FROM oom_reports AS r
)
SELECT
    'modern' AS heuristic,
    count(*) AS reports,
    coalesce(sum(modern_predicted), 0) AS predicted,
    coalesce(sum(modern_agrees), 0) AS agree,
    round(CAST(sum(modern_agrees) AS REAL) / nullif(count(*), 0), 4) AS agreement_rate
FROM per_report
UNION ALL
SELECT
    '2.6.20',
    count(*),
    coalesce(sum(legacy_predicted), 0),
    coalesce(sum(legacy_agrees), 0),
    round(CAST(sum(legacy_agrees) AS REAL) / nullif(count(*), 0), 4)
FROM per_report;
