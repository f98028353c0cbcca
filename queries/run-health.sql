-- run-health: runs per sweep and status, with how many failed and why.
--
-- Answers: did the sweep finish? One row per sweep (NULL sweep = single `reclaimlab run`s)
-- and status: running rows are unfinished or interrupted runs (a re-run of the sweep
-- retries them, and failed ones), failed rows carry an error. See failed-runs for each
-- failed run.
-- Parameters: none.
-- Columns:
--   sweep_id       the sweep; NULL for runs outside any sweep
--   sweep          the sweep's name; NULL for runs outside any sweep
--   status         running, done or failed
--   runs           runs with this status
--   scenarios      distinct scenarios among them
--   configs        distinct configurations among them (run_config.config_no)
--   errors         distinct error messages among them
--   first_error    the alphabetically first error message; NULL if none
SELECT
    c.sweep_id,
    s.name AS sweep,
    c.status,
    count(*) AS runs,
    count(DISTINCT c.scenario) AS scenarios,
    count(DISTINCT c.config_no) AS configs,
    count(DISTINCT c.error) AS errors,
    min(c.error) AS first_error
FROM run_config AS c
LEFT JOIN sweeps AS s ON s.sweep_id = c.sweep_id
GROUP BY c.sweep_id, c.status
ORDER BY c.sweep_id IS NOT NULL, c.sweep_id,
    CASE c.status WHEN 'failed' THEN 1 WHEN 'running' THEN 2 ELSE 3 END;
