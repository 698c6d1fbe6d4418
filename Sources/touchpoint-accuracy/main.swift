import TouchpointCore
import TouchpointIdentity

ProcessLifecycle.install()
AccuracyCommand.run(CommandLine.arguments, io: .standard).terminateProcess()
