import Foundation

/// What a command left behind: its exit status and both output streams.
public struct CommandResult: Sendable, Hashable {
    public var status: Int32
    public var stdout: String
    public var stderr: String

    public init(status: Int32, stdout: String, stderr: String) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
    }
}

/// Runs executables for end-to-end tests.
public enum ProcessRunner {
    /// Runs `executable` in `dir`, feeding `stdin` (or an empty input), and captures both
    /// streams.
    ///
    /// stdout and stderr are drained concurrently (stderr on a thread of its own): read one
    /// after the other, a child that fills the other pipe's buffer (64 KiB) would block, and
    /// the test with it.
    public static func run(_ executable: URL, _ arguments: [String], in dir: URL, stdin: String? = nil) throws
        -> CommandResult
    {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = dir
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        let errorText = Drain(err.fileHandleForReading)
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = errorText.wait()
        process.waitUntilExit()
        return CommandResult(
            status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
            stderr: String(decoding: e, as: UTF8.self))
    }

    /// Reads a pipe to its end on a thread of its own.
    private final class Drain: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private var data = Data()

        init(_ handle: FileHandle) {
            let thread = Thread { [self] in
                data = handle.readDataToEndOfFile()
                done.signal()
            }
            thread.start()
        }

        /// The pipe's whole content, once its writer closed it.
        func wait() -> Data {
            done.wait()
            return data
        }
    }
}
