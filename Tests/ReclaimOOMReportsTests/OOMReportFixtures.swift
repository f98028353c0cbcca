import Foundation
import ReclaimTestSupport

@testable import ReclaimOOMReports

/// The shared kernel-oom fixtures and ways to re-print them as other tools would.
enum OOMReportFixtures {
    /// `Tests/Fixtures/kernel-oom` inside the repository.
    static let directory = TestPaths.packageRoot.appendingPathComponent("Tests/Fixtures/kernel-oom")

    /// Every `*.log` fixture: (file name, text), sorted by name.
    static func logs() throws -> [(name: String, text: String)] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".log") }.sorted()
        return try names.map { ($0, try String(contentsOf: directory.appendingPathComponent($0), encoding: .utf8)) }
    }

    static func log(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    /// The fixture's lines (dmesg format: `[  393.962944] message`), without a trailing empty line.
    static func lines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// Splits a dmesg line into its uptime (seconds, µs) and message.
    static func split(_ line: String) -> (seconds: Int, micros: Int, message: String)? {
        guard line.hasPrefix("["), let close = line.firstIndex(of: "]") else { return nil }
        let stamp = line[line.index(after: line.startIndex)..<close].trimmingCharacters(in: .whitespaces)
        let parts = stamp.split(separator: ".")
        guard parts.count == 2, let s = Int(parts[0]), let us = Int(parts[1]) else { return nil }
        var message = line[line.index(after: close)...]
        if message.first == " " { message = message.dropFirst() }
        return (s, us, String(message))
    }

    /// How capture tools print a line, given the dmesg form.
    enum Format: String, CaseIterable, Sendable {
        case dmesg, bare, dmesgT, dmesgX, dmesgRaw, caller, journal, journalPrecise, journalISO
        case journalMonotonic, kernLog, crlf

        func render(_ line: String) -> String {
            guard let (s, us, message) = OOMReportFixtures.split(line) else { return line }
            // A fixed boot time: Sat Nov 28 2026 04:00:00 plus the uptime.
            let t = 4 * 3600 + s
            let clock = String(format: "%02d:%02d:%02d", t / 3600 % 24, t / 60 % 60, t % 60)
            switch self {
            case .dmesg: return line
            case .bare: return message
            case .dmesgT: return "[Sat Nov 28 \(clock) 2026] \(message)"
            case .dmesgX: return "kern  :warn  : \(line)"
            case .dmesgRaw: return "<4>\(line)"
            case .caller: return "[\(String(format: "%5d.%06d", s, us))] [ T7461] \(message)"
            case .journal: return "Nov 28 \(clock) lab-host kernel: \(message)"
            case .journalPrecise: return "Nov 28 \(clock).\(String(format: "%06d", us)) lab-host kernel: \(message)"
            case .journalISO: return "2026-11-28T\(clock)+0000 lab-host kernel: \(message)"
            case .journalMonotonic: return "[\(String(format: "%5d.%06d", s, us))] lab-host kernel: \(message)"
            case .kernLog: return "Nov 28 \(clock) lab-host kernel: \(line)"
            case .crlf: return line + "\r"
            }
        }
    }

    static func render(_ text: String, as format: Format) -> String {
        lines(text).map(format.render).joined(separator: "\n") + "\n"
    }

    /// Unrelated kernel lines, as dmesg prints them, including the reaper's line that
    /// follows a kill and look-alikes of report lines.
    static let noise = [
        "[  390.000001] e1000e 0000:00:19.0 eth0: NIC Link is Up 1000 Mbps Full Duplex",
        "[  390.000002] audit: type=1400 audit(1700000000.123:42): apparmor=\"DENIED\" operation=\"open\"",
        "[  390.000003] oom_reaper: reaped process 7460 (python3), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB",
        "[  390.000004] EXT4-fs (sda1): mounted filesystem with ordered data mode. Quota mode: none.",
        "[  390.000005] systemd[1]: Started session-4.scope - Session 4 of User root.",
        "[  390.000006] usb 1-1: new high-speed USB device number 2 using xhci_hcd",
        "[  390.000007] CPU: 0 PID: 1 at kernel/fork.c:123 copy_process+0x1/0x2",
        "[  390.000008] memory pressure notice: usage high",
        "[  390.000009] ",
        "random text without a timestamp",
        "[  390.000010] Killed processes are not always logged this way",
    ]
}

/// `SplitMix64` (as in swift-argument-parser's `roll` example): seeded, reproducible.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
