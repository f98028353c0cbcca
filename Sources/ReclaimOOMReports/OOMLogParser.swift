/// Finds the OOM-killer reports in a kernel log and parses them (no I/O: text in, values out).
///
/// Accepts what `dmesg`, `dmesg -T`, `dmesg -x`, `dmesg -r`, `journalctl -k` (short,
/// short-precise, short-iso, short-monotonic) and syslog's `kern.log` print — one or many
/// reports per log, with or without timestamps (see ``LogLine``), interleaved with any
/// other lines, which are ignored.
///
/// A report runs from its `COMM invoked oom-killer:` line to its `Killed process PID (COMM)`
/// line. In between, the parser reads the `CPU: ... PID: ... Comm: ...` line (trigger pid,
/// kernel release), the memcg counters (`memory:`, `memory+swap:`, `swap:`, `kmem:`), the
/// `Memory cgroup stats for PATH:` block, `show_mem`'s `N pages RAM` and `Total swap = NkB`,
/// the task table (columns found by name from its `[  pid  ]` header, so the 2.6.3x, 4.x
/// and 5.x/6.x layouts all parse) and the `oom-kill:constraint=...` line.
///
/// A report is skipped with an ``OOMReportWarning`` naming the line when it is cut off (the
/// log ends, or the next report starts, before its kill line), when its kill line comes
/// without its start, when a task-table row, the kill line or the table header is cut
/// part-way, when two reports' pieces run together (a counter, the table header or its
/// title twice), when it has no task table, or when the killed process is not in its table.
public enum OOMLogParser {
    /// Parses a whole log.
    /// - Parameter source: the name warnings and reports carry (a file name or `(stdin)`).
    /// - Complexity: O(length of `text`).
    public static func parse(_ text: String, source: String) -> OOMLogParse {
        parse(lines: text.logLines, source: source)
    }

    /// Parses a log given as lines (without their newlines), numbered from 1.
    public static func parse(lines: some Sequence<Substring>, source: String) -> OOMLogParse {
        var reports: [OOMReport] = []
        var warnings: [OOMReportWarning] = []
        var open: ReportBuilder?
        var lastNumber = 0
        for (offset, raw) in lines.enumerated() {
            let number = offset + 1
            lastNumber = number
            let line = LogLine(raw)
            let message = line.message
            if let trigger = ReportBuilder.trigger(message) {
                if let previous = open {
                    warnings.append(OOMReportWarning(
                        source: source, line: number, reportStart: previous.firstLine,
                        reason: "cut off: the next report starts here before its 'Killed process' line"))
                }
                open = ReportBuilder(firstLine: number, timestamp: line.timestamp, trigger: trigger, message: message)
                continue
            }
            guard var builder = open else {
                if message.contains(bytes: Marker.killedProcess) {
                    warnings.append(OOMReportWarning(
                        source: source, line: number, reportStart: nil,
                        reason: "its start is missing: a 'Killed process' line without an 'invoked oom-killer' line before it"))
                }
                continue
            }
            if let killed = builder.read(message, line: number) {
                open = nil
                switch builder.finish(killed: killed, line: number, source: source) {
                case .success(let report): reports.append(report)
                case .failure(let warning): warnings.append(warning)
                }
            } else {
                open = builder
            }
        }
        if let builder = open {
            warnings.append(OOMReportWarning(
                source: source, line: lastNumber, reportStart: builder.firstLine,
                reason: "cut off: the log ends at line \(lastNumber) before its 'Killed process' line"))
        }
        return OOMLogParse(reports: reports, warnings: warnings)
    }
}

/// The report being read.
struct ReportBuilder {
    enum Phase {
        case main
        /// After `Memory cgroup stats for PATH:`: `name value` lines are stats.
        case stats
        /// After the table header: `[ pid] ...` lines are rows.
        case tasks
    }

    let firstLine: Int
    let timestamp: LogTimestamp
    var trigger: Trigger
    var kernelVersion: String?
    var constraint: String?
    var oomMemcg: String?
    var statsPath: String?
    var taskMemcg: String?
    var counters: [String: MemcgCounter] = [:]
    var stats: [MemcgStat] = []
    var ramPages: Int?
    var totalSwapKB: Int?
    var sawTasksTitle = false
    var columns: TableLayout?
    var tasks: [OOMReportTask] = []
    var lines: [String]
    var phase = Phase.main
    /// The first line that makes the report unusable, and why.
    var damage: (line: Int, reason: String)?

