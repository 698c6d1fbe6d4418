import TouchpointAlert
import TouchpointCore

ProcessLifecycle.install()
AlertCommand.run(CommandLine.arguments, io: .standard).terminateProcess()
