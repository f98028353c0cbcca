-- reclaim-priority: at which priority reclaim calls succeed or give up, as a distribution per configuration.
--
-- Answers: how deep does reclaim have to go? A call's last_priority is the priority of its
-- last pass (12 = DEF_PRIORITY, the lightest scan, down to 0); a call that returns success
-- stops there, one that fails ran down to 0. Container reclaim succeeds at nr_reclaimed > 1
-- (seed §8.6), the global path at 32 pages (§1). One row per configuration, origin, result
-- and last priority, pooling the seeds of the configuration; only done runs count.
-- Parameters: none.
-- Columns:
--   config_no      configuration number (run_config.config_no: runs that differ only in their seed)
--   scenario       scenario name
--   swappiness     vm_swappiness, 0..100
--   swap_present   1 if the machine has swap (swap_pages > 0)
--   laptop_mode    laptop_mode, seconds; 0 = off
--   origin         reclaim entry point: container, direct or kswapd
--   result         'success' (the entry point returned 1) or 'failure' (0: gave up)
--   last_priority  priority of the call's last pass, 12..0
--   calls          reclaim calls with this result at this priority
--   share          calls / all calls of the configuration and origin, 4 decimals
--   mean_reclaimed mean nr_reclaimed of these calls, pages, 4 decimals
--   mean_scanned   mean total_scanned of these calls, sc units, 4 decimals
--   mean_stall_ms  mean stall_ms of these calls, simulated ms, 4 decimals
SELECT
    c.config_no,
    c.scenario,
    c.swappiness,
    c.swap_present,
    c.laptop_mode,
    rc.origin,
    CASE rc.result WHEN 1 THEN 'success' ELSE 'failure' END AS result,
    rc.last_priority,
    count(*) AS calls,
    round(CAST(count(*) AS REAL) / sum(count(*)) OVER (PARTITION BY c.config_no, rc.origin), 4) AS share,
    round(avg(rc.nr_reclaimed), 4) AS mean_reclaimed,
    round(avg(rc.total_scanned), 4) AS mean_scanned,
    round(avg(rc.stall_ms), 4) AS mean_stall_ms
FROM run_config AS c
JOIN reclaim_calls AS rc ON rc.run_id = c.run_id
WHERE c.status = 'done'
GROUP BY c.config_no, rc.origin, rc.result, rc.last_priority
ORDER BY c.config_no, rc.origin, rc.result DESC, rc.last_priority DESC;
