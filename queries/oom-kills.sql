-- oom-kills: OOM kills per configuration and the time to the first kill.
--
-- Answers: how often does each configuration end in the OOM killer, and how soon? Pools
-- the seeds of each configuration (runs that differ only in their seed); only done runs
-- count. Times are simulated ms since the run start.
-- Parameters: none.
-- Columns:
--   config_no           configuration number (run_config.config_no)
--   scenario            scenario name
--   swappiness          vm_swappiness, 0..100
--   swap_present        1 if the machine has swap (swap_pages > 0)
--   laptop_mode         laptop_mode, seconds; 0 = off
--   runs                done runs
--   runs_with_kill      runs with at least one OOM kill
--   oom_events          OOM invocations (every outcome)
--   kills               invocations with outcome 'killed'
--   container_kills     kills by container_out_of_memory
--   global_kills        kills by the global out_of_memory
--   kills_per_run       kills / runs, 4 decimals
--   first_kill_ms_min   earliest first kill over the runs, ms; NULL without kills
--   first_kill_ms_mean  mean first-kill time over the runs with a kill, ms, 4 decimals
--   first_kill_ms_max   latest first kill over the runs, ms
WITH per_run AS (
    SELECT
        c.config_no, c.scenario, c.swappiness, c.swap_present, c.laptop_mode, c.run_id,
        (SELECT count(*) FROM oom_events AS e WHERE e.run_id = c.run_id) AS oom_events,
        (SELECT count(*) FROM oom_events AS e
            WHERE e.run_id = c.run_id AND e.outcome = 'killed') AS kills,
        (SELECT count(*) FROM oom_events AS e
            WHERE e.run_id = c.run_id AND e.outcome = 'killed' AND e.scope = 'container') AS container_kills,
        (SELECT count(*) FROM oom_events AS e
            WHERE e.run_id = c.run_id AND e.outcome = 'killed' AND e.scope = 'global') AS global_kills,
        (SELECT min(e.t_ms) FROM oom_events AS e
            WHERE e.run_id = c.run_id AND e.outcome = 'killed') AS first_kill_ms
    FROM run_config AS c
    WHERE c.status = 'done'
)
SELECT
    config_no,
    scenario,
    swappiness,
    swap_present,
    laptop_mode,
    count(*) AS runs,
    sum(kills > 0) AS runs_with_kill,
    sum(oom_events) AS oom_events,
    sum(kills) AS kills,
    sum(container_kills) AS container_kills,
    sum(global_kills) AS global_kills,
    round(CAST(sum(kills) AS REAL) / count(*), 4) AS kills_per_run,
    min(first_kill_ms) AS first_kill_ms_min,
    round(avg(first_kill_ms), 4) AS first_kill_ms_mean,
    max(first_kill_ms) AS first_kill_ms_max
FROM per_run
GROUP BY config_no
ORDER BY config_no;
