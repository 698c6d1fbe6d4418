import TouchpointCore
import TouchpointAlert

ProcessLifecycle.install()
AlertCommand.run(CommandLine.arguments, io: .standard).terminateProcess()
