-- runs-overview: one row per run with its key configuration and its totals.
--
-- Answers: which runs does this database hold, how did each end, and how much did each
-- scan, reclaim, stall and kill? A starting point before the per-event queries.
-- Parameters: none.
-- Units: pages, simulated milliseconds; reclaim_efficiency = pages_reclaimed / pages_scanned
-- (pages_scanned follows the kernel's sc.nr_scanned rule, so mapped pages count twice).
-- Totals are NULL for runs that never finished. Rows are ordered by configuration, not by
-- run_id, so a merged database lists the same rows in the same order as one process.
-- Columns:
--   run_id              the run (not stable across merges)
--   run_key             its stable identity (hash of config, seed and model version)
--   sweep               the sweep's name; NULL outside any sweep
--   scenario            scenario name
--   kernel              kernel model
--   seed                the run's seed
--   hz                  timer frequency of the simulated kernel
--   duration_ms         simulated duration, ms
--   swappiness          vm_swappiness, 0..100
--   swap_pages          swap size, pages; 0 = no swap
--   laptop_mode         laptop_mode, seconds; 0 = off
--   status              running, done or failed
--   error               why it failed; NULL unless failed
--   faults              page faults
--   major_faults        faults that needed I/O (swap-in or file read)
--   reclaim_calls       reclaim calls
--   pages_scanned       sum of total_scanned, sc units
--   pages_reclaimed     pages freed by reclaim
--   reclaim_efficiency  pages_reclaimed / pages_scanned, 4 decimals; NULL if nothing scanned
--   pages_written_back  pages whose writeback started (reclaim and pdflush)
--   swap_outs           pages written to swap
--   swap_ins            pages read back from swap
--   stall_ms            ms tasks slept in congestion_wait/throttle_vm_writeout
--   oom_events          OOM invocations
--   oom_kills           tasks killed by an OOM killer
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
