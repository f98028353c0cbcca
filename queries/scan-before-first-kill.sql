-- scan-before-first-kill: pages scanned per priority and origin in the reclaim calls before a run's first OOM kill.
--
-- Answers: how hard did reclaim try before the first task was killed, and at which
-- priorities? "Before" goes by call number, not by t_ms (calls of the same millisecond
-- have distinct numbers): the calls numbered up to and including oom_events.call_no of the
-- run's first invocation with outcome 'killed' — the reclaim call whose failure led to
-- that kill — so kswapd rounds begun before it count too. Sums the passes (scan_passes)
-- of those calls per origin and priority: nr_scanned in sc units (§4: +1 per page, +1 more
-- when mapped or in swap cache), so a mapped page counts twice. Runs without a kill, and
-- runs whose first kill has no reclaim call (call_no NULL), have no rows.
-- Parameters:
--   :run_id   one run (runs.run_id); default: every run with a kill
-- Columns:
--   run_id           the run
--   first_kill_oom   oom_no of the run's first invocation that killed
--   first_kill_ms    its simulated time, ms
--   failed_call_no   the reclaim call whose failure led to it (oom_events.call_no)
--   origin           reclaim entry point: container, direct or kswapd
--   priority         scan priority of the passes, 12..0
--   calls            calls of this origin with a pass at this priority
--   nr_scanned       sum of the passes' nr_scanned (sc units)
--   nr_reclaimed     sum of the passes' nr_reclaimed, pages
--   first_call_no    lowest call number of these passes
--   last_call_no     highest call number of these passes
WITH first_kill AS (
    SELECT e.run_id, e.oom_no, e.t_ms, e.call_no
    FROM oom_events AS e
    WHERE e.outcome = 'killed'
        AND (:run_id IS NULL OR e.run_id = :run_id)
        AND e.oom_no = (SELECT min(k.oom_no) FROM oom_events AS k
            WHERE k.run_id = e.run_id AND k.outcome = 'killed')
)
SELECT
    f.run_id,
    f.oom_no AS first_kill_oom,
    f.t_ms AS first_kill_ms,
    f.call_no AS failed_call_no,
    rc.origin,
    p.priority,
    count(DISTINCT p.call_no) AS calls,
    sum(p.nr_scanned) AS nr_scanned,
    sum(p.nr_reclaimed) AS nr_reclaimed,
    min(p.call_no) AS first_call_no,
    max(p.call_no) AS last_call_no
FROM first_kill AS f
JOIN reclaim_calls AS rc ON rc.run_id = f.run_id AND rc.call_no <= f.call_no
JOIN scan_passes AS p ON p.run_id = rc.run_id AND p.call_no = rc.call_no
GROUP BY f.run_id, rc.origin, p.priority
ORDER BY f.run_id, rc.origin, p.priority DESC;
