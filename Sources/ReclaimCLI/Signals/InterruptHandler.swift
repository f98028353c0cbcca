import Dispatch
import Foundation

/// Catches SIGINT (Ctrl-C) while a long command runs, instead of dying at once.
///
/// The signal is ignored at the process level and delivered to a dispatch source (the
/// way swift-driver and SwiftPM handle it), so `onInterrupt` runs on a queue, not in a
/// signal handler, and may lock, print and exit. ``uninstall()`` restores the default
/// action.
final class InterruptHandler {
    private let source: any DispatchSourceSignal
    private let count = InterruptCount()

    /// Starts catching SIGINT; `onInterrupt` gets 1 for the first Ctrl-C, 2 for the second, ...
    init(onInterrupt: @escaping @Sendable (Int) -> Void) {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        let count = count
        source.setEventHandler { onInterrupt(count.next()) }
        source.resume()
    }

    /// Stops catching SIGINT: the default action (terminate) applies again.
    func uninstall() {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}

/// A counter shared with the signal source's handler.
private final class InterruptCount: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}
