-- m0005_oom_reports: OOM-killer reports of real kernels (`reclaimlab import-oom`), each
-- task table scored with the modern oom_badness (spec §9) and replayed through 2.6.20's
-- badness()/select_bad_process (spec §7).
--
-- Conventions:
--   * *_kb columns are KiB as the kernel printed them; task-table sizes are pages (the
--     kernel prints "memory values in pages") except pgtables_bytes (bytes).
--   * A column the report does not print (older kernels, cgroup v2, a global OOM) is NULL.
--   * Booleans are INTEGER 0/1.
--   * These tables do not belong to any run: a report comes from a log, not a simulation.
--   * report_key identifies a report across files and capture tools: SHA-256 of the
--     report's recognised lines without timestamps and log prefixes (the source name does
--     not count), so importing the same report twice, or once from dmesg and once from
--     journalctl -k, stores it once.

CREATE TABLE oom_reports (
    report_id              INTEGER PRIMARY KEY,  -- identifier of the report in this database (not stable across databases; report_key is)
    report_key             TEXT NOT NULL UNIQUE, -- SHA-256 (hex) of the report's lines without timestamps: its stable identity
    source                 TEXT NOT NULL,        -- file it was first imported from, as given on the command line; '(stdin)' for -
    first_line             INTEGER NOT NULL,     -- 1-based line of its 'invoked oom-killer' line in source
    last_line              INTEGER NOT NULL,     -- 1-based line of its 'Killed process' line in source
    uptime_us              INTEGER,              -- monotonic timestamp of the first line, µs since boot (dmesg, journalctl -o short-monotonic); NULL if not printed
    logged_at              TEXT,                 -- wall-clock timestamp of the first line as printed (dmesg -T, journalctl -k); not normalised, syslog forms have no year; NULL if not printed
    kernel_version         TEXT,                 -- kernel release from the 'CPU: ... Comm: ...' line, e.g. '6.18.44-fc-v595'
    trigger_comm           TEXT NOT NULL,        -- command name of the task whose allocation invoked the OOM killer
    trigger_pid            INTEGER,              -- its pid (from the 'CPU:' line)
    gfp_mask               INTEGER,              -- the allocation's GFP mask (the hex value as an integer)
    gfp_flags              TEXT,                 -- the mask's flag names as printed, e.g. 'GFP_KERNEL'
    alloc_order            INTEGER,              -- allocation order, log2 pages
    trigger_oom_score_adj  INTEGER,              -- the allocating task's oom_score_adj, -1000..1000
    oom_constraint         TEXT,                 -- 'constraint=' of the oom-kill: line, e.g. 'CONSTRAINT_MEMCG'; NULL on kernels without that line
    scope                  TEXT NOT NULL
                           CHECK (scope IN ('memcg', 'global', 'cpuset', 'mempolicy')), -- memcg: memory-cgroup limit; global: the machine (CONSTRAINT_NONE)
    memcg                  TEXT,                 -- path of the memcg over its limit (oom_memcg=, else 'Memory cgroup stats for'); NULL for a global OOM
    task_memcg             TEXT,                 -- memcg path of the killed task (task_memcg=)
    mem_usage_kb           INTEGER,              -- 'memory:' usage, KiB
    mem_limit_kb           INTEGER,              -- 'memory:' limit, KiB
    mem_failcnt            INTEGER,              -- 'memory:' failcnt, charges refused
    memsw_usage_kb         INTEGER,              -- 'memory+swap:' usage, KiB (cgroup v1)
    memsw_limit_kb         INTEGER,              -- 'memory+swap:' limit, KiB (cgroup v1)
    memsw_failcnt          INTEGER,              -- 'memory+swap:' failcnt (cgroup v1)
    swap_usage_kb          INTEGER,              -- 'swap:' usage, KiB (cgroup v2)
    swap_limit_kb          INTEGER,              -- 'swap:' limit, KiB (cgroup v2)
    kmem_usage_kb          INTEGER,              -- 'kmem:' usage, KiB (cgroup v1)
    kmem_limit_kb          INTEGER,              -- 'kmem:' limit, KiB (cgroup v1)
    memcg_stats            TEXT CHECK (memcg_stats IS NULL OR json_valid(memcg_stats)), -- 'Memory cgroup stats' as a JSON object {name: value} in printed order (bytes or counts, as printed); NULL if not printed
    ram_pages              INTEGER,              -- 'N pages RAM' of a global OOM's show_mem, pages
    total_swap_kb          INTEGER,              -- 'Total swap = NkB' of a global OOM's show_mem, KiB
    page_size              INTEGER NOT NULL,     -- bytes per page: the killed task's total-vm kB / its table total_vm when a whole 4/8/16/64 KiB, else 4096
    total_pages            INTEGER,              -- totalpages of the modern heuristic, pages; NULL if the report does not show it
    total_pages_basis      TEXT NOT NULL
                           CHECK (total_pages_basis IN ('memcg_limit_plus_swap', 'memcg_limit_no_swap_assumed', 'ram_plus_swap', 'unknown')), -- memcg_limit_no_swap_assumed: memcg limit alone (memcg reports never show the swap total)
    killed_pid             INTEGER NOT NULL,     -- pid in the 'Killed process' line: the kernel's victim
    killed_comm            TEXT NOT NULL,        -- its command name
    killed_uid             INTEGER,              -- its UID as printed
    killed_total_vm_kb     INTEGER,              -- its total-vm, KiB
    killed_anon_rss_kb     INTEGER,              -- its anon-rss, KiB
    killed_file_rss_kb     INTEGER,              -- its file-rss, KiB
    killed_shmem_rss_kb    INTEGER,              -- its shmem-rss, KiB
    killed_pgtables_kb     INTEGER,              -- its page tables, KiB
    killed_oom_score_adj   INTEGER,              -- its oom_score_adj as printed
    modern_victim_pid      INTEGER,              -- pid (table row) the modern selection picks; NULL if nothing eligible or points unknown
    modern_victim_points   INTEGER,              -- its oom_badness points (may be negative)
    legacy_victim_pid      INTEGER,              -- pid (table row) 2.6.20's select_bad_process would pick; NULL if nothing eligible
    legacy_victim_points   INTEGER,              -- its 2.6.20 badness() points
    imported_at            TEXT NOT NULL,        -- wall-clock import time, ISO-8601 UTC (provenance only)
    tool_version           TEXT NOT NULL         -- reclaimlab version that imported it
) STRICT;

