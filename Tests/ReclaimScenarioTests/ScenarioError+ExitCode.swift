import ReclaimScenario

@testable import ReclaimCLI

extension ScenarioError {
    /// The exit code the command line gives this error (``ExitCodes/scenarioCode(_:)``),
    /// so these tests pin the mapping the user sees.
    var exitCode: Int32 { ExitCodes.scenarioCode(self) }
}
