import Foundation

/// Where commands write: results and data to `output`, diagnostics and progress to `error`
/// (style habit 10). Tests inject a capturing console; the binary uses stdout/stderr.
public struct Console: Sendable {
    public let write: @Sendable (String) -> Void
    public let writeError: @Sendable (String) -> Void

    public init(write: @escaping @Sendable (String) -> Void, writeError: @escaping @Sendable (String) -> Void) {
        self.write = write
        self.writeError = writeError
    }

    /// A line to standard output.
    public func output(_ line: String) { write(line + "\n") }
    /// A line to standard error.
    public func error(_ line: String) { writeError(line + "\n") }

    /// The process's stdout and stderr.
    public static let standard = Console(
        write: { FileHandle.standardOutput.write(Data($0.utf8)) },
        writeError: { FileHandle.standardError.write(Data($0.utf8)) })

    /// The console of the command being run.
    @TaskLocal public static var current: Console = .standard
}
