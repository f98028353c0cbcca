import Foundation

/// Debian's `chromium` run headless, as the report test and the README's screenshot use it:
///
///     chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
///         --user-data-dir=TMP --window-size=1280,2000 --screenshot=OUT.png file:///…/report.html
///     chromium --headless --no-sandbox --disable-gpu --user-data-dir=TMP --dump-dom file:///…/report.html
///
/// (`--no-sandbox`: CI runs as root; a fresh `--user-data-dir` per call lets calls run side by side.)
struct HeadlessChromium {
    let executable: String

    /// The browser, or nil where none is installed (`RECLAIMLAB_CHROMIUM` overrides the search).
    static let installed: HeadlessChromium? = {
        var candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        if let override = ProcessInfo.processInfo.environment["RECLAIMLAB_CHROMIUM"] { candidates.insert(override, at: 0) }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }.map(HeadlessChromium.init)
    }()

    static let windowSize = (width: 1280, height: 2000)

    /// The DOM after loading `file` (as serialised by the browser).
    func dumpDOM(_ file: String) throws -> String {
        String(decoding: try run(["--dump-dom", URL(fileURLWithPath: file).absoluteString]), as: UTF8.self)
    }

    /// A PNG screenshot of `file` at ``windowSize``.
    func screenshot(_ file: String, to png: String) throws -> Data {
        _ = try run([
            "--hide-scrollbars", "--window-size=\(Self.windowSize.width),\(Self.windowSize.height)", "--screenshot=\(png)",
            URL(fileURLWithPath: file).absoluteString,
        ])
        return try Data(contentsOf: URL(fileURLWithPath: png))
    }

    /// Runs the browser headless with `arguments`; its stdout. Fails after 60 s.
    func run(_ arguments: [String]) throws -> Data {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("reclaimlab-chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(profile.path)"] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Read while it runs, so a large DOM cannot fill the pipe and stall the browser.
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw FixtureError(message: "\(executable) \(arguments.joined(separator: " ")) exited \(process.terminationStatus)")
        }
        return data
    }
}

/// The parts of a PNG file a test can check without decoding pixels: the size from IHDR
/// and the compressed image data (IDAT chunks). A page of one colour deflates to almost
/// nothing, so the IDAT size of a screenshot against that of a blank page of the same size
/// tells a drawn page from a blank one.
struct PNGSummary {
    var width: Int
    var height: Int
    var idatBytes: Int

    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    init(_ data: Data) throws {
        let bytes = [UInt8](data)
        guard bytes.count > 33, Array(bytes[0..<8]) == Self.signature else { throw FixtureError(message: "not a PNG file") }
        func u32(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        var offset = 8
        var width = 0
        var height = 0
        var idat = 0
        while offset + 8 <= bytes.count {
            let length = u32(offset)
            let type = String(decoding: bytes[offset + 4..<offset + 8], as: UTF8.self)
            if type == "IHDR" {
                width = u32(offset + 8)
                height = u32(offset + 12)
            } else if type == "IDAT" {
                idat += length
            } else if type == "IEND" {
                break
            }
            offset += 12 + length  // length, type, data, CRC
        }
        self.width = width
        self.height = height
        self.idatBytes = idat
    }
}
