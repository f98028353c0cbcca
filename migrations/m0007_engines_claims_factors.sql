-- m0007_engines_claims_factors: the columns that let two engines (the simulated 2.6.20
-- model and the machine's live kernel) write the same tables, let several processes share
-- one database, and let every kill explain itself.
--
--   runs            read_requests, write_requests (block requests after merging),
--                   events_lost and ignored_keys (live runs), model-independent claim
--                   owner columns owner_host, owner_pid, owner_start (a running run's claim).
--   reclaim_calls   result, last_priority, pdflush_woken and stall_ms may be NULL: the live
--                   kernel's tracepoints have no figure for some of them.
--   scan_passes     anon_scanned, file_scanned (pages isolated by kind, both engines); the
--                   columns the live kernel cannot give may be NULL.
--   oom_events      call_no: the reclaim call whose failure led to the OOM invocation.
--   oom_candidates  badness() factor by factor (base_points, cpu_divisor, run_divisor,
--                   nice_doubled, cap_divisor, adj_shift) for the 2.6.20 model, and the
--                   modern oom_badness() inputs (swapents, pgtables_bytes, oom_score_adj)
--                   for live runs.
--
-- Each table is rebuilt as GRDB's migration guide and SQLite's ALTER TABLE page describe:
-- create new_X, copy, drop X, rename new_X to X; the views of m0002 are dropped first and
-- created again at the end (a rename with a dangling view fails). Foreign keys are off
-- while a migration runs and checked before it commits. Rows of earlier runs keep NULL in
-- the new columns: their figures were not recorded.

DROP VIEW oom_outcomes;
DROP VIEW run_metrics;
DROP VIEW run_config;

CREATE TABLE new_runs (
    run_id             INTEGER PRIMARY KEY,                  -- identifier of the run in this database (not stable across merges; run_key is)
    run_key            TEXT NOT NULL UNIQUE,                 -- hash of the canonical config, seed and model version: the run's stable identity
    sweep_id           INTEGER REFERENCES sweeps (sweep_id), -- sweep that (last) ran it; NULL for a single `reclaimlab run`
    scenario           TEXT NOT NULL,                        -- scenario name
    kernel             TEXT NOT NULL,                        -- kernel: a simulated model, e.g. '2.6.20-rss', or 'live' (the machine's own kernel)
    seed               INTEGER NOT NULL,                     -- the run's seed (a UInt64; seeds above 2^63-1 are stored as their two's-complement bit pattern); for live runs it fixes the workload streams only
    swappiness         INTEGER NOT NULL,                     -- vm_swappiness, 0..100
    swap_pages         INTEGER NOT NULL,                     -- swap size in pages; 0 = no swap (total_swap_pages == 0)
    laptop_mode        INTEGER NOT NULL,                     -- laptop_mode in seconds; 0 = off
    config             TEXT NOT NULL CHECK (json_valid(config)), -- canonical JSON of the whole scenario the run simulated
    status             TEXT NOT NULL DEFAULT 'running'
                       CHECK (status IN ('running', 'done', 'failed')), -- running: claimed or interrupted; done: all rows committed; failed: see error
    error              TEXT,                                 -- why the run failed (panic text or error message); NULL unless failed
    owner_host         TEXT,                                 -- host name of the process that claimed the run; NULL for runs recorded before m0007
    owner_pid          INTEGER,                              -- pid of that process
    owner_start        INTEGER,                              -- that process's start time, clock ticks after boot (/proc/PID/stat field 22): with owner_pid it tells a live owner from a dead one
    started_at         TEXT NOT NULL,                        -- wall-clock start, ISO-8601 UTC (provenance only)
    finished_at        TEXT,                                 -- wall-clock end, ISO-8601 UTC; NULL while running
    tool_version       TEXT NOT NULL,                        -- reclaimlab version that recorded the run
    model_version      TEXT NOT NULL,                        -- kernel model version (part of run_key), e.g. '2.6.20-rss/1'; 'linux-' || uname -r for live runs
    duration_ms        INTEGER NOT NULL,                     -- simulated (or, live, wall-clock) duration, ms
    hz                 INTEGER NOT NULL,                     -- timer frequency of the simulated kernel: 100, 250, 300 or 1000 (live: the scenario's, pacing the workloads)
    ignored_keys       TEXT CHECK (ignored_keys IS NULL OR json_valid(ignored_keys)), -- live runs: JSON array of the scenario key paths the real kernel cannot honour (e.g. ["hz","machine.uptime_s"]); NULL for simulated runs
    -- Run totals: NULL until the run finishes.
    faults             INTEGER,                              -- page faults, all tasks
    major_faults       INTEGER,                              -- faults that needed I/O (swap-in or file read)
    pages_scanned      INTEGER,                              -- sum of total_scanned over every reclaim call (sc rule)
    pages_reclaimed    INTEGER,                              -- pages freed by reclaim, all calls
    oom_kills          INTEGER,                              -- tasks killed by an OOM killer
    stall_ms           INTEGER,                              -- ms tasks slept in congestion_wait/throttle_vm_writeout, all calls
    pages_written_back INTEGER,                              -- pages whose writeback was started (pageout from reclaim and pdflush)
    swap_outs          INTEGER,                              -- anonymous pages written to swap
    swap_ins           INTEGER,                              -- pages read back from swap
    reclaim_calls      INTEGER,                              -- rows of reclaim_calls for the run
    oom_events         INTEGER,                              -- rows of oom_events for the run
    page_refs          INTEGER,                              -- page references the tasks made (hits and faults)
    read_requests      INTEGER,                              -- block read requests submitted, after merging contiguous pages; NULL where not counted
    write_requests     INTEGER,                              -- block write requests submitted, after merging contiguous pages; NULL where not counted
    events_lost        INTEGER                               -- live runs: trace events the ring buffer lost (0 is the goal); NULL for simulated runs
) STRICT;

INSERT INTO new_runs (run_id, run_key, sweep_id, scenario, kernel, seed, swappiness, swap_pages, laptop_mode,
    config, status, error, started_at, finished_at, tool_version, model_version, duration_ms, hz,
    faults, major_faults, pages_scanned, pages_reclaimed, oom_kills, stall_ms, pages_written_back,
    swap_outs, swap_ins, reclaim_calls, oom_events, page_refs)
SELECT run_id, run_key, sweep_id, scenario, kernel, seed, swappiness, swap_pages, laptop_mode,
    config, status, error, started_at, finished_at, tool_version, model_version, duration_ms, hz,
    faults, major_faults, pages_scanned, pages_reclaimed, oom_kills, stall_ms, pages_written_back,
    swap_outs, swap_ins, reclaim_calls, oom_events, page_refs
FROM runs;

DROP TABLE runs;
ALTER TABLE new_runs RENAME TO runs;
CREATE INDEX runs_by_sweep ON runs (sweep_id);
CREATE INDEX runs_by_status ON runs (status);

CREATE TABLE new_reclaim_calls (
    run_id        INTEGER NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE, -- the run
    call_no       INTEGER NOT NULL, -- 1-based number of the call within the run, in time order
    t_ms          INTEGER NOT NULL, -- time the call started, ms since the run start
    origin        TEXT NOT NULL
                  CHECK (origin IN ('container', 'direct', 'kswapd')), -- entry point: container_try_to_free_pages (live: memcg reclaim), try_to_free_pages, balance_pgdat
    container     TEXT,             -- container whose limit was hit (origin 'container'); NULL otherwise
    pid           INTEGER,          -- task that entered reclaim; NULL for kswapd
    result        INTEGER,          -- the entry point's return value: 1 = success, 0 = failure (live: 1 when it reclaimed anything); NULL when unknown
    nr_reclaimed  INTEGER NOT NULL, -- pages freed over the whole call (cumulative over priorities)
    total_scanned INTEGER NOT NULL, -- sum of the passes' nr_scanned (sc rule; live: the kernel's nr_scanned)
    last_priority INTEGER,          -- priority of the last pass run, 12..0; NULL for a live call that traced no pass
    pdflush_woken INTEGER CHECK (pdflush_woken IS NULL OR pdflush_woken IN (0, 1)), -- 1 if the call woke pdflush (total_scanned > 48); NULL on live (no pdflush)
    stall_ms      INTEGER,          -- ms the caller slept in congestion_wait/throttle_vm_writeout during the call (live: mm_vmscan_throttled sleeps); NULL when unknown
    PRIMARY KEY (run_id, call_no)
) STRICT, WITHOUT ROWID;

INSERT INTO new_reclaim_calls SELECT * FROM reclaim_calls;
DROP TABLE reclaim_calls;
ALTER TABLE new_reclaim_calls RENAME TO reclaim_calls;

-- Passes are reported before their call row, so there is no foreign key to reclaim_calls;
-- (run_id, call_no) still joins the two tables.
CREATE TABLE new_scan_passes (
    run_id            INTEGER NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE, -- the run
    call_no           INTEGER NOT NULL, -- the reclaim call (reclaim_calls.call_no)
    priority          INTEGER NOT NULL, -- scan priority of the pass, 12 (DEF_PRIORITY) down to 0
    nr_scanned        INTEGER NOT NULL, -- the call's sc.nr_scanned for this pass (sc rule: +1 per locked page, +1 more when mapped or in swap cache; live: the kernel's nr_scanned summed over the priority's shrink events)
    nr_reclaimed      INTEGER NOT NULL, -- pages freed during this pass
    active_scanned    INTEGER,          -- active-list entries isolated by the active step (list rule)
    deactivated       INTEGER,          -- pages moved active -> inactive by the active step
    inactive_scanned  INTEGER,          -- inactive-list entries isolated by the inactive step (list rule, not sc units)
    anon_scanned      INTEGER,          -- pages isolated in the pass from either list that are anonymous (list rule); NULL for runs recorded before m0007
    file_scanned      INTEGER,          -- pages isolated in the pass from either list that are page cache (list rule); NULL for runs recorded before m0007
    activated         INTEGER,          -- pages shrink_page_list sent back to the active list (ACTIVATE outcomes)
    kept_dirty        INTEGER,          -- dirty pages kept by §4 rule 9 without starting writeout (live: nr_dirty of the shrink events)
    writeback_started INTEGER,          -- pages whose writeout pageout() started (file writeback or swap-out)
    may_writepage     INTEGER CHECK (may_writepage IS NULL OR may_writepage IN (0, 1)),   -- sc.may_writepage in force during the pass; NULL on live
    reclaim_mapped    INTEGER CHECK (reclaim_mapped IS NULL OR reclaim_mapped IN (0, 1)), -- reclaim_mapped of the active step (always 1 on the container path); NULL on live
    swap_tendency     INTEGER,          -- mapped_ratio / 2 + distress + swappiness (§3); NULL where the path has none (container, live)
    distress          INTEGER,          -- 100 >> min(prev_priority, priority) (§3); NULL where the path has none
    mapped_ratio      INTEGER,          -- (NR_FILE_MAPPED + NR_ANON_PAGES) * 100 / vm_total_pages, percent (§3); NULL where the path has none
    prev_priority     INTEGER,          -- the zone's prev_priority during the pass, after "note scanning priority" (§1, §6); NULL on the container path, which keeps none
    congestion_wait   INTEGER,          -- ms slept after this pass (throttle_vm_writeout plus congestion_wait); NULL on live
    PRIMARY KEY (run_id, call_no, priority)
) STRICT, WITHOUT ROWID;

INSERT INTO new_scan_passes (run_id, call_no, priority, nr_scanned, nr_reclaimed, active_scanned, deactivated,
    inactive_scanned, activated, kept_dirty, writeback_started, may_writepage, reclaim_mapped, swap_tendency,
    distress, mapped_ratio, prev_priority, congestion_wait)
SELECT run_id, call_no, priority, nr_scanned, nr_reclaimed, active_scanned, deactivated,
    inactive_scanned, activated, kept_dirty, writeback_started, may_writepage, reclaim_mapped, swap_tendency,
    distress, mapped_ratio, prev_priority, congestion_wait
FROM scan_passes;
DROP TABLE scan_passes;
ALTER TABLE new_scan_passes RENAME TO scan_passes;

CREATE TABLE new_oom_events (
    run_id           INTEGER NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE, -- the run
    oom_no           INTEGER NOT NULL, -- 1-based number of the OOM invocation within the run, in time order
    t_ms             INTEGER NOT NULL, -- time of the invocation, ms since the run start
    scope            TEXT NOT NULL
                     CHECK (scope IN ('container', 'global')), -- container_out_of_memory (live: memcg OOM) or the global out_of_memory
    container        TEXT,             -- container over its limit (scope 'container'); NULL for global
    trigger_pid      INTEGER,          -- task whose allocation or charge triggered the OOM killer
    call_no          INTEGER,          -- the reclaim call whose failure led to this invocation (reclaim_calls.call_no); NULL when none did (a busy retry without a new call, a global OOM after kswapd only, runs before m0007)
    outcome          TEXT NOT NULL
                     CHECK (outcome IN ('killed', 'busy', 'none')), -- killed: a task was signalled; busy: selection aborted on a TIF_MEMDIE/PF_EXITING task; none: nothing to kill
    chosen_pid       INTEGER,          -- task select_bad_process returned (or current, §8.6 item 5); NULL if none
    chosen_points    INTEGER,          -- its badness points (ULONG_MAX shown as 9223372036854775807; live: the modern oom_badness score); NULL if none
    victim_pid       INTEGER,          -- task actually signalled: differs from chosen_pid when a child dies first (§7.3); NULL unless killed
    victim_container TEXT,             -- the victim's container; NULL if none or not in a container
    PRIMARY KEY (run_id, oom_no)
) STRICT, WITHOUT ROWID;

INSERT INTO new_oom_events (run_id, oom_no, t_ms, scope, container, trigger_pid, outcome, chosen_pid,
    chosen_points, victim_pid, victim_container)
SELECT run_id, oom_no, t_ms, scope, container, trigger_pid, outcome, chosen_pid,
    chosen_points, victim_pid, victim_container
FROM oom_events;
DROP TABLE oom_events;
ALTER TABLE new_oom_events RENAME TO oom_events;

CREATE TABLE new_oom_candidates (
    run_id         INTEGER NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE, -- the run
    oom_no         INTEGER NOT NULL, -- the OOM invocation (oom_events.oom_no)
    round          INTEGER NOT NULL, -- 1 for the first selection of the invocation, 2... when a failed kill selects again
    visit_no       INTEGER,          -- 1, 2, ...: order in which select_bad_process visited the task within the round (task-list = creation order, §7.2; live: the row of the kernel's task dump); NULL for runs recorded before m0006
    pid            INTEGER NOT NULL, -- the task visited by select_bad_process
    name           TEXT NOT NULL,    -- its command name
    container      TEXT,             -- its container; NULL if not in a container
    points         INTEGER,          -- badness points (ULONG_MAX shown as 9223372036854775807; live: modern oom_badness, may be negative); NULL when skipped
    total_vm       INTEGER NOT NULL, -- its mm's total_vm at selection time, pages
    rss            INTEGER NOT NULL, -- its resident pages at selection time
    eligible       INTEGER NOT NULL CHECK (eligible IN (0, 1)), -- 1 = scored and could be chosen; 0 = skipped
    skip_reason    TEXT,             -- why it was not scored: no_mm, init, tif_memdie, pf_exiting, oom_disable (§7.2; live: oom_score_adj_min, unkillable); NULL otherwise
    base_points    INTEGER,          -- badness() step 1: total_vm plus total_vm / 2 + 1 per child with its own mm, pages; NULL when skipped, on live and before m0007
    cpu_divisor    INTEGER,          -- int_sqrt(cpu_time), cpu_time = jiffies >> (SHIFT_HZ + 3); 1 when that is 0 (no division)
    run_divisor    INTEGER,          -- int_sqrt(int_sqrt(run_time)), run_time = seconds since start >> 10; 1 when that is 0 (no division)
    nice_doubled   INTEGER CHECK (nice_doubled IS NULL OR nice_doubled IN (0, 1)), -- 1 if nice > 0 doubled the points
    cap_divisor    INTEGER CHECK (cap_divisor IS NULL OR cap_divisor IN (1, 4, 16)),  -- 4 for root or CAP_SYS_ADMIN, 4 for CAP_SYS_RAWIO, 16 for both, 1 for neither
    adj_shift      INTEGER,          -- the oom_adj shift applied, signed: +n shifted left by n, -n right by n, 0 none
    swapents       INTEGER,          -- live: swap entries of the task's mm, pages (oom_badness input); NULL for simulated runs
    pgtables_bytes INTEGER,          -- live: its page tables, bytes (oom_badness input); NULL for simulated runs
    oom_score_adj  INTEGER,          -- live: its oom_score_adj, -1000..1000 (oom_badness input); NULL for simulated runs
    PRIMARY KEY (run_id, oom_no, round, pid)
) STRICT, WITHOUT ROWID;

INSERT INTO new_oom_candidates (run_id, oom_no, round, visit_no, pid, name, container, points, total_vm, rss,
    eligible, skip_reason)
SELECT run_id, oom_no, round, visit_no, pid, name, container, points, total_vm, rss, eligible, skip_reason
FROM oom_candidates;
DROP TABLE oom_candidates;
ALTER TABLE new_oom_candidates RENAME TO oom_candidates;

-- The views of m0002, created again (run_metrics gains the m0007 columns at its end).

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
--   (m0007) read_requests, write_requests   the run totals; pages_per_write_request:
--                        pages_written_back (swap-outs included) / write_requests, NULL without requests.
--   (m0007) anon_scanned, file_scanned      sums of scan_passes' pages isolated by kind.
--   (m0007) events_lost  live runs' lost trace events.
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
        WHERE s.run_id = r.run_id AND s.container IS NULL) AS mean_swap_used,
    r.read_requests,
    r.write_requests,
    CAST(r.pages_written_back AS REAL) / nullif(r.write_requests, 0) AS pages_per_write_request,
    (SELECT sum(p.anon_scanned) FROM scan_passes AS p WHERE p.run_id = r.run_id) AS anon_scanned,
    (SELECT sum(p.file_scanned) FROM scan_passes AS p WHERE p.run_id = r.run_id) AS file_scanned,
    r.events_lost
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
