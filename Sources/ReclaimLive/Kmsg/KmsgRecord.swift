/// One record of `/dev/kmsg` (Documentation/ABI/testing/dev-kmsg):
/// `PRIORITY,SEQUENCE,TIMESTAMP_US,FLAGS[,...];MESSAGE`, then optional ` KEY=VALUE` lines.
public struct KmsgRecord: Sendable, Hashable {
    /// Syslog priority and facility (`facility << 3 | level`).
    public var priority: Int
    public var sequence: UInt64
    /// Microseconds since boot on the kernel's log clock (`local_clock`).
    public var microseconds: Int64
    public var message: String

    public init(priority: Int, sequence: UInt64, microseconds: Int64, message: String) {
        self.priority = priority
        self.sequence = sequence
        self.microseconds = microseconds
        self.message = message
    }

    /// Parses one record as `read(2)` returns it; nil for anything else.
    public init?(_ text: Substring) {
        guard let semicolon = text.firstIndex(of: ";") else { return nil }
        let header = text[..<semicolon].split(separator: ",")
        guard header.count >= 3, let priority = Int(header[0]), let sequence = UInt64(header[1]),
            let microseconds = Int64(header[2])
        else { return nil }
        var message = text[text.index(after: semicolon)...]
        if let newline = message.firstIndex(of: "\n") { message = message[..<newline] }
        self.init(priority: priority, sequence: sequence, microseconds: microseconds, message: String(message))
    }

    /// The record as `dmesg` prints it (`[  393.962944] message`), the form the OOM log
    /// parser reads.
    public var dmesgLine: String {
        let seconds = microseconds / 1_000_000
        let micros = microseconds % 1_000_000
        let fraction = String(micros)
        let padded = String(repeating: "0", count: 6 - fraction.count) + fraction
        let secondsText = String(seconds)
        let pad = String(repeating: " ", count: max(0, 5 - secondsText.count))
        return "[\(pad)\(secondsText).\(padded)] \(message)"
    }
}
