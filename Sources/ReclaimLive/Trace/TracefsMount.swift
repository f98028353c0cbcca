import Foundation

/// Where tracefs is, mounting it at `/sys/kernel/tracing` when nothing is mounted there.
public enum TracefsMount {
    public static let defaultPath = "/sys/kernel/tracing"

    /// The tracefs mount point in `/proc/mounts`, if any.
    public static func mounted(mounts: String? = try? SysFile.read("/proc/mounts")) -> String? {
        guard let mounts else { return nil }
        for line in mounts.split(whereSeparator: \.isNewline) {
            let fields = line.split(separator: " ")
            if fields.count >= 3 && fields[2] == "tracefs" { return String(fields[1]) }
        }
        return nil
    }

    /// Mounts tracefs at ``defaultPath``; the caller records that it did, to unmount it.
    public static func mount() throws {
        guard Glibc.mount("nodev", defaultPath, "tracefs", 0, nil) == 0 else {
            throw LiveError.unavailable("tracefs is not mounted and mounting it at \(defaultPath) failed: \(String(cString: strerror(errno)))")
        }
    }

    /// Unmounts the tracefs this tool mounted; false when it is busy (left mounted).
    @discardableResult
    public static func unmount() -> Bool {
        umount2(defaultPath, 0) == 0 || errno == EINVAL
    }
}
