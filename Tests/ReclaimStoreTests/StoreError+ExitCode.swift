import ReclaimStore

@testable import ReclaimCLI

extension StoreError {
    /// The exit code the command line gives this error (``ExitCodes/storeCode(_:)``),
    /// so these tests pin the mapping the user sees.
    var exitCode: Int32 { ExitCodes.storeCode(self) }
}
