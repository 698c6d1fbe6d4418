import Glibc
import TouchpointCore
import TouchpointJSON
import TouchpointReport

/// `touchpoint run PIPELINE` and `touchpoint demo`: the supervisor's command line, from arguments to exit status.
///
/// The supervisor is not an NDJSON stage and does not link the stage libraries: it starts the sibling executables
/// as processes, exactly as a shell pipeline would, minus the shell.
package enum TouchpointCommand {
    package static let spec = CommandSpec(
        name: "touchpoint",
        summary: "run a pipeline of Touchpoint stages as supervised processes",
        usage: [
            "touchpoint run PIPELINE [--output FILE] [--bin DIR] [--restarts N] [--restart-delay SECONDS]",
            "      [--stop-timeout SECONDS] [--status-dir DIR] [--metrics-listen HOST:PORT [--metrics-listen-public]]",
            "      [--log-format text|json]",
            "touchpoint status DIR",
            "touchpoint demo [--output FILE] [--report FILE] [--bin DIR]",
            "touchpoint commit --state DIR [options]",
            "touchpoint report [FILE|-] --output report.html [--customer PROFILE_ID]",
            "touchpoint paths [FILE|-]",
        ],
        options: [
            .init(
                "--output", value: "FILE", help: "write the last stage's output to FILE (mode 0600) instead of stdout"),
            .init("--bin", value: "DIR", help: "find the stage executables in DIR (default: next to touchpoint)"),
            .init(
                "--report", value: "FILE",
                help: "demo: write the HTML report here (default /tmp/touchpoint-demo/report.html)"),
            .init(
                "--status-dir", value: "DIR",
                help: "run: keep DIR/status.json (touchpoint status DIR) and DIR/touchpoint.prom (Prometheus) current"),
            .init(
                "--metrics-listen", value: "HOST:PORT",
                help: "run: serve the metrics of touchpoint.prom on http://HOST:PORT/metrics (e.g. 127.0.0.1:9464)"),
            .init(
                "--metrics-listen-public",
                help: "run: allow --metrics-listen on an address other hosts can reach (not loopback)"),
            .init(
                "--log-format", value: "FORMAT",
                help: "run: stderr as text (timestamp, stage, line; default) or json (one object per line)"),
            .init(
                "--restart-delay", value: "SECONDS",
                help: "run: the first wait before a restart (default 1), doubling up to 60 s"),
            .init(
                "--stop-timeout", value: "SECONDS",
                help: "run: after a stop request, kill the stages still running after SECONDS (default 30)"),
            .init(
                "--restarts", value: "N",
                help:
                    "run: restart a failed pipeline from its last committed barrier up to N times in a row (default 5)"
            ),
        ],
        details: """
            commands:
              run PIPELINE  start the stages of PIPELINE connected by pipes; the last stage's output goes to stdout
              demo          run the bundled pipelines/demo.pipeline on pipelines/sample/ and print the alerts and a
                            summary for people (--output FILE also keeps the NDJSON)
              status DIR    the stages of the run started with --status-dir DIR: counts, rate, barrier, lag
              commit        end a shell pipeline: pass records through and record each barrier as committed in
                            DIR/committed, so the stages under --state DIR resume from it (see touchpoint commit --help)
              report        the output of a run or of the demo as one HTML page (see touchpoint report --help)
              paths         the favourable and unfavourable paths per segment as NDJSON (see touchpoint paths --help)

            pipeline file: one stage per line, `stage arg arg ...`;
            stages: \(StageExecutable.names.joined(separator: ", ")).
            Arguments are split like shell words ('single', "double", backslash escapes, a trailing backslash continues
            the line, # starts a comment) but never passed through a shell. Every stage runs in the pipeline file's
            directory, so relative paths in arguments are relative to the file. Each stage's stderr is relayed line
            by line as `2026-12-03T08:30:00.123Z stage: line` (no timestamp when stderr is the systemd journal,
            which stamps lines itself), or as JSON objects with --log-format json.

            signals: SIGHUP makes every stage read its rules and mappings again (at its next barrier).
            SIGTERM or SIGINT stops the first stage and lets the others drain; a second one stops
            every stage, a third kills them.

            exit status: 0 when every stage exited 0; 1 when a stage failed or could not start (each failure is
            reported on stderr); 2 for a usage error or an invalid pipeline file.

            example:
              touchpoint run /etc/touchpoint/main.pipeline --output /var/log/touchpoint/alerts.ndjson
            """)

    /// Runs the command; `inbox` carries the process's signals (nil in tests that send none).
    package static func run(_ arguments: [String], io: StageIO, inbox: SignalInbox? = SupervisorSignals.inbox)
        -> ExitStatus
    {
        // Until a run's log format is known, errors are plain `touchpoint: error: …` lines.
        var log: any ByteSink = io.errors
        if arguments.count > 1 && arguments[1] == "commit" {
            return CommitCommand.run(Array(arguments.dropFirst()), io: io)
        }
        if arguments.count > 1 && (arguments[1] == "report" || arguments[1] == "paths") {
            return ReportCommand.run(Array(arguments.dropFirst()), io: io)
        }
        do {
            let parsed = try spec.parse(arguments.dropFirst())
            if let early = StageCommand.answerHelpOrVersion(parsed, spec: spec, io: io) { return early }
            let positionals = parsed.positionals
            switch positionals.first {
            case "run":
                log = SupervisorLog(format: try logFormat(parsed, io: io), destination: io.errors)
                guard positionals.count == 2 else {
                    throw UsageError(
                        positionals.count < 2 ? "run: missing PIPELINE file" : "run: one PIPELINE file only")
                }
                return try runPipeline(at: positionals[1], parsed: parsed, io: io, inbox: inbox)
            case "status":
                guard positionals.count == 2 else { throw UsageError("status: give the --status-dir DIR of the run") }
                return StatusCommand.run(directory: positionals[1], io: io, now: io.now())
            case "demo":
                guard positionals.count == 1 else { throw UsageError("demo: takes no arguments") }
                return try DemoCommand.run(parsed: parsed, io: io, inbox: inbox)
            case nil:
                throw UsageError("missing command: run, status, demo or commit (see --help)")
            case let command?:
                throw UsageError("\(command): unknown command (run, status, demo or commit; see --help)")
            }
        } catch let error as UsageError {
            Diagnostics(program: spec.name, sink: log).error(error.message)
            return .usage
        } catch let failure as StageFailure {
            Diagnostics(program: spec.name, sink: log).error(failure.message)
            return .failure
        } catch {
            Diagnostics(program: spec.name, sink: log).error("\(error)")
            return .failure
        }
    }

    private static func runPipeline(
        at path: String, parsed: ParsedArguments, io: StageIO, inbox: SignalInbox?
    ) throws -> ExitStatus {
        // Every option is checked before the pipeline file is read or anything is bound.
        let metricsAddress = try Self.metricsAddress(parsed)
        let pipeline = try PipelineFile(contentsOf: path)
        var supervisor = try supervisor(for: pipeline, parsed: parsed, io: io, inbox: inbox)
        let diagnostics = Diagnostics(program: spec.name, sink: supervisor.log)
        let outputFile = try parsed.value("--output").map(openOutputFile)
        defer { outputFile.map { _ = close($0) } }
        if let outputFile {
            supervisor.output = .descriptor(outputFile)
        } else if let sink = io.output as? FileDescriptorSink {
            supervisor.output = .descriptor(sink.descriptor)
        } else {
            supervisor.output = .sink(io.output)
        }
        var policy = RestartPolicy(
            budget: try parsed.integer("--restarts", in: 0...1000, default: RestartPolicy.defaultBudget))
        if let text = parsed.value("--restart-delay") {
            guard let seconds = SecondsText.parse(text), seconds <= 3600 else {
                throw UsageError("--restart-delay: \"\(text)\" is not a number of seconds above 0 (at most 3600)")
            }
            policy.initialDelay = seconds
            policy.maximumDelay = max(policy.maximumDelay, seconds)
        }
        let replayProblem = Self.replayProblem(pipeline, input: supervisor.input)
        // A pipeline without state is a batch run that starts over anyway: nothing to say. One with state that
        // still cannot replay is worth a note, since its user expects restarts.
        let keepsState = pipeline.steps.contains { $0.arguments.contains("--state") }
        if policy.budget > 0, let replayProblem {
            if keepsState { diagnostics.note("a failed stage will not be restarted: " + replayProblem) }
            policy.budget = 0
        }
        supervisor.stopsChainOnFailure = policy.budget > 0
        supervisor.notifier = SystemdNotifier.fromEnvironment()
        var metricsServer: MetricsServer?
        defer { metricsServer?.stop() }
        if let metricsAddress {
            let server: MetricsServer
            do {
                server = try MetricsServer(metricsAddress)
            } catch {
                throw StageFailure("--metrics-listen \(error)")
            }
            metricsServer = server
            diagnostics.note("serving metrics on \(server.url)")
        }
        if parsed.value("--status-dir") != nil || metricsServer != nil {
            // Each stage is then asked every second how far it is (SIGUSR1); it answers on a line the supervisor
            // keeps out of the log.
            supervisor.statusReport = try statusReport(
                in: parsed.value("--status-dir"), serving: metricsServer, for: pipeline, io: io)
        }
        if let text = parsed.value("--stop-timeout") {
            guard let seconds = SecondsText.parse(text) else {
                throw UsageError("--stop-timeout: \"\(text)\" is not a number of seconds above 0")
            }
            supervisor.stopTimeout = seconds
        }
        return try runRestarting(supervisor, policy: policy, log: supervisor.log, inbox: inbox)
    }

    /// `--log-format`, with `text` turned into `journal` when stderr is the systemd journal.
    static func logFormat(_ parsed: ParsedArguments, io: StageIO) throws(UsageError) -> LogFormat {
        let isJournal = (io.errors as? FileDescriptorSink).map { sink in
            LogFormat.isJournal(sink.descriptor, journalStream: getenv("JOURNAL_STREAM").map { String(cString: $0) })
        }
        return try LogFormat(option: parsed.value("--log-format"), isJournal: isJournal ?? false)
    }

    /// `--metrics-listen HOST:PORT`: loopback only, unless `--metrics-listen-public` says otherwise (as ingest's
    /// `--listen` and `--listen-public`).
    static func metricsAddress(_ parsed: ParsedArguments) throws(UsageError) -> ListenAddress? {
        guard let text = parsed.value("--metrics-listen") else {
            if parsed.isSet("--metrics-listen-public") {
                throw UsageError("--metrics-listen-public: give the address too (--metrics-listen HOST:PORT)")
            }
            return nil
        }
        let address = try ListenAddress(parsingTCP: text, option: "--metrics-listen")
        guard address.isLoopback || parsed.isSet("--metrics-listen-public") else {
            throw UsageError(
                "--metrics-listen \(text): not a loopback address; other hosts could read the metrics. Add "
                    + "--metrics-listen-public to serve them to the network")
        }
        return address
    }

    /// The status files' folder (created 0700 if need be), the metrics server, and where the pipeline's committed
    /// barrier is: the first `--state` of its stages, relative to the pipeline file's folder as the stages see it.
    static func statusReport(
        in directory: String?, serving metricsServer: MetricsServer?, for pipeline: PipelineFile, io: StageIO
    ) throws -> StatusReport {
        let pipelineDirectory = try PathName.absolute(PathName.directory(of: pipeline.path))
        let statePath = pipeline.steps.lazy.compactMap { step in
            step.arguments.firstIndex(of: "--state").flatMap { index in
                index + 1 < step.arguments.count ? step.arguments[index + 1] : nil
            }
        }.first.map { $0.hasPrefix("/") ? $0 : pipelineDirectory + "/" + $0 }
        return StatusReport(
            directory: try directory.map { path in try StateDirectory(path: io.resolvedPath(path)) },
            metricsServer: metricsServer, pipelinePath: pipeline.path, statePath: statePath)
    }

    /// Runs the chain, and after a failure starts it again from the last committed barrier while the policy allows.
    static func runRestarting(_ supervisor: Supervisor, policy: RestartPolicy, log: any ByteSink, inbox: SignalInbox?)
        throws(StageFailure) -> ExitStatus
    {
        let diagnostics = Diagnostics(program: spec.name, sink: log)
        var supervisor = supervisor
        var policy = policy
        var restarts = 0
        while true {
            supervisor.statusReport?.restarts = restarts
            let started = ProcessClock.monotonicSeconds()
            let status = try supervisor.run()
            if status.isSuccess { return .success }
            // A stop the user asked for ends the run, whatever the stages said on the way out.
            if status.stopRequestCount > 0 || policy.budget == 0 { return .failure }
            // A usage error (exit 2) fails the same way on every start: no restart can help.
            if let rejected = status.stages.first(where: { $0.termination == .exited(status: 2) }) {
                diagnostics.error("not restarting: \(rejected.label) rejected its arguments (exit status 2)")
                return .failure
            }
            guard let delay = policy.delay(afterRunOf: ProcessClock.monotonicSeconds() - started) else {
                supervisor.notifier?.send("STATUS=gave up after \(restarts + 1) failures in a row")
                diagnostics.error(
                    "giving up: the pipeline failed \(restarts + 1) times in a row (--restarts \(policy.budget)); "
                        + "its state is at the last committed barrier, so a later start resumes from there")
                return .failure
            }
            restarts += 1
            diagnostics.note(
                "restarting the pipeline from its last committed barrier in \(SecondsText.text(delay)) "
                    + "(restart \(restarts), \(policy.budget - policy.used) left before giving up)")
            supervisor.notifier?.send("STATUS=restarting in \(SecondsText.text(delay)) (restart \(restarts))")
            if wait(seconds: delay, inbox: inbox, notifier: supervisor.notifier) {
                diagnostics.note("stop requested while waiting to restart; not restarting")
                return .failure
            }
        }
    }

    /// Why a restart could not replay what the failed run read, or nil when it can: only a pipeline whose stages
    /// keep state (`--state`) resumes at a committed barrier, and only sources it opens itself can be read again
    /// (touchpoint's own stdin, a pipe or a file handed in, is gone once read).
    static func replayProblem(_ pipeline: PipelineFile, input: Int32) -> String? {
        guard pipeline.steps.contains(where: { $0.arguments.contains("--state") }) else {
            return "no stage keeps state (--state DIR), so a restart would read everything again"
        }
        var status = stat()
        if fstat(input, &status) == 0, status.st_mode & S_IFMT == S_IFIFO || status.st_mode & S_IFMT == S_IFREG {
            return "the pipeline reads touchpoint's stdin, which cannot be read again "
                + "(if it reads only files it names, start touchpoint with stdin from /dev/null, as systemd does)"
        }
        return nil
    }

    /// Sleeps up to `seconds`, waking early for a stop request; true when one came.
    private static func wait(seconds: Double, inbox: SignalInbox?, notifier: SystemdNotifier?) -> Bool {
        let deadline = ProcessClock.monotonicSeconds() + seconds
        while true {
            let left = deadline - ProcessClock.monotonicSeconds()
            if left <= 0 { return false }
            // Pings at least every second while waiting: the watchdog is at least a second, or systemd refuses it.
            if notifier?.watchdogInterval != nil { notifier?.send("WATCHDOG=1") }
            guard let inbox else {
                usleep(useconds_t(min(left, 1) * 1_000_000))
                continue
            }
            var descriptor = pollfd(fd: inbox.readDescriptor, events: Int16(POLLIN), revents: 0)
            if poll(&descriptor, 1, Int32(min(left, 1) * 1000) + 1) > 0,
                inbox.drain().contains(where: { $0 != SIGCHLD })
            {
                return true
            }
        }
    }

    /// A supervisor for `pipeline` with everything but the output set: binaries, working directory, stdin, log.
    static func supervisor(
        for pipeline: PipelineFile, parsed: ParsedArguments, io: StageIO, inbox: SignalInbox?
    ) throws -> Supervisor {
        let binaryDirectory: String
        if let directory = parsed.value("--bin") {
            do {
                binaryDirectory = try PathName.absolute(directory)
            } catch {
                throw UsageError("--bin \(error.message)")
            }
        } else {
            binaryDirectory = try ExecutableLocation.directoryOfRunningExecutable()
        }
        let workingDirectory = try PathName.absolute(PathName.directory(of: pipeline.path))
        let specs = pipeline.processSpecs(binaryDirectory: binaryDirectory, workingDirectory: workingDirectory)
        for spec in specs where access(spec.executablePath, X_OK) != 0 {
            throw StageFailure(
                "\(spec.executablePath): stage executable not found "
                    + "(build the stages with `swift build`, or pass --bin DIR)")
        }
        var supervisor = Supervisor(
            specs: specs, log: SupervisorLog(format: try logFormat(parsed, io: io), destination: io.errors))
        supervisor.inbox = inbox
        if let source = io.input as? FileDescriptorSource {
            supervisor.input = source.descriptor
        } else {
            // In-memory input is not fed to children; the first stage reads no stdin.
            supervisor.input = try nullDevice.get()
        }
        // A stage reading a terminal must stay in the terminal's foreground group (else SIGTTIN stops it); otherwise
        // the stages get their own group, so a Ctrl-C reaches only us and the chain drains from its head.
        supervisor.usesOwnProcessGroup = isatty(supervisor.input) == 0
        return supervisor
    }

    /// Opens an output file for appending, creating it 0600; never truncated (what a run wrote before stays) and
    /// never written through a symbolic link planted in its place.
    static func openOutputFile(_ path: String) throws(StageFailure) -> Int32 {
        try DurableFile.openForAppending(path)
    }

    /// /dev/null for reading, opened once for the life of the process.
    private static let nullDevice: Result<Int32, StageFailure> = {
        let descriptor = open("/dev/null", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(StageFailure("/dev/null: \(String(cString: strerror(errno)))")) }
        return .success(descriptor)
    }()
}
