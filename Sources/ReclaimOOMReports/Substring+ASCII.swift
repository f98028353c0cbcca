/// Fast searches over a line's UTF-8 bytes (the parser's hot path: every line of a log
/// is tested for the report markers; `firstRange(of:)` walks Characters and is ~10x slower).
extension Substring {
    /// The range of the first occurrence of `pattern`, comparing UTF-8 bytes.
    ///
    /// - Complexity: O(count * pattern count) worst case; one pass in practice.
    func range(ofBytes pattern: [UInt8]) -> Range<Index>? {
        guard let first = pattern.first else { return startIndex..<startIndex }
        let search = { (bytes: UnsafeBufferPointer<UInt8>) -> Int? in
            let n = bytes.count
            let m = pattern.count
            guard n >= m else { return nil }
            var i = 0
            while i <= n - m {
                if bytes[i] == first {
                    var j = 1
                    while j < m && bytes[i + j] == pattern[j] { j += 1 }
                    if j == m { return i }
                }
                i += 1
            }
            return nil
        }
        let found: Int?
        if let fast = utf8.withContiguousStorageIfAvailable(search) {
            found = fast
        } else {
            found = Array(utf8).withUnsafeBufferPointer(search)
        }
        guard let offset = found else { return nil }
        let lower = utf8.index(utf8.startIndex, offsetBy: offset)
        return lower..<utf8.index(lower, offsetBy: pattern.count)
    }

    /// Whether `pattern` occurs, comparing UTF-8 bytes.
    func contains(bytes pattern: [UInt8]) -> Bool { range(ofBytes: pattern) != nil }

    /// Whether the line starts with `pattern`, comparing UTF-8 bytes.
    func hasPrefix(bytes pattern: [UInt8]) -> Bool {
        var i = utf8.startIndex
        for b in pattern {
            guard i < utf8.endIndex, utf8[i] == b else { return false }
            i = utf8.index(after: i)
        }
        return true
    }

    /// Whether the line ends with `pattern`, comparing UTF-8 bytes.
    func hasSuffix(bytes pattern: [UInt8]) -> Bool {
        var i = utf8.endIndex
        for b in pattern.reversed() {
            guard i > utf8.startIndex else { return false }
            i = utf8.index(before: i)
            guard utf8[i] == b else { return false }
        }
        return true
    }

    /// The first UTF-8 byte, if any.
    var firstByte: UInt8? { utf8.first }
}

/// The byte patterns the parser looks for.
enum Marker {
    static let invoked = Array(" invoked oom-killer:".utf8)
    static let killedProcess = Array("Killed process ".utf8)
    static let pid = Array("PID: ".utf8)
    static let comm = Array("Comm: ".utf8)
    static let notTainted = Array("Not tainted ".utf8)
    static let tainted = Array("Tainted: ".utf8)
    static let memoryCgroup = Array("Memory cgroup".utf8)
    static let closeParenSpace = Array(") ".utf8)
    static let cpu = Array("CPU: ".utf8)
    static let counters: [(name: String, prefix: [UInt8])] = ["memory", "memory+swap", "swap", "kmem"].map { ($0, Array("\($0): usage ".utf8)) }
    static let statsFor = Array("Memory cgroup stats for ".utf8)
    static let tasksState = Array("Tasks state (memory values in pages)".utf8)
    static let oomKill = Array("oom-kill:".utf8)
    static let pagesRAM = Array(" pages RAM".utf8)
    static let totalSwap = Array("Total swap = ".utf8)
}

extension String {
    /// The lines of `self` split at LF and CRLF, without their terminators (numbered from 1
    /// as an editor numbers them: a final newline adds no empty line), by bytes
    /// (`split(separator:)` walks Characters, and "\r\n" is one Character).
    var logLines: [Substring] {
        var lines: [Substring] = []
        let bytes = utf8
        var start = bytes.startIndex
        var i = start
        while i < bytes.endIndex {
            if bytes[i] == UInt8(ascii: "\n") {
                var end = i
                if end > start, bytes[bytes.index(before: end)] == UInt8(ascii: "\r") { end = bytes.index(before: end) }
                lines.append(self[start..<end])
                start = bytes.index(after: i)
            }
            i = bytes.index(after: i)
        }
        // A final newline ends the last line; it does not start another.
        if start < bytes.endIndex { lines.append(self[start..<bytes.endIndex]) }
        return lines
    }
}