    init(firstLine: Int, timestamp: LogTimestamp, trigger: Trigger, message: Substring) {
        self.firstLine = firstLine
        self.timestamp = timestamp
        self.trigger = trigger
        self.lines = [String(message)]
    }

    mutating func damage(_ line: Int, _ reason: String) {
        if damage == nil { damage = (line, reason) }
    }

    // MARK: - Reading lines

    /// Reads one line of the open report; returns the kill when it is the kill line.
    mutating func read(_ m: Substring, line: Int) -> KilledProcess? {
        if m.contains(bytes: Marker.killedProcess) {
            lines.append(String(m))
            guard let killed = Self.killed(m) else {
                damage(line, "its 'Killed process' line is cut off or unreadable")
                return KilledProcess(pid: -1, comm: "", memcgOOM: false)
            }
            return killed
        }
        if phase == .tasks, Self.isRow(m) {
            lines.append(String(m))
            guard let columns, let row = Self.row(m, columns: columns) else {
                damage(line, "task-table row cut off or unreadable")
                return nil
            }
            tasks.append(row)
            return nil
        }
        if m.hasPrefix(bytes: Marker.cpu), m.contains(bytes: Marker.pid), m.contains(bytes: Marker.comm) {
            // Only the first one: the trigger's own stack dump.
            if trigger.pid == nil && kernelVersion == nil {
                lines.append(String(m))
                trigger.pid = Self.integer(after: Marker.pid, in: m)
                kernelVersion = Self.kernelVersion(m)
            }
            return nil
        }
        for (name, prefix) in Marker.counters where m.hasPrefix(bytes: prefix) {
            lines.append(String(m))
            guard let counter = Self.counter(m.dropFirst(name.count + 2)) else {
                damage(line, "its '\(name):' line is cut off or unreadable")
                return nil
            }
            if counters[name] != nil { damage(line, "a second '\(name):' line (two reports run together)") }
            counters[name] = counter
            return nil
        }
        if m.hasPrefix(bytes: Marker.statsFor) {
            lines.append(String(m))
            let body = m.dropFirst("Memory cgroup stats for ".count)
            // Older kernels print one such line per descendant; the first is the OOMing memcg.
            guard statsPath == nil else { return nil }
            if let colon = body.lastIndex(of: ":"), body[body.index(after: colon)...].allSatisfy({ $0 == " " }) {
                statsPath = String(body[..<colon])
                phase = .stats
            } else if let colon = body.firstIndex(of: ":") {
                // 3.x/4.x: `PATH: cache:0KB rss:1234KB ...` on one line.
                statsPath = String(body[..<colon])
                for item in body[body.index(after: colon)...].split(separator: " ") {
                    let parts = item.split(separator: ":")
                    if parts.count == 2, let value = Int64(parts[1].hasSuffix("KB") ? parts[1].dropLast(2) : parts[1]) {
                        stats.append(MemcgStat(name: String(parts[0]), value: parts[1].hasSuffix("KB") ? value * 1024 : value))
                    }
                }
            }
            return nil
        }
        if m.hasPrefix(bytes: Marker.tasksState) {
            lines.append(String(m))
            if sawTasksTitle || columns != nil { damage(line, "a second task table (two reports run together)") }
            sawTasksTitle = true
            phase = .main
            return nil
        }
        if let header = Self.header(m) {
            lines.append(String(m))
            if columns != nil { damage(line, "a second task-table header (two reports run together)") }
            if let missing = ["pid", "total_vm", "rss", "name"].first(where: { !header.contains($0) }) ?? (header.last == "name" ? nil : "name at its end") {
                damage(line, "task-table header cut off or unknown (no '\(missing)' column)")
            }
            columns = TableLayout(header)
            phase = .tasks
            return nil
        }
        if m.hasPrefix(bytes: Marker.oomKill) {
            lines.append(String(m))
            for item in m.dropFirst("oom-kill:".count).split(separator: ",") {
                guard let eq = item.firstIndex(of: "=") else { continue }
                let value = String(item[item.index(after: eq)...])
                switch item[..<eq] {
                case "constraint": constraint = value
                case "oom_memcg": oomMemcg = value
                case "task_memcg": taskMemcg = value
                default: break
                }
            }
            return nil
        }
        if m.hasSuffix(bytes: Marker.pagesRAM), let pages = Int(m.dropLast(" pages RAM".count)) {
            lines.append(String(m))
            ramPages = pages
            return nil
        }
        if m.hasPrefix(bytes: Marker.totalSwap), m.hasSuffix("kB"), let kb = Int(m.dropFirst("Total swap = ".count).dropLast(2)) {
            lines.append(String(m))
            totalSwapKB = kb
            return nil
        }
        if phase == .stats, let stat = Self.stat(m) {
            lines.append(String(m))
            stats.append(stat)
        }
        return nil
    }

