-- m0002_views: views that keep the canned queries in queries/ short.
--
-- Views only: no table changes, so nothing is copied or rewritten. A view stores its
-- SELECT, not rows: it always shows the current tables. Units are those of m0001
-- (pages, simulated milliseconds, INTEGER 0/1 booleans).
--
-- Note for later migrations: a table rebuild of runs, reclaim_calls, scan_passes,
-- oom_events, tasks or samples (create new, copy, drop, rename) must drop these views
-- first and create them again afterwards, or the rename fails on the dangling view.

-- run_config: every run (any status) with the keys that group runs into configurations.
--   config_key           canonical config JSON without the seed, plus the model version
--                        ("$.model_version"): runs with equal config_key differ only in
--                        their seed, so they are the samples of one configuration.
--   config_no            1, 2, ... numbering the distinct config_key values of this
--                        database, ordered by scenario, kernel, swappiness, swap_pages,
--                        laptop_mode, then config_key; stable for the same set of configs
--                        (a merged database numbers them as one process would).
--   swap_present         1 if the machine has swap (swap_pages > 0, total_swap_pages != 0).
--   swappiness_free_key  canonical config JSON without machine.swappiness (the seed stays),
--                        plus the model version: runs with equal keys differ only in
--                        swappiness.
CREATE VIEW run_config AS
SELECT
    k.run_id,
    k.run_key,
    k.sweep_id,
    k.scenario,
    k.kernel,
    k.model_version,
    k.seed,
    k.swappiness,
    k.swap_pages,
    k.swap_pages > 0 AS swap_present,
    k.laptop_mode,
    k.hz,
    k.duration_ms,
    k.status,
    k.error,
    dense_rank() OVER (
        ORDER BY k.scenario, k.kernel, k.swappiness, k.swap_pages, k.laptop_mode, k.config_key
    ) AS config_no,
    k.config_key,
    k.swappiness_free_key
FROM (
    SELECT
        r.*,
        json_set(json_remove(r.config, '$.seed'), '$.model_version', r.model_version) AS config_key,
        json_set(json_remove(r.config, '$.machine.swappiness'), '$.model_version', r.model_version)
            AS swappiness_free_key
    FROM runs AS r
) AS k;

-- run_metrics: one row per done run: run_config's keys, the run totals and the metrics
-- derived from the event tables.
--   reclaim_efficiency   pages_reclaimed / pages_scanned (sc rule, so mapped pages count
--                        twice); NULL when nothing was scanned.
--   first_kill_ms        t_ms of the run's first OOM invocation with outcome 'killed';
--                        NULL without a kill.
--   busy_answers         OOM invocations that answered "busy" (TIF_MEMDIE/PF_EXITING).
--   kept_dirty           sum of scan_passes.kept_dirty: dirty pages kept by §4 rule 9.
--   pdflush_wakeups      reclaim calls that woke pdflush (total_scanned > 48).
--   peak_dirty           largest machine-wide dirty count in samples, pages; NULL without samples.
--   peak_swap_used       largest machine-wide swap_used in samples, pages; NULL without samples.
--   mean_swap_used       mean machine-wide swap_used over the samples, pages; NULL without samples.
CREATE VIEW run_metrics AS
SELECT
    c.run_id,
    c.config_no,
    c.config_key,
    c.swappiness_free_key,
    c.scenario,
    c.kernel,
    c.seed,
    c.swappiness,
    c.swap_pages,
    c.swap_present,
    c.laptop_mode,
    r.faults,
    r.major_faults,
    r.reclaim_calls,
    r.pages_scanned,
    r.pages_reclaimed,
    CAST(r.pages_reclaimed AS REAL) / nullif(r.pages_scanned, 0) AS reclaim_efficiency,
    r.oom_events,
    r.oom_kills,
    (SELECT min(e.t_ms) FROM oom_events AS e
        WHERE e.run_id = r.run_id AND e.outcome = 'killed') AS first_kill_ms,
    (SELECT count(*) FROM oom_events AS e
        WHERE e.run_id = r.run_id AND e.outcome = 'busy') AS busy_answers,
    r.stall_ms,
    r.pages_written_back,
    r.swap_outs,
    r.swap_ins,
    (SELECT coalesce(sum(p.kept_dirty), 0) FROM scan_passes AS p
        WHERE p.run_id = r.run_id) AS kept_dirty,
    (SELECT coalesce(sum(rc.pdflush_woken), 0) FROM reclaim_calls AS rc
        WHERE rc.run_id = r.run_id) AS pdflush_wakeups,
    (SELECT max(s.dirty) FROM samples AS s
        WHERE s.run_id = r.run_id AND s.container IS NULL) AS peak_dirty,
    (SELECT max(s.swap_used) FROM samples AS s
        WHERE s.run_id = r.run_id AND s.container IS NULL) AS peak_swap_used,
    (SELECT avg(s.swap_used) FROM samples AS s
        WHERE s.run_id = r.run_id AND s.container IS NULL) AS mean_swap_used
FROM run_config AS c
JOIN runs AS r ON r.run_id = c.run_id
WHERE c.status = 'done';

-- oom_outcomes: every OOM invocation with the names of the chosen task and the victim and
-- the kind of its outcome.
--   chosen_name, victim_name  command names from tasks; NULL when there is no such task.
--   child_first          1 when a child died instead of the chosen task (§7.3):
--                        outcome 'killed' and victim_pid <> chosen_pid.
--   outside_container    1 when a container OOM killed a task of another container or of
--                        none (victim_container IS NOT container; the §8.5 quirk 2);
--                        0 for other kills and for global OOMs; NULL unless killed.
CREATE VIEW oom_outcomes AS
SELECT
    e.run_id,
    e.oom_no,
    e.t_ms,
    e.scope,
    e.container,
    e.trigger_pid,
    e.outcome,
    e.chosen_pid,
    ct.name AS chosen_name,
    e.chosen_points,
    e.victim_pid,
    vt.name AS victim_name,
    e.victim_container,
    CASE WHEN e.outcome = 'killed' THEN e.victim_pid IS NOT e.chosen_pid END AS child_first,
    CASE WHEN e.outcome = 'killed'
        THEN e.scope = 'container' AND e.victim_container IS NOT e.container END AS outside_container
FROM oom_events AS e
LEFT JOIN tasks AS ct ON ct.run_id = e.run_id AND ct.pid = e.chosen_pid
LEFT JOIN tasks AS vt ON vt.run_id = e.run_id AND vt.pid = e.victim_pid;
