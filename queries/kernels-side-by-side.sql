-- kernels-side-by-side: per configuration, the simulated kernel next to the live one — reclaim calls, pages scanned (anon/file), reclaimed, swap-outs, kills and who was killed.
--
-- Answers: on the same scenario, what does the 2.6.20 model do and what does this
-- machine's kernel do (design.md, "Live runs")? Groups done runs whose configs are equal
-- but for kernel and seed (json_remove(config, '$.kernel', '$.seed'): on live, seeds are
-- repetitions) into one configuration, then gives one row per kernel release in it with
-- means per run. Units differ where the engines differ: pages_scanned is the sc rule on
-- the model (mapped pages twice) and the kernel's nr_scanned on live; anon_scanned and
-- file_scanned count pages isolated from either list on both. Only done runs count.
-- Parameters: none.
-- Columns:
--   pair_no            configuration number, 1, 2, ... ordered by scenario, swappiness, swap, laptop_mode
--   scenario           scenario name
--   swappiness         vm_swappiness, 0..100
--   swap_present       1 if the machine has swap (swap_pages > 0)
--   laptop_mode        laptop_mode, seconds; 0 = off
--   kernel             '2.6.20-rss' (simulated) or 'live'
--   model_version      the model's version, or 'linux-' || the live kernel's release
--   kernels            kernel releases recorded for this configuration (2 or more: a comparison)
--   runs               done runs (seeds)
--   reclaim_calls      mean reclaim calls per run, 4 decimals
--   pages_scanned      mean pages scanned per run, 4 decimals (model: sc units; live: nr_scanned)
--   anon_scanned       mean anonymous pages isolated per run, 4 decimals; NULL when not recorded
--   file_scanned       mean page-cache pages isolated per run, 4 decimals; NULL when not recorded
--   pages_reclaimed    mean pages reclaimed per run, 4 decimals
--   swap_outs          mean pages written to swap per run, 4 decimals
--   oom_kills          mean OOM kills per run, 4 decimals
--   victims            who was killed: task names with their kill counts over the runs, most killed first ("leak:3;web:1"); NULL without kills
WITH base AS (
    SELECT m.*, r.model_version, json_remove(r.config, '$.kernel', '$.seed') AS side_key
    FROM run_metrics AS m
    JOIN runs AS r ON r.run_id = m.run_id
),
kills AS (
    SELECT b.side_key, b.kernel, b.model_version, t.name, count(*) AS n
    FROM base AS b
    JOIN oom_events AS e ON e.run_id = b.run_id AND e.outcome = 'killed'
    JOIN tasks AS t ON t.run_id = e.run_id AND t.pid = e.victim_pid
    GROUP BY b.side_key, b.kernel, b.model_version, t.name
),
victims AS (
    SELECT side_key, kernel, model_version, group_concat(name || ':' || n, ';') AS victims
    FROM (SELECT * FROM kills ORDER BY n DESC, name)
    GROUP BY side_key, kernel, model_version
),
per_kernel AS (
    SELECT
        b.side_key,
        b.kernel,
        b.model_version,
        min(b.scenario) AS scenario,
        min(b.swappiness) AS swappiness,
        min(b.swap_present) AS swap_present,
        min(b.laptop_mode) AS laptop_mode,
        count(*) AS runs,
        round(avg(b.reclaim_calls), 4) AS reclaim_calls,
        round(avg(b.pages_scanned), 4) AS pages_scanned,
        round(avg(b.anon_scanned), 4) AS anon_scanned,
        round(avg(b.file_scanned), 4) AS file_scanned,
        round(avg(b.pages_reclaimed), 4) AS pages_reclaimed,
        round(avg(b.swap_outs), 4) AS swap_outs,
        round(avg(b.oom_kills), 4) AS oom_kills
    FROM base AS b
    GROUP BY b.side_key, b.kernel, b.model_version
)
SELECT
    dense_rank() OVER (ORDER BY p.scenario, p.swappiness, p.swap_present, p.laptop_mode, p.side_key) AS pair_no,
    p.scenario,
    p.swappiness,
    p.swap_present,
    p.laptop_mode,
    p.kernel,
    p.model_version,
    count(*) OVER (PARTITION BY p.side_key) AS kernels,
    p.runs,
    p.reclaim_calls,
    p.pages_scanned,
    p.anon_scanned,
    p.file_scanned,
    p.pages_reclaimed,
    p.swap_outs,
    p.oom_kills,
    v.victims
FROM per_kernel AS p
LEFT JOIN victims AS v
    ON v.side_key = p.side_key AND v.kernel = p.kernel AND v.model_version = p.model_version
ORDER BY pair_no, p.kernel = 'live', p.model_version;
