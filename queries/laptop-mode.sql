-- laptop-mode: dirty pages kept, pdflush wake-ups and stall time per configuration.
--
-- Answers: what does laptop_mode cost reclaim? With laptop_mode on, reclaim starts with
-- may_writepage = 0 and keeps dirty pages (§4 rule 9) until the call has scanned more
-- than 48 (sc units); then it wakes pdflush to write all dirty pages and may write itself
-- (§1, seed §8.6 item 4). Means are per run over the seeds of each configuration; only
-- done runs count.
-- Parameters: none.
-- Columns:
--   config_no              configuration number (run_config.config_no)
--   scenario               scenario name
--   swappiness             vm_swappiness, 0..100
--   swap_present           1 if the machine has swap (swap_pages > 0)
--   laptop_mode            laptop_mode, seconds; 0 = off
--   runs                   done runs
--   reclaim_calls          mean reclaim calls per run, 4 decimals
--   kept_dirty             mean dirty pages kept by rule 9 per run (sum of scan_passes.kept_dirty), 4 decimals
--   passes_no_writepage    mean scan passes per run made with may_writepage = 0, 4 decimals
--   pdflush_wakeups        mean reclaim calls per run that woke pdflush, 4 decimals
--   stall_ms               mean ms per run that tasks slept in congestion_wait/throttle_vm_writeout, 4 decimals
--   pages_written_back     mean pages per run whose writeback started (reclaim and pdflush), 4 decimals
--   reclaim_writeback      mean pages per run whose writeout reclaim's pageout() started, 4 decimals
--   peak_dirty             largest machine-wide dirty count in any run's samples, pages; NULL without samples
WITH passes AS (
    SELECT
        run_id,
        sum(may_writepage = 0) AS passes_no_writepage,
        sum(writeback_started) AS reclaim_writeback
    FROM scan_passes
    GROUP BY run_id
)
SELECT
    m.config_no,
    m.scenario,
    m.swappiness,
    m.swap_present,
    m.laptop_mode,
    count(*) AS runs,
    round(avg(m.reclaim_calls), 4) AS reclaim_calls,
    round(avg(m.kept_dirty), 4) AS kept_dirty,
    round(avg(coalesce(p.passes_no_writepage, 0)), 4) AS passes_no_writepage,
    round(avg(m.pdflush_wakeups), 4) AS pdflush_wakeups,
    round(avg(m.stall_ms), 4) AS stall_ms,
    round(avg(m.pages_written_back), 4) AS pages_written_back,
    round(avg(coalesce(p.reclaim_writeback, 0)), 4) AS reclaim_writeback,
    max(m.peak_dirty) AS peak_dirty
FROM run_metrics AS m
LEFT JOIN passes AS p ON p.run_id = m.run_id
GROUP BY m.config_no
ORDER BY m.config_no;
