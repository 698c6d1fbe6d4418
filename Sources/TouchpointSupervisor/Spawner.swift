import Glibc
import TouchpointCore

/// Starts a chain of processes connected by pipes, with posix_spawn and an argv array: never a shell.
///
/// Child N's stdout is child N+1's stdin; the first child reads `input`, the last writes to `output`; every child's
/// stderr is its own pipe, so the supervisor can relay whole lines (two writers on one pipe interleave lines over
/// 4 KiB). Every descriptor the supervisor opens is close-on-exec from birth, and each child also closes every
/// inherited descriptor above 2, so no child holds another's write end: a leaked write end is a stage that never
/// sees end of input.
package enum Spawner {
    /// Where the last child's stdout goes.
    package enum Output: Equatable, Sendable {
        /// Straight into this descriptor (touchpoint's stdout, an `--output` file): no copying.
        case descriptor(Int32)
        /// Into a pipe the caller reads (`SpawnedChain.capturedOutput`).
        case capture
    }

    /// Starts `specs` in order. With `usesOwnProcessGroup` the children share a new process group, so a terminal's
    /// Ctrl-C reaches only the supervisor, which then stops the chain from its head and lets the rest drain.
    ///
    /// On failure nothing is left behind: children already started are stopped and reaped.
    package static func startChain(
        _ specs: [ProcessSpec], input: Int32, output: Output, usesOwnProcessGroup: Bool
    ) throws(StageFailure) -> SpawnedChain {
        precondition(!specs.isEmpty, "a chain has at least one process")
        for spec in specs where access(spec.executablePath, X_OK) != 0 {
            throw StageFailure("\(spec.executablePath): \(String(cString: strerror(errno)))")
        }
        var descriptors = DescriptorSet()
        defer { descriptors.closeAll() }
        var stderrPipes: [(read: Int32, write: Int32)] = []
        var dataPipes: [(read: Int32, write: Int32)] = []
        var capturePipe: (read: Int32, write: Int32)?
        for index in specs.indices {
            stderrPipes.append(try descriptors.makePipe())
            if index < specs.count - 1 { dataPipes.append(try descriptors.makePipe()) }
        }
        if output == .capture { capturePipe = try descriptors.makePipe() }

        var children: [SpawnedChild] = []
        var processGroup: pid_t = 0
        for (index, spec) in specs.enumerated() {
            let standardInput = index == 0 ? input : dataPipes[index - 1].read
            let standardOutput: Int32
            if index < specs.count - 1 {
                standardOutput = dataPipes[index].write
            } else if let capturePipe {
                standardOutput = capturePipe.write
            } else if case .descriptor(let descriptor) = output {
                standardOutput = descriptor
            } else {
                preconditionFailure("output is either a descriptor or captured")
            }
            let pid: pid_t
            do {
                pid = try spawn(
                    spec, standardInput: standardInput, standardOutput: standardOutput,
                    standardError: stderrPipes[index].write, processGroup: usesOwnProcessGroup ? processGroup : nil)
            } catch {
                abandon(children)
                throw error
            }
            if index == 0 { processGroup = pid }
            descriptors.keep(stderrPipes[index].read)
            children.append(SpawnedChild(spec: spec, pid: pid, standardError: stderrPipes[index].read))
        }
        if let capturePipe { descriptors.keep(capturePipe.read) }
        return SpawnedChain(
            children: children, capturedOutput: capturePipe?.read,
            processGroup: usesOwnProcessGroup ? processGroup : nil)
    }

    /// Spawns one child; `processGroup` 0 makes it the leader of a new group, nil leaves it in ours.
    private static func spawn(
        _ spec: ProcessSpec, standardInput: Int32, standardOutput: Int32, standardError: Int32, processGroup: pid_t?
    ) throws(StageFailure) -> pid_t {
        var request = ProcessSpawn.Request(
            executablePath: spec.executablePath, arguments: spec.arguments, standardInput: standardInput,
            standardOutput: standardOutput, standardError: standardError)
        request.workingDirectory = spec.workingDirectory
        // SIGUSR1 starts blocked (and a stage's stop and reload signals too, `ProcessSpec.isStage`): one sent
        // before the stage has installed its handler must wait for it (the stage unblocks it), not kill the stage.
        request.blockedSignals = [SIGUSR1] + (spec.isStage ? [SIGTERM, SIGINT, SIGHUP] : [])
        request.processGroup = processGroup
        do {
            return try ProcessSpawn.spawn(request)
        } catch {
            throw StageFailure("\(spec.label): \(error.message)")
        }
    }

    /// Stops and reaps children started before a later spawn failed.
    private static func abandon(_ children: [SpawnedChild]) {
        for child in children {
            kill(child.pid, SIGTERM)
            close(child.standardError)
        }
        for child in children {
            var status: Int32 = 0
            while waitpid(child.pid, &status, 0) < 0 && errno == EINTR {}
        }
    }
}

/// A started chain: its children in order, and the read end of the captured output if any.
package struct SpawnedChain {
    package let children: [SpawnedChild]
    /// The last child's stdout, when `Spawner.Output.capture` was asked for; the caller closes it.
    package let capturedOutput: Int32?
    /// The children's process group, when they have their own.
    package let processGroup: pid_t?
}

/// One started child: its pid (not yet reaped) and the read end of its stderr pipe (the caller closes it).
package struct SpawnedChild {
    package let spec: ProcessSpec
    package let pid: pid_t
    package let standardError: Int32
}

/// The descriptors `startChain` opened, closed on the way out except those handed to the caller.
private struct DescriptorSet {
    private var open: [Int32] = []

    mutating func makePipe() throws(StageFailure) -> (read: Int32, write: Int32) {
        guard let pipe = GlibcExtensions.makePipe() else {
            throw StageFailure("cannot create a pipe: \(String(cString: strerror(errno)))")
        }
        open += [pipe.read, pipe.write]
        return pipe
    }

    /// Hands `descriptor` to the caller: it stays open.
    mutating func keep(_ descriptor: Int32) { open.removeAll { $0 == descriptor } }

    mutating func closeAll() {
        for descriptor in open { close(descriptor) }
        open = []
    }
}
