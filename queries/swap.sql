-- swap: swap-outs, swap-ins (major faults) and swap used per configuration.
--
-- Answers: how much does each configuration swap? Swap-outs are anonymous pages written
-- to swap by reclaim; swap-ins are pages read back (each a major fault; major_faults also
-- counts file reads). Swap used comes from the machine-wide samples (samples.container IS
-- NULL). Means are per run over the seeds of each configuration; only done runs count.
-- Parameters: none.
-- Columns:
--   config_no        configuration number (run_config.config_no)
--   scenario         scenario name
--   swappiness       vm_swappiness, 0..100
--   swap_pages       swap size, pages; 0 = no swap
--   laptop_mode      laptop_mode, seconds; 0 = off
--   runs             done runs
--   swap_outs        mean pages swapped out per run, 4 decimals
--   swap_ins         mean pages swapped in per run, 4 decimals
--   major_faults     mean major faults per run (swap-ins and file reads), 4 decimals
--   peak_swap_used   largest machine-wide swap_used in any run's samples, pages; NULL without samples
--   mean_swap_used   mean over runs of each run's mean machine-wide swap_used, pages, 4 decimals
--   swap_used_share  peak_swap_used / swap_pages, 4 decimals; NULL without swap
SELECT
    config_no,
    scenario,
    swappiness,
    swap_pages,
    laptop_mode,
    count(*) AS runs,
    round(avg(swap_outs), 4) AS swap_outs,
    round(avg(swap_ins), 4) AS swap_ins,
    round(avg(major_faults), 4) AS major_faults,
    max(peak_swap_used) AS peak_swap_used,
    round(avg(mean_swap_used), 4) AS mean_swap_used,
    round(CAST(max(peak_swap_used) AS REAL) / nullif(swap_pages, 0), 4) AS swap_used_share
FROM run_metrics
GROUP BY config_no
ORDER BY config_no;
