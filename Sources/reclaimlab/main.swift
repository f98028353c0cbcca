import Foundation
import ReclaimCLI

exit(ReclaimLab.main(arguments: Array(CommandLine.arguments.dropFirst()), console: .standard))
