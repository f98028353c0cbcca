/// Identity of the simulated kernel model (`ReclaimModel`), part of every run key.
///
/// It lives in the dependency-free records target, not in the model, so that decoding a
/// scenario and computing its run key never link the 2.6.20 model: the live engine uses the
/// scenario layer and must not depend on the model (issue 15). Bump ``modelVersion`` in the
/// same commit as the model change it describes.
public enum ModelInfo {
    /// The only kernel model so far: Linux 2.6.20 with the March 2007 RSS-container patch.
    public static let kernel = "2.6.20-rss"
    /// Bumped whenever a change to the model can change recorded rows; part of the run key.
    ///
    /// `/3`: Zipf sampling computes with `PortableMath` instead of the platform's libm, so a
    /// run's rows are the same on every platform (issue 17 §5); the example scenarios record
    /// the same rows as under `/2` on Linux, but `/2` rows from different platforms may differ.
    /// `/4`: block requests with merging, congestion_wait woken by write completions,
    /// writeback in 1024-page chunks, dirty_exceeded, read-around and swap readahead,
    /// scan_swap_map clusters, victims finishing uninterruptible waits (issue 13); badness()
    /// factors and oom_events.call_no recorded (issue 12 §3).
    ///
    /// `/5`: every scan pass records the kinds of the pages it isolated
    /// (`scan_passes.anon_scanned`/`file_scanned`, issue 15).
    ///
    /// `/6`: file workloads default to read(2)/write(2) (`access:`): unmapped, uncharged
    /// page cache touched by `mark_page_accessed`, read(2) readahead; `machine.kernel_pages`
    /// out of free memory and `mem_map` out of `vm_total_pages`; the swap token; shared file
    /// mappings (`_mapcount`, a pte per mm, first-toucher charge) (issue 14).
    ///
    /// `/7`: anonymous pages shared copy-on-write after fork: per-pte young/dirty/write bits,
    /// `do_wp_page` reuse or copy, rmap over every mm of the anon_vma; a swap-in by a read
    /// maps the page write-protected, so a later write takes a minor fault (issue 14 §3).
    public static let modelVersion = "2.6.20-rss/7"
}
