import TouchpointCore
import TouchpointTesting

ProcessLifecycle.install()
SessionTimeoutCommand.run(CommandLine.arguments, io: .standard).terminateProcess()
