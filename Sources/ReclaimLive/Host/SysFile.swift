import Foundation

/// Small, exact reads and writes of kernel interface files (cgroupfs, tracefs, procfs).
///
/// Writes use one `write(2)` of the whole value, as the kernel expects; errors carry the
/// path and `strerror(errno)`.
public enum SysFile {
    /// The file's content, or throws ``LiveError/system(path:operation:detail:)``.
    public static func read(_ path: String) throws -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw failure(path, "read") }
        defer { close(fd) }
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw failure(path, "read")
            }
            if n == 0 { break }
            data.append(contentsOf: buffer[0..<n])
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// The file's content trimmed, as an integer.
    public static func readInt(_ path: String) throws -> Int64 {
        let text = try read(path).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let value = Int64(text) else {
            throw LiveError.system(path: path, operation: "read", detail: "not a number: \(text.prefix(40))")
        }
        return value
    }

    /// Writes `value` with one `write(2)`; `append` opens with `O_APPEND` (e.g. a pid list).
    public static func write(_ path: String, _ value: String, append: Bool = false) throws {
        let fd = open(path, O_WRONLY | O_CLOEXEC | (append ? O_APPEND : O_TRUNC))
        guard fd >= 0 else { throw failure(path, "write '\(value)' to") }
        defer { close(fd) }
        let bytes = Array(value.utf8)
        let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        guard n == bytes.count else { throw failure(path, "write '\(value)' to") }
    }

    /// Whether `path` exists.
    public static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    static func failure(_ path: String, _ operation: String) -> LiveError {
        .system(path: path, operation: operation, detail: String(cString: strerror(errno)))
    }
}
