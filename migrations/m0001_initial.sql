-- m0001_initial: the first schema of a reclaimlab database.
--
-- Conventions for every table below:
--   * Sizes are pages of 4 KiB unless a column name says otherwise.
--   * t_ms and *_ms columns are simulated milliseconds since the run start
--     (jiffies * 1000 / hz, floored); nothing but *_at columns reads the wall clock.
--   * Booleans are INTEGER 0/1.
--   * Badness points are unsigned in the kernel; values above 9223372036854775807 are
--     stored saturated, so ULONG_MAX is shown as 9223372036854775807.
--   * "scanned" columns follow the kernel's own counters (shared/spec/kernel-model.md §4);
--     each column says which rule it uses:
--       sc rule:    sc.nr_scanned units, +1 per page whose lock was taken, +1 more when
--                   the page is mapped or in swap cache (§4 rules 2 and 4); the container
--                   active step adds nothing (§8.6 item 2).
--       list rule:  list entries isolated from an LRU list (one per page taken).
--   * Event rows belong to a run and go with it (ON DELETE CASCADE); a run's rows are
--     written in one transaction together with its 'done' (or 'failed') status.

CREATE TABLE sweeps (
    sweep_id     INTEGER PRIMARY KEY, -- identifier of the sweep
    name         TEXT NOT NULL,       -- the sweep's name (from its file)
    spec         TEXT NOT NULL,       -- the sweep file as given (base and axes), verbatim
    created_at   TEXT NOT NULL,       -- wall-clock creation time, ISO-8601 UTC (provenance only)
    tool_version TEXT NOT NULL        -- reclaimlab version that recorded the sweep
) STRICT;

CREATE TABLE runs (
    run_id             INTEGER PRIMARY KEY,                  -- identifier of the run in this database (not stable across merges; run_key is)
    run_key            TEXT NOT NULL UNIQUE,                 -- hash of the canonical config, seed and model version: the run's stable identity
    sweep_id           INTEGER REFERENCES sweeps (sweep_id), -- sweep that (last) ran it; NULL for a single `reclaimlab run`
    scenario           TEXT NOT NULL,                        -- scenario name
    kernel             TEXT NOT NULL,                        -- kernel model, e.g. '2.6.20-rss'
    seed               INTEGER NOT NULL,                     -- the run's seed (a UInt64; seeds above 2^63-1 are stored as their two's-complement bit pattern)
    swappiness         INTEGER NOT NULL,                     -- vm_swappiness, 0..100
    swap_pages         INTEGER NOT NULL,                     -- swap size in pages; 0 = no swap (total_swap_pages == 0)
    laptop_mode        INTEGER NOT NULL,                     -- laptop_mode in seconds; 0 = off
    config             TEXT NOT NULL CHECK (json_valid(config)), -- canonical JSON of the whole scenario the run simulated
    status             TEXT NOT NULL DEFAULT 'running'
                       CHECK (status IN ('running', 'done', 'failed')), -- running: started or interrupted; done: all rows committed; failed: see error
    error              TEXT,                                 -- why the run failed (panic text or error message); NULL unless failed
    started_at         TEXT NOT NULL,                        -- wall-clock start, ISO-8601 UTC (provenance only)
    finished_at        TEXT,                                 -- wall-clock end, ISO-8601 UTC; NULL while running
    tool_version       TEXT NOT NULL,                        -- reclaimlab version that recorded the run
    model_version      TEXT NOT NULL,                        -- kernel model version (part of run_key), e.g. '2.6.20-rss/1'
    duration_ms        INTEGER NOT NULL,                     -- simulated duration, ms
    hz                 INTEGER NOT NULL,                     -- timer frequency of the simulated kernel: 100, 250, 300 or 1000
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
    page_refs          INTEGER                               -- page references the tasks made (hits and faults)
) STRICT;

CREATE INDEX runs_by_sweep ON runs (sweep_id);
CREATE INDEX runs_by_status ON runs (status);

CREATE TABLE reclaim_calls (
    run_id        INTEGER NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE, -- the run
    call_no       INTEGER NOT NULL, -- 1-based number of the call within the run, in time order
    t_ms          INTEGER NOT NULL, -- simulated time the call started, ms
    origin        TEXT NOT NULL
                  CHECK (origin IN ('container', 'direct', 'kswapd')), -- entry point: container_try_to_free_pages, try_to_free_pages, balance_pgdat
    container     TEXT,             -- container whose limit was hit (origin 'container'); NULL otherwise
    pid           INTEGER,          -- task that entered reclaim; NULL for kswapd
    result        INTEGER NOT NULL, -- the entry point's return value: 1 = success, 0 = failure
    nr_reclaimed  INTEGER NOT NULL, -- pages freed over the whole call (cumulative over priorities)
    total_scanned INTEGER NOT NULL, -- sum of the passes' nr_scanned (sc rule)
    last_priority INTEGER NOT NULL, -- priority of the last pass run, 12..0
    pdflush_woken INTEGER NOT NULL CHECK (pdflush_woken IN (0, 1)), -- 1 if the call woke pdflush (total_scanned > 48)
    stall_ms      INTEGER NOT NULL, -- ms the caller slept in congestion_wait/throttle_vm_writeout during the call
    PRIMARY KEY (run_id, call_no)
) STRICT, WITHOUT ROWID;

