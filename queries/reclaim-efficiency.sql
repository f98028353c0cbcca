-- reclaim-efficiency: pages reclaimed per page scanned, by swappiness x swap presence x laptop mode and reclaim origin.
--
-- Answers: how much does a scanned page pay off, and does it depend on vm_swappiness, on
-- swap being present or on laptop_mode? One row per scenario, kernel, knob combination and
-- origin (container = container_try_to_free_pages, direct = try_to_free_pages, kswapd =
-- balance_pgdat), pooling every seed and every config with those knobs (column configs).
-- Only runs with status 'done' count.
-- Parameters: none.
-- Columns:
--   scenario             scenario name
--   kernel               kernel model
--   swappiness           vm_swappiness, 0..100
--   swap_present         1 if the machine has swap (swap_pages > 0)
--   laptop_mode          laptop_mode, seconds; 0 = off
--   origin               reclaim entry point: container, direct or kswapd
--   configs              distinct configurations pooled in the row (run_config.config_no)
--   runs                 done runs with at least one call of this origin
--   calls                reclaim calls
--   succeeded            calls that returned success (result = 1)
--   pages_scanned        sum of total_scanned, sc units (+1 per page, +1 more if mapped or in swap cache)
--   inactive_scanned     inactive-list entries isolated, list units (one per page)
--   pages_reclaimed      pages freed
--   efficiency           pages_reclaimed / pages_scanned (sc units), 4 decimals; NULL if nothing scanned
--   efficiency_per_page  pages_reclaimed / inactive_scanned (list units), 4 decimals; NULL if nothing scanned
WITH passes AS (
    SELECT run_id, call_no, sum(inactive_scanned) AS inactive_scanned
    FROM scan_passes
    GROUP BY run_id, call_no
)
SELECT
    c.scenario,
    c.kernel,
    c.swappiness,
    c.swap_present,
    c.laptop_mode,
    rc.origin,
    count(DISTINCT c.config_no) AS configs,
    count(DISTINCT c.run_id) AS runs,
    count(*) AS calls,
    sum(rc.result) AS succeeded,
    sum(rc.total_scanned) AS pages_scanned,
    coalesce(sum(p.inactive_scanned), 0) AS inactive_scanned,
    sum(rc.nr_reclaimed) AS pages_reclaimed,
    round(CAST(sum(rc.nr_reclaimed) AS REAL) / nullif(sum(rc.total_scanned), 0), 4) AS efficiency,
    round(CAST(sum(rc.nr_reclaimed) AS REAL) / nullif(sum(p.inactive_scanned), 0), 4) AS efficiency_per_page
FROM run_config AS c
JOIN reclaim_calls AS rc ON rc.run_id = c.run_id
LEFT JOIN passes AS p ON p.run_id = rc.run_id AND p.call_no = rc.call_no
WHERE c.status = 'done'
GROUP BY c.scenario, c.kernel, c.swappiness, c.swap_present, c.laptop_mode, rc.origin
ORDER BY c.scenario, c.kernel, c.swappiness, c.swap_present, c.laptop_mode, rc.origin;
