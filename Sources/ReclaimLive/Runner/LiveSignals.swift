import Foundation

/// SIGINT, SIGTERM and SIGHUP during a live run: recorded, so the runner stops its workers
/// and removes everything before it reports ``LiveError/interrupted(signal:)``.
///
/// Whatever handled the signals before (a sweep's Ctrl-C handler) gets them back at the end,
/// and the signal that interrupted the run is delivered to it again.
public enum LiveSignals {
    static let signals = [SIGINT, SIGTERM, SIGHUP]
    nonisolated(unsafe) static var received: Int32 = 0
    /// The actions and signal mask found at ``install()``, put back by ``uninstall()``.
    nonisolated(unsafe) static var previous: [Int32: sigaction] = [:]
    nonisolated(unsafe) static var previousMask = sigset_t()

    /// Installs the handlers (they only store the signal number) and unblocks the signals,
    /// which a parent may have left blocked in the inherited mask.
    public static func install() {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in signals { sigaddset(&set, signal) }
        pthread_sigmask(SIG_UNBLOCK, &set, &previousMask)
        for signal in signals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { LiveSignals.received = $0 }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            var old = sigaction()
            sigaction(signal, &action, &old)
            previous[signal] = old
        }
    }

    /// Restores the actions and mask found at ``install()``; a signal received meanwhile is
    /// raised again when something other than the default action was waiting for it (the
    /// default would kill the process before it reports the interrupted run).
    public static func uninstall() {
        let caught = pending
        for (signal, old) in previous {
            var old = old
            sigaction(signal, &old, nil)
        }
        var mask = previousMask
        pthread_sigmask(SIG_SETMASK, &mask, nil)
        if let caught, let old = previous[caught], !isDefault(old) {
            raise(caught)
        }
        previous.removeAll()
    }

    /// Whether `action` is `SIG_DFL` (a null handler).
    static func isDefault(_ action: sigaction) -> Bool {
        guard let handler = action.__sigaction_handler.sa_handler else { return true }
        return unsafeBitCast(handler, to: Int.self) == 0
    }

    /// The signal received since the last `reset`, if any.
    public static var pending: Int32? { received == 0 ? nil : received }

    public static func reset() { received = 0 }
}
