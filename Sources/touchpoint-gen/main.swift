import TouchpointCore
import TouchpointGenerator

ProcessLifecycle.install()
(ExitStatus(rawValue: GeneratorCommand.run(CommandLine.arguments)) ?? .failure).terminateProcess()
