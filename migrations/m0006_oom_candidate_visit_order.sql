-- m0006_oom_candidate_visit_order: oom_candidates.visit_no, the place of each candidate in
-- select_bad_process's walk of the task list. The task list is in creation order (spec
-- §7.2; model 2.6.20-rss/2), which pids do not give, and the walk order decides ties (the
-- first task visited keeps the choice) and where a "busy" answer stopped the walk.
--
-- The table is rebuilt (rename the old one, create, copy, drop the old one) so that the new
-- column sits beside round and carries its comment like every other column. Rows of earlier
-- runs keep NULL: their order was not recorded.

ALTER TABLE oom_candidates RENAME TO oom_candidates_before_m0006;

CREATE TABLE oom_candidates (
    run_id      INTEGER NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE, -- the run
    oom_no      INTEGER NOT NULL, -- the OOM invocation (oom_events.oom_no)
    round       INTEGER NOT NULL, -- 1 for the first selection of the invocation, 2... when a failed kill selects again
    visit_no    INTEGER,          -- 1, 2, ...: order in which select_bad_process visited the task within the round (task-list = creation order, §7.2); NULL for runs recorded before m0006
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

INSERT INTO oom_candidates (run_id, oom_no, round, pid, name, container, points, total_vm, rss, eligible, skip_reason)
SELECT run_id, oom_no, round, pid, name, container, points, total_vm, rss, eligible, skip_reason
FROM oom_candidates_before_m0006;

DROP TABLE oom_candidates_before_m0006;