CREATE TABLE oom_report_tasks (
    report_id          INTEGER NOT NULL REFERENCES oom_reports (report_id) ON DELETE CASCADE, -- the report
    row_no             INTEGER NOT NULL, -- 1-based position in the task table: the order the kernel visited processes (ties depend on it)
    pid                INTEGER NOT NULL, -- pid column (the process's first thread with an mm)
    uid                INTEGER,          -- uid column
    tgid               INTEGER,          -- tgid column: the process
    total_vm           INTEGER NOT NULL, -- total_vm, pages
    rss                INTEGER NOT NULL, -- rss, pages (anon + file + shmem)
    rss_anon           INTEGER,          -- rss_anon, pages
    rss_file           INTEGER,          -- rss_file, pages
    rss_shmem          INTEGER,          -- rss_shmem, pages
    pgtables_bytes     INTEGER,          -- pgtables_bytes, bytes (kernels printing nr_ptes/nr_pmds: their sum * page_size)
    swapents           INTEGER,          -- swapents, pages
    oom_score_adj      INTEGER,          -- oom_score_adj, -1000..1000
    name               TEXT NOT NULL,    -- command name
    kernel_killed      INTEGER NOT NULL CHECK (kernel_killed IN (0, 1)),   -- 1 for the process the kernel killed
    modern_eligible    INTEGER NOT NULL CHECK (modern_eligible IN (0, 1)), -- 0 when oom_badness returns LONG_MIN
    modern_skip_reason TEXT,             -- why excluded: oom_score_adj_min (-1000) or unkillable (pid 1); NULL when eligible
    modern_points      INTEGER,          -- rss + swapents + pgtables_bytes/page_size + oom_score_adj * (total_pages / 1000); NULL when excluded or unknown
    modern_chosen      INTEGER NOT NULL CHECK (modern_chosen IN (0, 1)),   -- 1 for the modern selection's pick (ties go to the later row)
    legacy_oom_adj     INTEGER NOT NULL, -- oom_adj from oom_score_adj as fs/proc/base.c oom_adj_read maps it (x * 17 / 1000 toward zero, 1000 -> 15, capped at 15)
    legacy_eligible    INTEGER NOT NULL CHECK (legacy_eligible IN (0, 1)), -- 0 when 2.6.20 skips it
    legacy_skip_reason TEXT,             -- why skipped: init (pid 1) or oom_disable (legacy_oom_adj -17); NULL when eligible
    legacy_points      INTEGER,          -- 2.6.20 badness(): total_vm, root /4, oom_adj shift (no CPU, age, nice or children terms: unknown); NULL when skipped
    legacy_chosen      INTEGER NOT NULL CHECK (legacy_chosen IN (0, 1)),   -- 1 for 2.6.20's pick (strict >: ties keep the earlier row)
    PRIMARY KEY (report_id, row_no)
) STRICT, WITHOUT ROWID;
