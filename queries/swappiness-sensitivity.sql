-- swappiness-sensitivity: how much each metric changes across vm_swappiness values when everything else is equal.
--
-- Answers: does vm_swappiness matter here? Groups done runs whose configs are equal but
-- for machine.swappiness (same scenario, seed, knobs and model version: run_metrics.
-- swappiness_free_key), keeps groups with at least two swappiness values, and gives each
-- metric's range (max - min) over the group. The seed's container reclaim never reads
-- vm_swappiness (seed §8.6 item 2), so with only container reclaim (origins =
-- 'container') every range is 0 and varies is 0; swappiness acts only on the global
-- path's reclaim_mapped decision (§3).
-- Parameters: none.
-- Columns:
--   scenario              scenario name
--   seed                  the seed shared by the group's runs
--   swap_present          1 if the machine has swap (swap_pages > 0)
--   laptop_mode           laptop_mode, seconds; 0 = off
--   origins               reclaim origins seen in the group's runs: container, direct, kswapd (comma-separated); empty without reclaim
--   runs                  done runs in the group
--   swappiness_values     distinct swappiness values in the group
--   swappiness_min        lowest swappiness in the group
--   swappiness_max        highest swappiness in the group
--   pages_scanned_range   max - min of pages_scanned, sc units
--   pages_reclaimed_range max - min of pages_reclaimed, pages
--   efficiency_range      max - min of reclaim_efficiency, 4 decimals; NULL if a run scanned nothing
--   oom_kills_range       max - min of oom_kills
--   swap_outs_range       max - min of swap_outs, pages
--   swap_ins_range        max - min of swap_ins, pages
--   major_faults_range    max - min of major_faults
--   stall_ms_range        max - min of stall_ms, simulated ms
--   varies                1 if any range above is not 0
WITH calls AS (
    SELECT
        run_id,
        max(origin = 'container') AS container,
        max(origin = 'direct') AS direct,
        max(origin = 'kswapd') AS kswapd
    FROM reclaim_calls
    GROUP BY run_id
),
grouped AS (
    SELECT
        m.swappiness_free_key,
        min(m.scenario) AS scenario,
        min(m.seed) AS seed,
        min(m.swap_present) AS swap_present,
        min(m.laptop_mode) AS laptop_mode,
        max(coalesce(k.container, 0)) AS container,
        max(coalesce(k.direct, 0)) AS direct,
        max(coalesce(k.kswapd, 0)) AS kswapd,
        count(*) AS runs,
        count(DISTINCT m.swappiness) AS swappiness_values,
        min(m.swappiness) AS swappiness_min,
        max(m.swappiness) AS swappiness_max,
        max(m.pages_scanned) - min(m.pages_scanned) AS pages_scanned_range,
        max(m.pages_reclaimed) - min(m.pages_reclaimed) AS pages_reclaimed_range,
        CASE WHEN count(m.reclaim_efficiency) = count(*)
            THEN round(max(m.reclaim_efficiency) - min(m.reclaim_efficiency), 4)
        END AS efficiency_range,
        max(m.oom_kills) - min(m.oom_kills) AS oom_kills_range,
        max(m.swap_outs) - min(m.swap_outs) AS swap_outs_range,
        max(m.swap_ins) - min(m.swap_ins) AS swap_ins_range,
        max(m.major_faults) - min(m.major_faults) AS major_faults_range,
        max(m.stall_ms) - min(m.stall_ms) AS stall_ms_range
    FROM run_metrics AS m
    LEFT JOIN calls AS k ON k.run_id = m.run_id
    GROUP BY m.swappiness_free_key
    HAVING count(DISTINCT m.swappiness) >= 2
)
SELECT
    scenario,
    seed,
    swap_present,
    laptop_mode,
    substr(
        iif(container, ',container', '') || iif(direct, ',direct', '') || iif(kswapd, ',kswapd', ''),
        2) AS origins,
    runs,
    swappiness_values,
    swappiness_min,
    swappiness_max,
    pages_scanned_range,
    pages_reclaimed_range,
    efficiency_range,
    oom_kills_range,
    swap_outs_range,
    swap_ins_range,
    major_faults_range,
    stall_ms_range,
    (pages_scanned_range OR pages_reclaimed_range OR coalesce(efficiency_range, 0)
        OR oom_kills_range OR swap_outs_range OR swap_ins_range OR major_faults_range
        OR stall_ms_range) AS varies
FROM grouped
ORDER BY scenario, seed, swap_present, laptop_mode, swappiness_free_key;
