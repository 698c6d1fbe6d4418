import TouchpointCore
import TouchpointIngest

ProcessLifecycle.install()
IngestCommand.run(CommandLine.arguments, io: .standard).terminateProcess()