    /// The report, or why it is skipped.
    func finish(killed: KilledProcess, line: Int, source: String) -> Result<OOMReport, OOMReportWarning> {
        func skip(_ at: Int, _ reason: String) -> Result<OOMReport, OOMReportWarning> {
            .failure(OOMReportWarning(source: source, line: at, reportStart: firstLine, reason: reason))
        }
        if let damage { return skip(damage.line, damage.reason) }
        guard columns != nil else {
            return skip(line, "no task table before its 'Killed process' line (lines lost?)")
        }
        guard !tasks.isEmpty else {
            return skip(line, "its task table has no rows before its 'Killed process' line (lines lost?)")
        }
        let report = OOMReport(
            source: source, firstLine: firstLine, lastLine: line, timestamp: timestamp,
            kernelVersion: kernelVersion, trigger: trigger, constraint: constraint,
            memcg: oomMemcg ?? statsPath, taskMemcg: taskMemcg, memory: counters["memory"],
            memorySwap: counters["memory+swap"], swap: counters["swap"], kmem: counters["kmem"],
            memcgStats: stats, ramPages: ramPages, totalSwapKB: totalSwapKB, tasks: tasks,
            killed: killed, lines: lines)
        guard report.killedIndex != nil else {
            return skip(line, "the killed process \(killed.pid) is not in its task table (rows lost?)")
        }
        return .success(report)
    }

    // MARK: - Line formats

    /// `COMM invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0`.
    static func trigger(_ m: Substring) -> Trigger? {
        guard let range = m.range(ofBytes: Marker.invoked) else { return nil }
        var trigger = Trigger(comm: String(m[..<range.lowerBound]))
        for item in m[range.upperBound...].split(separator: ",") {
            let item = item.drop { $0 == " " }
            guard let eq = item.firstIndex(of: "=") else { continue }
            let value = item[item.index(after: eq)...]
            switch item[..<eq] {
            case "gfp_mask":
                let hex = value.prefix { $0 != "(" }
                trigger.gfpMask = Int64(hex.hasPrefix("0x") ? hex.dropFirst(2) : hex, radix: 16)
                if let open = value.firstIndex(of: "("), let close = value.lastIndex(of: ")"), open < close {
                    trigger.gfpFlags = String(value[value.index(after: open)..<close])
                }
            case "order": trigger.order = Int(value)
            case "oom_score_adj": trigger.oomScoreAdj = Int(value)
            default: break
            }
        }
        return trigger
    }

    /// The release after `Not tainted ` or after `Tainted: FLAGS `: the first word that
    /// starts with a digit.
    static func kernelVersion(_ m: Substring) -> String? {
        let rest: Substring
        if let r = m.range(ofBytes: Marker.notTainted) {
            rest = m[r.upperBound...]
        } else if let r = m.range(ofBytes: Marker.tainted) {
            rest = m[r.upperBound...]
        } else {
            return nil
        }
        return rest.split(separator: " ").first { $0.first?.isASCIIDigit == true }.map(String.init)
    }

    /// The integer right after `label` (e.g. `PID: 7461`).
    static func integer(after label: [UInt8], in m: Substring) -> Int? {
        guard let r = m.range(ofBytes: label) else { return nil }
        return Int(m[r.upperBound...].prefix { $0.isASCIIDigit })
    }

    /// `usage 65536kB, limit 65536kB, failcnt 74`.
    static func counter(_ body: Substring) -> MemcgCounter? {
        var usage: Int64?
        var limit: Int64?
        var failcnt: Int64?
        for item in body.split(separator: ",") {
            let words = item.split(separator: " ")
            guard words.count == 2 else { return nil }
            switch words[0] {
            case "usage": usage = kilobytes(words[1])
            case "limit": limit = kilobytes(words[1])
            case "failcnt": failcnt = Int64(words[1])
            default: break
            }
        }
        guard let usage, let limit else { return nil }
        return MemcgCounter(usageKB: usage, limitKB: limit, failcnt: failcnt)
    }

