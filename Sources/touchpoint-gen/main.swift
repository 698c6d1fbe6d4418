#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import TouchpointGenerator

exit(GeneratorCommand.run(CommandLine.arguments))
