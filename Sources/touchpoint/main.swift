import TouchpointCore
import TouchpointSupervisor

SupervisorSignals.install()
TouchpointCommand.run(CommandLine.arguments, io: .standard).terminateProcess()
