/// One child to start: which binary, with what arguments, where, and the label its stderr lines carry.
///
/// `PipelineFile` steps become these through `PipelineFile.processSpecs(binaryDirectory:workingDirectory:)`; tests
/// build them directly with any executable (`/bin/cat`), which the command line never allows.
package struct ProcessSpec: Equatable, Sendable {
    /// Short name for messages and the `[label]` stderr prefix: the stage name, made unique by position when a
    /// pipeline names a stage twice (`score#4`).
    package let label: String
    /// An absolute path; never looked up on `PATH`.
    package let executablePath: String
    /// The full argv, argv[0] included.
    package let arguments: [String]
    /// The child's working directory; relative paths in its arguments resolve against it.
    package let workingDirectory: String
    /// Whether the child is a Touchpoint stage, which installs its signal handlers first thing and then unblocks
    /// the signals (`ProcessLifecycle`): it starts with SIGTERM, SIGINT, SIGHUP and SIGUSR1 blocked, so one sent
    /// in its first milliseconds waits for the handler instead of killing it by the default action. Any other child
    /// starts with only SIGUSR1 blocked.
    package let isStage: Bool

    package init(
        label: String, executablePath: String, arguments: [String], workingDirectory: String, isStage: Bool = false
    ) {
        self.label = label
        self.executablePath = executablePath
        self.arguments = arguments
        self.workingDirectory = workingDirectory
        self.isStage = isStage
    }
}

extension PipelineFile {
    /// The children that run this pipeline: binaries from `binaryDirectory`, all started in `workingDirectory`.
    package func processSpecs(binaryDirectory: String, workingDirectory: String) -> [ProcessSpec] {
        let repeatedNames = Set(
            steps.map(\.stage.rawValue).filter { name in steps.count { $0.stage.rawValue == name } > 1 })
        return steps.enumerated().map { offset, step in
            let name = step.stage.rawValue
            return ProcessSpec(
                label: repeatedNames.contains(name) ? "\(name)#\(offset + 1)" : name,
                executablePath: binaryDirectory + "/" + name,
                arguments: [name] + step.arguments,
                workingDirectory: workingDirectory, isStage: true)
        }
    }
}
