-- oom-decision: one kill decision with every candidate ranked by badness points (one run, one OOM invocation).
--
-- Answers: why did the OOM killer pick this task? Lists every task select_bad_process
-- visited (§7.2), highest points first, with why skipped tasks were not scored. The
-- kernel keeps the first task visited on ties (strict >), so equal points rank together
-- and list in visiting order (visit_no: the task list is in creation order).
-- Container OOMs score tasks outside the container 0 (seed §8.6 item 6). A failed kill
-- selects again: round 2, 3, ... list the later selections. The factor columns say why
-- the points are what they are, in badness()'s order (§7.1): points = base_points
-- / cpu_divisor / run_divisor, doubled when nice_doubled, / cap_divisor, shifted by
-- adj_shift (each step floored).
-- Parameters:
--   :run_id   the run (runs.run_id); default: the lowest run_id with an OOM invocation
--   :oom_no   the OOM invocation within the run (oom_events.oom_no); default: 1
-- Columns:
--   run_id         the run
--   oom_no         the OOM invocation
--   t_ms           simulated time of the invocation, ms
--   scope          container or global
--   oom_container  container over its limit; NULL for a global OOM
--   outcome        killed, busy or none
--   round          selection round, 1 = first
--   rank           rank by points within the round, 1 = highest; NULL when not scored
--   visit_no       order of the visit within the round (task-list order); NULL for runs recorded before m0006
--   pid            the candidate's pid
--   name           its command name
--   container      its container; NULL if in none
--   in_scope       1 if it is in the OOM's container (always 1 for a global OOM)
--   points         badness points (ULONG_MAX shown as 9223372036854775807); NULL when skipped
--   base_points    total_vm plus total_vm / 2 + 1 per child with its own mm; NULL when skipped or not computed (outside the OOM's container, PF_SWAPOFF, exiting current, runs before m0007)
--   cpu_divisor    int_sqrt(cpu_time), cpu_time = CPU jiffies >> (SHIFT_HZ + 3); 1 = no division
--   run_divisor    int_sqrt(int_sqrt(run_time)), run_time = seconds since start >> 10; 1 = no division
--   nice_doubled   1 if nice > 0 doubled the points
--   cap_divisor    1, 4 (root or CAP_SYS_ADMIN, or CAP_SYS_RAWIO) or 16 (both)
--   adj_shift      the oom_adj shift, signed: +n multiplies by 2^n, -n divides by 2^n
--   total_vm       its total_vm at selection time, pages
--   rss            its resident pages at selection time
--   eligible       1 = scored, 0 = skipped
--   skip_reason    no_mm, init, tif_memdie, pf_exiting or oom_disable; NULL when scored
--   chosen         1 for the task select_bad_process returned
--   killed         1 for the task that was signalled (a child of the chosen one when §7.3 kills a child first)
WITH target AS (
    SELECT
        coalesce(:run_id, (SELECT min(run_id) FROM oom_events)) AS run_id,
        coalesce(:oom_no, 1) AS oom_no
)
SELECT
    e.run_id,
    e.oom_no,
    e.t_ms,
    e.scope,
    e.container AS oom_container,
    e.outcome,
    c.round,
    CASE WHEN c.eligible = 1
        THEN rank() OVER (PARTITION BY c.round ORDER BY c.eligible DESC, c.points DESC)
    END AS rank,
    c.visit_no,
    c.pid,
    c.name,
    c.container,
    e.scope = 'global' OR c.container IS e.container AS in_scope,
    c.points,
    c.base_points,
    c.cpu_divisor,
    c.run_divisor,
    c.nice_doubled,
    c.cap_divisor,
    c.adj_shift,
    c.total_vm,
    c.rss,
    c.eligible,
    c.skip_reason,
    c.pid IS e.chosen_pid AS chosen,
    c.pid IS e.victim_pid AS killed
FROM target AS t
JOIN oom_events AS e ON e.run_id = t.run_id AND e.oom_no = t.oom_no
JOIN oom_candidates AS c ON c.run_id = e.run_id AND c.oom_no = e.oom_no
ORDER BY c.round, c.eligible DESC, c.points DESC, c.visit_no, c.pid;
