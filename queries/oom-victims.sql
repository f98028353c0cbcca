-- oom-victims: OOM outcomes by kind per configuration: chosen vs killed, victims outside their container, busy answers.
--
-- Answers: whom does the OOM killer end up killing? select_bad_process chooses a task;
-- oom_kill_process kills its oldest child with its own mm instead, if there is one (§7.3,
-- "child first"). A container OOM can kill a task outside the container when nothing
-- inside scores above 0 (§8.5 quirk 2, seed §8.6 item 6). While a victim is dying every
-- selection answers "busy" (TIF_MEMDIE). Pools the seeds of each configuration; only done
-- runs count.
-- Parameters: none.
-- Columns:
--   config_no          configuration number (run_config.config_no)
--   scenario           scenario name
--   swappiness         vm_swappiness, 0..100
--   swap_present       1 if the machine has swap (swap_pages > 0)
--   laptop_mode        laptop_mode, seconds; 0 = off
--   runs               done runs
--   oom_events         OOM invocations
--   killed             invocations that killed a task
--   chosen_killed      kills whose victim is the chosen task
--   child_first        kills whose victim is a child of the chosen task
--   outside_container  container-OOM kills whose victim is in another container or none
--   busy               invocations that answered "busy" (a TIF_MEMDIE or foreign PF_EXITING task)
--   none               invocations that found nothing to kill
--   victims            distinct victim names, comma-separated, sorted
WITH named AS (
    SELECT DISTINCT c.config_no, o.victim_name
    FROM run_config AS c
    JOIN oom_outcomes AS o ON o.run_id = c.run_id
    WHERE c.status = 'done' AND o.outcome = 'killed' AND o.victim_name IS NOT NULL
    ORDER BY c.config_no, o.victim_name
),
victim_lists AS (
    SELECT config_no, group_concat(victim_name, ',') AS victims
    FROM named
    GROUP BY config_no
)
SELECT
    c.config_no,
    c.scenario,
    c.swappiness,
    c.swap_present,
    c.laptop_mode,
    count(DISTINCT c.run_id) AS runs,
    count(o.oom_no) AS oom_events,
    coalesce(sum(o.outcome = 'killed'), 0) AS killed,
    coalesce(sum(o.outcome = 'killed' AND NOT o.child_first), 0) AS chosen_killed,
    coalesce(sum(o.child_first), 0) AS child_first,
    coalesce(sum(o.outside_container), 0) AS outside_container,
    coalesce(sum(o.outcome = 'busy'), 0) AS busy,
    coalesce(sum(o.outcome = 'none'), 0) AS none,
    v.victims
FROM run_config AS c
LEFT JOIN oom_outcomes AS o ON o.run_id = c.run_id
LEFT JOIN victim_lists AS v ON v.config_no = c.config_no
WHERE c.status = 'done'
GROUP BY c.config_no
ORDER BY c.config_no;
