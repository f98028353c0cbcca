-- container-pressure: per configuration and container: limit, charge failures, reclaim outcomes and kills.
--
-- Answers: which container hit its limit, how often did container reclaim
-- (container_try_to_free_pages) get enough back, and how often did it end in
-- container_out_of_memory? A charge fails iff usage + 1 > limit (§8.2); reclaim succeeds
-- at nr_reclaimed > 1 (seed §8.6). Means are per run over the seeds of each
-- configuration; only done runs count.
-- Parameters: none.
-- Columns:
--   config_no          configuration number (run_config.config_no)
--   scenario           scenario name
--   swappiness         vm_swappiness, 0..100
--   swap_present       1 if the machine has swap (swap_pages > 0)
--   laptop_mode        laptop_mode, seconds; 0 = off
--   container          container name
--   limit_pages        its limit, pages
--   runs               done runs
--   max_usage          largest peak usage over the runs, pages
--   failcnt            mean failed charges per run, 4 decimals
--   reclaim_calls      mean container reclaim calls per run, 4 decimals
--   success_share      reclaim calls that returned success / all of them, 4 decimals; NULL without calls
--   reclaimed          mean pages freed by its reclaim per run, 4 decimals
--   oom_kills          mean container-OOM kills per run, 4 decimals
WITH calls AS (
    SELECT run_id, container, count(*) AS calls, sum(result) AS succeeded, sum(nr_reclaimed) AS reclaimed
    FROM reclaim_calls
    WHERE origin = 'container'
    GROUP BY run_id, container
),
kills AS (
    SELECT run_id, container, count(*) AS kills
    FROM oom_events
    WHERE scope = 'container' AND outcome = 'killed'
    GROUP BY run_id, container
)
SELECT
    c.config_no,
    c.scenario,
    c.swappiness,
    c.swap_present,
    c.laptop_mode,
    k.name AS container,
    k.limit_pages,
    count(*) AS runs,
    max(k.max_usage) AS max_usage,
    round(avg(k.failcnt), 4) AS failcnt,
    round(avg(coalesce(rc.calls, 0)), 4) AS reclaim_calls,
    round(CAST(sum(rc.succeeded) AS REAL) / nullif(sum(rc.calls), 0), 4) AS success_share,
    round(avg(coalesce(rc.reclaimed, 0)), 4) AS reclaimed,
    round(avg(coalesce(o.kills, 0)), 4) AS oom_kills
FROM run_config AS c
JOIN containers AS k ON k.run_id = c.run_id
LEFT JOIN calls AS rc ON rc.run_id = k.run_id AND rc.container = k.name
LEFT JOIN kills AS o ON o.run_id = k.run_id AND o.container = k.name
WHERE c.status = 'done'
GROUP BY c.config_no, k.name, k.limit_pages
ORDER BY c.config_no, k.name;