    /// `65536kB` -> 65536; nil without the `kB`.
    static func kilobytes(_ word: Substring) -> Int64? {
        word.hasSuffix("kB") ? Int64(word.dropLast(2)) : nil
    }

    /// `name value` with a lower-case identifier and an integer.
    static func stat(_ m: Substring) -> MemcgStat? {
        let bytes = m.utf8
        guard let first = bytes.first, first >= UInt8(ascii: "a") && first <= UInt8(ascii: "z"),
            let space = bytes.firstIndex(of: UInt8(ascii: " "))
        else { return nil }
        for b in bytes[..<space] {
            guard (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "_") else { return nil }
        }
        guard let value = Int64(m[bytes.index(after: space)...]) else { return nil }
        return MemcgStat(name: String(m[..<space]), value: value)
    }

    /// The column names of a task-table header (`[  pid  ]   uid  tgid total_vm ... name`).
    static func header(_ m: Substring) -> [String]? {
        guard m.firstByte == UInt8(ascii: "["), let close = m.utf8.firstIndex(of: UInt8(ascii: "]")) else { return nil }
        guard m[m.index(after: m.startIndex)..<close].split(separator: " ") == ["pid"] else { return nil }
        return ["pid"] + m[m.index(after: close)...].split(separator: " ").map(String.init)
    }

    /// `[   7460] ...`: a row's shape (a bracketed pid), whether or not it is whole.
    static func isRow(_ m: Substring) -> Bool {
        guard m.firstByte == UInt8(ascii: "["), let close = m.utf8.firstIndex(of: UInt8(ascii: "]")) else { return false }
        let inner = m[m.index(after: m.startIndex)..<close].drop { $0 == " " }
        return !inner.isEmpty && inner.allSatisfy(\.isASCIIDigit)
    }

