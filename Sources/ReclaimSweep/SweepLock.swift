import Foundation

/// A value guarded by a lock, shared by a sweep's worker threads and its writer queue.
///
/// `Value: Sendable`, as swift-format's `ThreadSafeBox` and ArgumentParser's `Mutex`
/// require: a value handed in or out of the lock may be used on another thread.
/// (`Synchronization.Mutex` would do, but needs macOS 15; the package supports macOS 13.)
final class SweepLock<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    /// Runs `body` with exclusive access to the value.
    func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
