import TouchpointCore
import TouchpointIdentity

ProcessLifecycle.install()
ResolveIdentityCommand.run(CommandLine.arguments, io: .standard).terminateProcess()
