import CreatorMatchCLI
import CreatorMatchSupport
import Foundation

// The executable is a thin shell: everything testable lives in CreatorMatchCLI.
AllocatorTuning.apply()
let code = CreatorMatchCLI.run(Array(CommandLine.arguments.dropFirst()), context: .standard())
exit(code)
