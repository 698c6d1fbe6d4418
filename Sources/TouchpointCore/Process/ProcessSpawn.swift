import Glibc

/// Starts a program with `posix_spawn` and an argv array, never a shell: the one way Touchpoint starts a process
/// (the supervisor's stages, alert's `--exec` command).
///
/// The child gets the three descriptors given as its stdin, stdout and stderr and no other: every descriptor above
/// 2 is closed in it, whoever opened it (ours are close-on-exec from birth anyway), so a child never holds a pipe end
/// or a state lock of ours. Every signal Touchpoint handles or ignores starts at its default in the child (a
/// stage's ignored SIGPIPE would otherwise be inherited), and only `blockedSignals` start blocked.
package enum ProcessSpawn {
    /// What to start, and how.
    package struct Request {
        /// An absolute path, or one relative to this process's directory; never looked up on `PATH` here
        /// (`ExecutableSearch` does that, once, before).
        package var executablePath: String
        /// The full argv, argv[0] included.
        package var arguments: [String]
        /// Variables set (or replaced) in the child's environment, which is otherwise this process's.
        package var environment: [(name: String, value: String)] = []
        /// The child's working directory; nil keeps ours.
        package var workingDirectory: String?
        package var standardInput: Int32
        package var standardOutput: Int32
        package var standardError: Int32
        package var blockedSignals: [Int32] = []
        /// 0 makes the child the leader of a new process group (so a timeout can stop it and what it started);
        /// another pid puts it in that group; nil leaves it in ours.
        package var processGroup: pid_t?
        /// How long to wait for a program that is still open for writing (ETXTBSY) before failing.
        package var busyProgramWaitMilliseconds = 100

        package init(
            executablePath: String, arguments: [String], standardInput: Int32, standardOutput: Int32,
            standardError: Int32
        ) {
            self.executablePath = executablePath
            self.arguments = arguments
            self.standardInput = standardInput
            self.standardOutput = standardOutput
            self.standardError = standardError
        }
    }

    /// The signals a child starts with at their default disposition.
    private static let defaultedSignals = [SIGPIPE, SIGTERM, SIGINT, SIGHUP, SIGCHLD, SIGUSR1]

    /// Starts the child; returns its pid (the caller reaps it). The message of a failure names the program.
    package static func spawn(_ request: Request) throws(StageFailure) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }

        posix_spawn_file_actions_adddup2(&actions, request.standardInput, STDIN_FILENO)
        posix_spawn_file_actions_adddup2(&actions, request.standardOutput, STDOUT_FILENO)
        posix_spawn_file_actions_adddup2(&actions, request.standardError, STDERR_FILENO)
        _ = GlibcExtensions.addCloseFrom(&actions, 3)
        if let directory = request.workingDirectory, !GlibcExtensions.addChangeDirectory(&actions, directory) {
            throw StageFailure("this C library cannot start a child in another directory (glibc 2.29 or later needed)")
        }

        var startMask = sigset_t()
        sigemptyset(&startMask)
        for signal in request.blockedSignals { sigaddset(&startMask, signal) }
        posix_spawnattr_setsigmask(&attributes, &startMask)
        var defaultSet = sigset_t()
        sigemptyset(&defaultSet)
        for signal in defaultedSignals { sigaddset(&defaultSet, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaultSet)
        var flags = Int32(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
        if let processGroup = request.processGroup {
            flags |= Int32(POSIX_SPAWN_SETPGROUP)
            posix_spawnattr_setpgroup(&attributes, processGroup)
        }
        posix_spawnattr_setflags(&attributes, Int16(flags))

        let argv: [UnsafeMutablePointer<CChar>?] = request.arguments.map { strdup($0) } + [nil]
        defer { for argument in argv { free(argument) } }
        let added: [UnsafeMutablePointer<CChar>?] = request.environment.map { strdup("\($0.name)=\($0.value)") }
        defer { for variable in added { free(variable) } }
        let envp = inheritedEnvironment(without: request.environment.map(\.name)) + added + [nil]
        var pid: pid_t = 0
        var result = posix_spawn(&pid, request.executablePath, &actions, &attributes, argv, envp)
        // ETXTBSY: the program is still open for writing somewhere. A file just written (a binary replaced by a
        // deploy, a test's stand-in script) stays open in any child another thread forked meanwhile, until that
        // child execs; it clears within milliseconds, so a short wait, not a failed stage.
        var waited = 0
        while result == ETXTBSY && waited < request.busyProgramWaitMilliseconds {
            usleep(2_000)
            waited += 2
            result = posix_spawn(&pid, request.executablePath, &actions, &attributes, argv, envp)
        }
        guard result == 0 else {
            throw StageFailure("cannot start \(request.executablePath): \(String(cString: strerror(result)))")
        }
        return pid
    }

    /// This process's environment, less the variables the request sets (so each appears once).
    private static func inheritedEnvironment(without names: [String]) -> [UnsafeMutablePointer<CChar>?] {
        var variables: [UnsafeMutablePointer<CChar>?] = []
        let start: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = environ
        guard var cursor = start else { return variables }
        let prefixes = names.map { $0 + "=" }
        while let variable = cursor.pointee {
            let isReplaced = prefixes.contains { strncmp(variable, $0, $0.utf8.count) == 0 }
            if !isReplaced { variables.append(variable) }
            cursor += 1
        }
        return variables
    }

    /// Waits for `pid` to end and decodes how; `.unknown` when it was not ours to reap.
    package static func reap(_ pid: pid_t) -> ChildTermination {
        var status: Int32 = 0
        while true {
            if waitpid(pid, &status, 0) == pid { return ChildTermination(waitStatus: status) }
            if errno != EINTR { return .unknown }
        }
    }
}