    /// One row by the header's columns; nil when fields are missing or not numbers.
    static func row(_ m: Substring, columns layout: TableLayout) -> OOMReportTask? {
        guard layout.isUsable else { return nil }
        let bytes = m.utf8
        var i = bytes.startIndex
        let end = bytes.endIndex
        // "[", blanks, the pid, "]".
        guard i < end, bytes[i] == UInt8(ascii: "[") else { return nil }
        i = bytes.index(after: i)
        var values = [Int](repeating: 0, count: layout.numericCount + 1)
        var field = 0
        var inBracket = true
        while field <= layout.numericCount {
            while i < end && (bytes[i] == UInt8(ascii: " ")) { i = bytes.index(after: i) }
            var negative = false
            if i < end && bytes[i] == UInt8(ascii: "-") {
                negative = true
                i = bytes.index(after: i)
            }
            var value = 0
            var digits = 0
            while i < end, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") {
                let (product, o1) = value.multipliedReportingOverflow(by: 10)
                let (sum, o2) = product.addingReportingOverflow(Int(bytes[i] - UInt8(ascii: "0")))
                guard !o1, !o2 else { return nil }
                value = sum
                digits += 1
                i = bytes.index(after: i)
            }
            guard digits > 0 else { return nil }
            if inBracket {
                guard i < end, bytes[i] == UInt8(ascii: "]"), !negative else { return nil }
                i = bytes.index(after: i)
                inBracket = false
            }
            // A number ends at a blank (the name follows the last one).
            guard i < end, bytes[i] == UInt8(ascii: " ") else { return nil }
            values[field] = negative ? -value : value
            field += 1
        }
        while i < end && bytes[i] == UInt8(ascii: " ") { i = bytes.index(after: i) }
        guard i < end else { return nil }
        let name = String(m[i...])
        func value(_ slot: Int?) -> Int? { slot.map { values[$0] } }
        let pgtablesPages = layout.pgtablesBytes == nil ? layout.nrPtes.map { values[$0] + (value(layout.nrPmds) ?? 0) } : nil
        return OOMReportTask(
            pid: values[0], uid: value(layout.uid), tgid: value(layout.tgid), totalVM: values[layout.totalVM!],
            rss: values[layout.rss!], rssAnon: value(layout.rssAnon), rssFile: value(layout.rssFile),
            rssShmem: value(layout.rssShmem), pgtablesBytes: value(layout.pgtablesBytes),
            swapents: value(layout.swapents), oomScoreAdj: value(layout.oomScoreAdj), name: name,
            pgtablesPages: pgtablesPages)
    }

    static let kilobyteFields: Set<Substring> = ["total-vm", "anon-rss", "file-rss", "shmem-rss", "pgtables", "vsz"]

    /// `... Killed process 7460 (python3) total-vm:47304kB, anon-rss:37504kB, file-rss:6624kB,
    /// shmem-rss:0kB, UID:0 pgtables:140kB oom_score_adj:0`; nil when cut off (a field
    /// without its value or unit).
    static func killed(_ m: Substring) -> KilledProcess? {
        guard let r = m.range(ofBytes: Marker.killedProcess) else { return nil }
        let memcgOOM = m[..<r.lowerBound].contains(bytes: Marker.memoryCgroup)
        var rest = m[r.upperBound...]
        let pidText = rest.prefix { $0.isASCIIDigit }
        guard let pid = Int(pidText) else { return nil }
        rest = rest[pidText.endIndex...]
        guard rest.hasPrefix(" (") else { return nil }
        rest = rest.dropFirst(2)
        // The comm ends at the ')' that ends the line or precedes the fields.
        let close = rest.range(ofBytes: Marker.closeParenSpace)?.lowerBound ?? (rest.hasSuffix(")") ? rest.index(before: rest.endIndex) : nil)
        guard let close else { return nil }
        var killed = KilledProcess(pid: pid, comm: String(rest[..<close]), memcgOOM: memcgOOM)
        let fields = rest[rest.index(after: close)...]
        var lastKey: Substring = ""
        for token in fields.split(whereSeparator: { $0 == " " || $0 == "," }) {
            guard let colon = token.firstIndex(of: ":") else { return nil }
            let key = token[..<colon]
            var value = token[token.index(after: colon)...]
            if kilobyteFields.contains(key) {
                guard value.hasSuffix("kB") else { return nil }
                value = value.dropLast(2)
            }
            guard let number = Int64(value) else { return nil }
            lastKey = key
            switch key {
            case "total-vm", "vsz": killed.totalVMKB = number
            case "anon-rss": killed.anonRSSKB = number
            case "file-rss": killed.fileRSSKB = number
            case "shmem-rss": killed.shmemRSSKB = number
            case "UID": killed.uid = Int(number)
            case "pgtables": killed.pgtablesKB = number
            case "oom_score_adj": killed.oomScoreAdj = Int(number)
            default: break
            }
        }
        // Whole lines end after file-rss (2.6.3x-4.4), shmem-rss (4.5+), UID (5.1+) or
        // oom_score_adj (5.10+), never on a separator.
        guard killed.totalVMKB != nil, completeLastFields.contains(lastKey), fields.last != "," else { return nil }
        return killed
    }

    /// The fields a whole kill line ends with, by kernel generation.
    static let completeLastFields: Set<Substring> = ["file-rss", "shmem-rss", "UID", "oom_score_adj"]
}

/// Where each known column sits in a task-table row: slot 0 is the pid, slots 1... the
/// numbers between it and the name; unknown numeric columns (`cpu`, `oom_adj`, ...) are
/// read and ignored.
struct TableLayout {
    var numericCount = 0
    var uid: Int?
    var tgid: Int?
    var totalVM: Int?
    var rss: Int?
    var rssAnon: Int?
    var rssFile: Int?
    var rssShmem: Int?
    var pgtablesBytes: Int?
    var nrPtes: Int?
    var nrPmds: Int?
    var swapents: Int?
    var oomScoreAdj: Int?
    /// Starts with `pid`, ends with `name`, has `total_vm` and `rss`.
    var isUsable = false

    init(_ columns: [String]) {
        guard columns.first == "pid", columns.last == "name" else { return }
        let numeric = columns.dropFirst().dropLast()
        numericCount = numeric.count
        for (offset, column) in numeric.enumerated() {
            let slot = offset + 1
            switch column {
            case "uid": uid = slot
            case "tgid": tgid = slot
            case "total_vm": totalVM = slot
            case "rss": rss = slot
            case "rss_anon": rssAnon = slot
            case "rss_file": rssFile = slot
            case "rss_shmem": rssShmem = slot
            case "pgtables_bytes": pgtablesBytes = slot
            case "nr_ptes": nrPtes = slot
            case "nr_pmds": nrPmds = slot
            case "swapents": swapents = slot
            case "oom_score_adj": oomScoreAdj = slot
            default: break
            }
        }
        isUsable = totalVM != nil && rss != nil
    }
}
