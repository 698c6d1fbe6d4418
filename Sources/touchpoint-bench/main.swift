import TouchpointBench
import TouchpointCore

ProcessLifecycle.install()
BenchCommand.run(CommandLine.arguments, io: .standard).terminateProcess()