-- Passes are reported before their call row, so there is no foreign key to reclaim_calls;
-- (run_id, call_no) still joins the two tables.
CREATE TABLE scan_passes (
    run_id            INTEGER NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE, -- the run
    call_no           INTEGER NOT NULL, -- the reclaim call (reclaim_calls.call_no)
    priority          INTEGER NOT NULL, -- scan priority of the pass, 12 (DEF_PRIORITY) down to 0
    nr_scanned        INTEGER NOT NULL, -- the call's sc.nr_scanned for this pass (sc rule: +1 per locked page, +1 more when mapped or in swap cache)
    nr_reclaimed      INTEGER NOT NULL, -- pages freed during this pass
    active_scanned    INTEGER NOT NULL, -- active-list entries isolated by the active step (list rule)
    deactivated       INTEGER NOT NULL, -- pages moved active -> inactive by the active step
    inactive_scanned  INTEGER NOT NULL, -- inactive-list entries isolated by the inactive step (list rule, not sc units)
    activated         INTEGER NOT NULL, -- pages shrink_page_list sent back to the active list (ACTIVATE outcomes)
    kept_dirty        INTEGER NOT NULL, -- dirty pages kept by §4 rule 9 without starting writeout
    writeback_started INTEGER NOT NULL, -- pages whose writeout pageout() started (file writeback or swap-out)
    may_writepage     INTEGER NOT NULL CHECK (may_writepage IN (0, 1)),  -- sc.may_writepage in force during the pass
    reclaim_mapped    INTEGER NOT NULL CHECK (reclaim_mapped IN (0, 1)), -- reclaim_mapped of the active step (always 1 on the container path)
    swap_tendency     INTEGER,          -- mapped_ratio / 2 + distress + swappiness (§3); NULL where the path has none (container)
    distress          INTEGER,          -- 100 >> min(prev_priority, priority) (§3); NULL where the path has none
    mapped_ratio      INTEGER,          -- (NR_FILE_MAPPED + NR_ANON_PAGES) * 100 / vm_total_pages, percent (§3); NULL where the path has none
    prev_priority     INTEGER,          -- the zone's prev_priority during the pass, after "note scanning priority" (§1, §6); NULL on the container path, which keeps none
    congestion_wait   INTEGER NOT NULL, -- ms slept after this pass (throttle_vm_writeout plus congestion_wait)
    PRIMARY KEY (run_id, call_no, priority)
) STRICT, WITHOUT ROWID;

CREATE TABLE oom_events (
    run_id           INTEGER NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE, -- the run
    oom_no           INTEGER NOT NULL, -- 1-based number of the OOM invocation within the run, in time order
    t_ms             INTEGER NOT NULL, -- simulated time of the invocation, ms
    scope            TEXT NOT NULL
                     CHECK (scope IN ('container', 'global')), -- container_out_of_memory or the global out_of_memory
    container        TEXT,             -- container over its limit (scope 'container'); NULL for global
    trigger_pid      INTEGER,          -- task whose allocation or charge triggered the OOM killer
    outcome          TEXT NOT NULL
                     CHECK (outcome IN ('killed', 'busy', 'none')), -- killed: a task was signalled; busy: selection aborted on a TIF_MEMDIE/PF_EXITING task; none: nothing to kill
    chosen_pid       INTEGER,          -- task select_bad_process returned (or current, §8.6 item 5); NULL if none
    chosen_points    INTEGER,          -- its badness points (ULONG_MAX shown as 9223372036854775807); NULL if none
    victim_pid       INTEGER,          -- task actually signalled: differs from chosen_pid when a child dies first (§7.3); NULL unless killed
    victim_container TEXT,             -- the victim's container; NULL if none or not in a container
    PRIMARY KEY (run_id, oom_no)
) STRICT, WITHOUT ROWID;

