-- oom-report-agreement: per imported OOM report, the kernel's victim next to the modern and the 2.6.20 predictions.
--
-- Answers: on real kernels' OOM reports (reclaimlab import-oom), does the modern
-- oom_badness selection (spec §9: rss + swapents + page tables + oom_score_adj *
-- totalpages/1000, ties to the later task) pick the task the kernel killed, and which task
-- would 2.6.20's badness() (spec §7: total_vm, root /4, oom_adj shift, ties to the earlier
-- task) have killed from the same task table? See oom-report-agreement-rate for the totals.
-- Parameters: none.
-- Units: points are each heuristic's own (modern: pages; 2.6.20: total_vm pages after its
-- divisions and shifts); sizes pages. A prediction is NULL when no task was eligible (or,
-- modern, when the report does not show totalpages and some oom_score_adj is not 0).
-- Columns:
--   report_id            the report (oom_reports.report_id)
--   source               file it was imported from
--   first_line           line of its 'invoked oom-killer' line in source
--   kernel_version       kernel release
--   scope                memcg, global, cpuset or mempolicy
--   memcg                the memcg over its limit; NULL for a global OOM
--   total_pages          totalpages of the modern heuristic, pages
--   candidates           task-table rows
--   kernel_pid           pid the kernel killed
--   modern_pid           pid the modern oom_badness selection picks
--   modern_points        its modern points
--   kernel_modern_points the kernel victim's modern points (equal to modern_points on a tie)
--   modern_agrees        1 if modern_pid is the kernel's victim, else 0
--   legacy_pid           pid 2.6.20's select_bad_process would pick
--   legacy_points        its 2.6.20 badness() points
--   kernel_legacy_points the kernel victim's 2.6.20 points
--   legacy_agrees        1 if legacy_pid is the kernel's victim, else 0
SELECT
    r.report_id,
    r.source,
    r.first_line,
    r.kernel_version,
    r.scope,
    r.memcg,
    r.total_pages,
    (SELECT count(*) FROM oom_report_tasks AS t WHERE t.report_id = r.report_id) AS candidates,
    k.pid AS kernel_pid,
    m.pid AS modern_pid,
    m.modern_points,
    k.modern_points AS kernel_modern_points,
    coalesce(m.row_no = k.row_no, 0) AS modern_agrees,
    l.pid AS legacy_pid,
    l.legacy_points,
    k.legacy_points AS kernel_legacy_points,
    coalesce(l.row_no = k.row_no, 0) AS legacy_agrees
FROM oom_reports AS r
JOIN oom_report_tasks AS k ON k.report_id = r.report_id AND k.kernel_killed = 1
LEFT JOIN oom_report_tasks AS m ON m.report_id = r.report_id AND m.modern_chosen = 1
LEFT JOIN oom_report_tasks AS l ON l.report_id = r.report_id AND l.legacy_chosen = 1
ORDER BY r.source, r.first_line, r.report_key;
