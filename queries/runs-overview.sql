-- runs-overview: one row per run with its key configuration and its totals.
--
-- Answers: which runs does this database hold, how did each end, and how much did each
-- scan, reclaim, stall and kill? A starting point before the per-event queries.
-- Parameters: none.
-- Units: pages, simulated milliseconds; reclaim_efficiency = pages_reclaimed / pages_scanned
-- (pages_scanned follows the kernel's sc.nr_scanned rule, so mapped pages count twice).
-- Totals are NULL for runs that never finished. Rows are ordered by configuration, not by
-- run_id, so a merged database lists the same rows in the same order as one process.
SELECT
    r.run_id,
    r.run_key,
    s.name AS sweep,
    r.scenario,
    r.kernel,
    r.seed,
    r.hz,
    r.duration_ms,
    r.swappiness,
    r.swap_pages,
    r.laptop_mode,
    r.status,
    r.error,
    r.faults,
    r.major_faults,
    r.reclaim_calls,
    r.pages_scanned,
    r.pages_reclaimed,
    round(CAST(r.pages_reclaimed AS REAL) / nullif(r.pages_scanned, 0), 4) AS reclaim_efficiency,
    r.pages_written_back,
    r.swap_outs,
    r.swap_ins,
    r.stall_ms,
    r.oom_events,
    r.oom_kills
FROM runs AS r
LEFT JOIN sweeps AS s ON s.sweep_id = r.sweep_id
ORDER BY r.scenario, r.kernel, r.swappiness, r.swap_pages, r.laptop_mode, r.seed, r.run_key;