CREATE TABLE oom_candidates (
    run_id      INTEGER NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE, -- the run
    oom_no      INTEGER NOT NULL, -- the OOM invocation (oom_events.oom_no)
    round       INTEGER NOT NULL, -- 1 for the first selection of the invocation, 2... when a failed kill selects again
    pid         INTEGER NOT NULL, -- the task visited by select_bad_process
    name        TEXT NOT NULL,    -- its command name
    container   TEXT,             -- its container; NULL if not in a container
    points      INTEGER,          -- badness points (ULONG_MAX shown as 9223372036854775807); NULL when skipped
    total_vm    INTEGER NOT NULL, -- its mm's total_vm at selection time, pages
    rss         INTEGER NOT NULL, -- its resident pages at selection time
    eligible    INTEGER NOT NULL CHECK (eligible IN (0, 1)), -- 1 = scored and could be chosen; 0 = skipped
    skip_reason TEXT,             -- why it was not scored: no_mm, init, tif_memdie, pf_exiting, oom_disable (§7.2); NULL otherwise
    PRIMARY KEY (run_id, oom_no, round, pid)
) STRICT, WITHOUT ROWID;

CREATE TABLE tasks (
    run_id       INTEGER NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE, -- the run
    pid          INTEGER NOT NULL, -- simulated pid
    name         TEXT NOT NULL,    -- command name (from the scenario)
    container    TEXT,             -- its container; NULL if not in a container
    parent_pid   INTEGER,          -- parent's pid; NULL when the parent is not simulated
    uid          INTEGER NOT NULL, -- user id; 0 = root (badness / 4)
    nice         INTEGER NOT NULL, -- nice value, -20..19
    oom_adj      INTEGER NOT NULL, -- /proc/PID/oom_adj: -17 (OOM_DISABLE) or -16..15
    workload     TEXT NOT NULL,    -- workload kind, e.g. 'anon-grow'
    start_ms     INTEGER NOT NULL, -- start time, ms since the run start (negative: started before the run)
    exit_ms      INTEGER,          -- exit time, ms; NULL if alive at the end of the run
    oom_killed   INTEGER NOT NULL CHECK (oom_killed IN (0, 1)), -- 1 if an OOM killer killed it
    max_rss      INTEGER NOT NULL, -- peak resident pages
    total_vm     INTEGER NOT NULL, -- final total_vm, pages
    cpu_jiffies  INTEGER NOT NULL, -- CPU time used, jiffies (including cpu_s from the scenario)
    faults       INTEGER NOT NULL, -- page faults
    major_faults INTEGER NOT NULL, -- faults that needed I/O
    PRIMARY KEY (run_id, pid)
) STRICT, WITHOUT ROWID;

CREATE TABLE containers (
    run_id      INTEGER NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE, -- the run
    name        TEXT NOT NULL,    -- container name (from the scenario)
    limit_pages INTEGER NOT NULL, -- the limit, pages
    failcnt     INTEGER NOT NULL, -- charge attempts that failed (usage + 1 > limit, §8.2)
    max_usage   INTEGER NOT NULL, -- peak charged pages
    final_usage INTEGER NOT NULL, -- charged pages at the end of the run
    PRIMARY KEY (run_id, name)
) STRICT, WITHOUT ROWID;

CREATE TABLE zones (
    run_id        INTEGER NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE, -- the run
    name          TEXT NOT NULL,    -- zone name; the model has one zone, 'Normal'
    present_pages INTEGER NOT NULL, -- pages in the zone (machine.ram_pages)
    pages_min     INTEGER NOT NULL, -- pages_min watermark: min_free_kbytes / 4, min_free_kbytes = int_sqrt(ram_kbytes * 16) clamped to 128..65536
    pages_low     INTEGER NOT NULL, -- pages_low = pages_min * 5 / 4: kswapd is woken at or below it
    pages_high    INTEGER NOT NULL, -- pages_high = pages_min * 3 / 2: kswapd balances up to it
    PRIMARY KEY (run_id, name)
) STRICT, WITHOUT ROWID;

CREATE TABLE samples (
    run_id    INTEGER NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE, -- the run
    t_ms      INTEGER NOT NULL, -- simulated time of the sample, ms
    container TEXT,             -- the container; NULL = the whole machine
    usage     INTEGER NOT NULL, -- charged pages (container) or used pages, RAM - free (machine)
    active    INTEGER NOT NULL, -- pages on active lists
    inactive  INTEGER NOT NULL, -- pages on inactive lists
    dirty     INTEGER NOT NULL, -- dirty pages
    writeback INTEGER NOT NULL, -- pages under writeback
    swap_used INTEGER NOT NULL, -- swap slots in use (machine) or swap entries held by the container's tasks
    free      INTEGER NOT NULL  -- free pages (machine) or limit - usage (container)
) STRICT;

CREATE INDEX samples_by_time ON samples (run_id, t_ms);
