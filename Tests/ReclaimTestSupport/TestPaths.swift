import Foundation

/// Paths every test target needs.
public enum TestPaths {
    /// The package's root directory (where `Package.swift` is), found from this file's path.
    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // ReclaimTestSupport
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()
}
