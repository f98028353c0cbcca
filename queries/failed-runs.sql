-- failed-runs: every run that failed or never finished, with its error.
--
-- Answers: which runs need attention? Failed runs keep their error (a panic text or the
-- model's message) and no event rows; running rows were interrupted (or are still
-- running in another process). Re-running the sweep or scenario retries both.
-- Parameters: none.
-- Columns:
--   run_id       the run
--   run_key      its stable identity (hash of config, seed and model version)
--   sweep        the sweep's name; NULL outside any sweep
--   scenario     scenario name
--   seed         the run's seed
--   swappiness   vm_swappiness, 0..100
--   swap_pages   swap size, pages; 0 = no swap
--   laptop_mode  laptop_mode, seconds; 0 = off
--   status       failed or running
--   error        why it failed; NULL for running
--   started_at   wall-clock start, ISO-8601 UTC
--   finished_at  wall-clock end, ISO-8601 UTC; NULL while running
SELECT
    r.run_id,
    r.run_key,
    s.name AS sweep,
    r.scenario,
    r.seed,
    r.swappiness,
    r.swap_pages,
    r.laptop_mode,
    r.status,
    r.error,
    r.started_at,
    r.finished_at
FROM runs AS r
LEFT JOIN sweeps AS s ON s.sweep_id = r.sweep_id
WHERE r.status <> 'done'
ORDER BY r.scenario, r.swappiness, r.swap_pages, r.laptop_mode, r.seed, r.run_key;
