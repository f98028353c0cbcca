import Foundation

/// One live run per machine: an exclusive `flock` on ``LiveNames/lockPath``, released by
/// the kernel when the holder exits, however it dies.
public final class LiveLock: @unchecked Sendable {
    private let fd: Int32

    /// Takes the lock or throws ``LiveError/unavailable(_:)`` naming the holder.
    public init(path: String = LiveNames.lockPath) throws {
        mkdir((path as NSString).deletingLastPathComponent, 0o755)
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw SysFile.failure(path, "open lock") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? SysFile.read(path))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "?"
            close(fd)
            throw LiveError.unavailable("another live run (pid \(holder)) is in progress; one live run at a time per machine")
        }
        ftruncate(fd, 0)
        let pid = Array("\(getpid())\n".utf8)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
