import Foundation
import TouchpointGenerator

exit(GeneratorCommand.run(CommandLine.arguments))
