import Foundation

/// SIGINT, SIGTERM and SIGHUP during a live run: recorded, so the runner stops its workers
/// and removes everything before it exits (75).
public enum LiveSignals {
    nonisolated(unsafe) static var received: Int32 = 0
    /// The actions found at ``install()``, put back by ``uninstall()``.
    nonisolated(unsafe) static var previous: [Int32: sigaction] = [:]

    /// Installs the handlers (they only store the signal number) and unblocks the signals,
    /// which a parent may have left blocked in the inherited mask.
    public static func install() {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&set, signal) }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        for signal in [SIGINT, SIGTERM, SIGHUP] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { LiveSignals.received = $0 }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            var old = sigaction()
            sigaction(signal, &action, &old)
            previous[signal] = old
        }
    }

    /// Restores the actions found at ``install()``.
    public static func uninstall() {
        for (signal, old) in previous {
            var old = old
            sigaction(signal, &old, nil)
        }
        previous.removeAll()
    }

    /// The signal received since the last `reset`, if any.
    public static var pending: Int32? { received == 0 ? nil : received }

    public static func reset() { received = 0 }
}
