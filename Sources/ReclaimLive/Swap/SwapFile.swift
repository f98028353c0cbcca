import CTraceFS
import Foundation

/// A swap file the run adds because the host has too little swap: created, `mkswap`ed,
/// `swapon`ed; removed with `swapoff` and `unlink`. Only a file whose name carries the
/// `reclaimlab-` prefix is ever turned off.
public struct SwapFile: Sendable, Hashable {
    public var path: String

    public init(path: String) {
        precondition((path as NSString).lastPathComponent.hasPrefix(LiveNames.prefix), "live swap files carry the reclaimlab- prefix")
        self.path = path
    }

    /// Swap the host has now, pages (`/proc/swaps`: total - used over every device).
    public static func hostFreeSwapPages() -> Int {
        let text = (try? SysFile.read("/proc/swaps")) ?? ""
        var free = 0
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            let f = line.split(whereSeparator: \.isWhitespace)
            if f.count >= 4, let size = Int(f[2]), let used = Int(f[3]) { free += (size - used) / 4 }
        }
        return free
    }

    /// The swap areas active now (`/proc/swaps` first column).
    public static func activeAreas() -> [String] {
        let text = (try? SysFile.read("/proc/swaps")) ?? ""
        return text.split(whereSeparator: \.isNewline).dropFirst().compactMap { $0.split(whereSeparator: \.isWhitespace).first.map(String.init) }
    }

    /// Creates a file of `pages` (allocated with `fallocate`, not sparse: swapon refuses
    /// holes), runs `mkswap` and `swapon`.
    public static func create(path: String, pages: Int) throws -> SwapFile {
        let swap = SwapFile(path: path)
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw SysFile.failure(path, "create swap file") }
        let bytes = off_t(pages + 1) * 4096
        let allocated = posix_fallocate(fd, 0, bytes)
        close(fd)
        guard allocated == 0 else {
            unlink(path)
            throw LiveError.system(path: path, operation: "fallocate", detail: String(cString: strerror(allocated)))
        }
        do {
            try Self.runTool(["mkswap", path])
            guard swapon(path, 0) == 0 else { throw SysFile.failure(path, "swapon") }
        } catch {
            unlink(path)
            throw error
        }
        return swap
    }

    /// `swapoff` (if active) and `unlink`. True when the file is gone.
    @discardableResult
    public func remove() -> Bool {
        if Self.activeAreas().contains(path) { _ = swapoff(path) }
        if Self.activeAreas().contains(path) { return false }
        return unlink(path) == 0 || errno == ENOENT
    }

    static func runTool(_ arguments: [String]) throws {
        let process = Process()
        let candidates = ["/usr/sbin/", "/sbin/", "/usr/bin/", "/bin/"].map { $0 + arguments[0] }
        guard let tool = candidates.first(where: { access($0, X_OK) == 0 }) else {
            throw LiveError.unavailable("\(arguments[0]) not found (util-linux)")
        }
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = Array(arguments.dropFirst())
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw LiveError.system(path: arguments.last ?? "", operation: arguments[0], detail: "exit \(process.terminationStatus)")
        }
    }
}
