import TouchpointCore
import TouchpointNormalize

ProcessLifecycle.install()
NormalizeCommand.run(CommandLine.arguments, io: .standard).terminateProcess()
