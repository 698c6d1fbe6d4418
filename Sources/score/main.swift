import TouchpointCore
import TouchpointScore

ProcessLifecycle.install()
ScoreCommand.run(CommandLine.arguments, io: .standard).terminateProcess()
