import TouchpointCore

/// How `--exec` runs its command: `--exec CMD ARG...` (the last option: every argument after it is the command's
/// argv, never a string for a shell), `--exec-timeout`, `--exec-retries`, `--exec-backoff`.
struct ExecSettings: Equatable, Sendable {
    static let options: [CommandSpec.Option] = [
        .init(
            "--exec", value: "CMD ARG...",
            help: "also run CMD ARG... per alert, its JSON on stdin (last option: the rest is argv)",
            takesRemainingArguments: true),
        .init("--exec-timeout", value: "DURATION", help: "kill a command still running after DURATION (default 10s)"),
        .init("--exec-retries", value: "N", help: "retries before an alert is spooled for later (default 3)"),
        .init("--exec-backoff", value: "DURATION", help: "wait before the first retry, doubling (default 500ms)"),
    ]
    /// The longest single wait between two tries, however many failures came before.
    static let longestWait = Duration.minutes(10)
    /// The shortest wait before the spool is tried again, so a zero backoff cannot make every record run the command.
    static let shortestSpoolWait = Duration.seconds(1)

    /// The argv as given, argv[0] the command's name.
    var arguments: [String]
    /// argv[0] found (`ExecutableSearch`), once, at start.
    var executablePath: String
    var timeout = Duration.seconds(10)
    var retries = 3
    var backoff = Duration(milliseconds: 500)
    var workingDirectory: String?

    /// The settings the arguments give; nil without `--exec`.
    init?(_ parsed: ParsedArguments, io: StageIO) throws(UsageError) {
        let command = parsed.values("--exec")
        guard let name = command.first else {
            for option in Self.options.dropFirst() where parsed.isSet(option.name) {
                throw UsageError("\(option.name): only with --exec CMD ARG...")
            }
            return nil
        }
        guard let path = ExecutableSearch.find(name, workingDirectory: io.workingDirectory) else {
            throw UsageError(
                "--exec: \(name): no such executable file"
                    + (name.contains("/") ? "" : " in PATH (give a path to run one elsewhere)"))
        }
        arguments = command
        executablePath = path
        workingDirectory = io.workingDirectory
        timeout = try parsed.duration("--exec-timeout", default: timeout)
        guard timeout > .zero, timeout <= .days(1) else {
            throw UsageError("--exec-timeout: \"\(timeout)\" is not a duration from 1ms to 1d")
        }
        retries = try parsed.integer("--exec-retries", in: 0...20, default: retries)
        backoff = try parsed.duration("--exec-backoff", default: backoff)
        guard backoff <= Self.longestWait else {
            throw UsageError("--exec-backoff: \"\(backoff)\" is longer than \(Self.longestWait)")
        }
    }

    /// The wait before retry `number` (1, 2, …) of one pass: the backoff, doubled for each retry before it.
    func wait(beforeRetry number: Int) -> Duration {
        Self.doubled(backoff, times: number - 1)
    }

    /// The wait before the spool is tried again after `failedPasses` failed passes in a row: the doubling carries on
    /// from where the retries of the first failure left it (4 s, 8 s, … with the defaults).
    func spoolWait(afterFailedPasses failedPasses: Int) -> Duration {
        max(Self.shortestSpoolWait, Self.doubled(backoff, times: retries + failedPasses - 1))
    }

    private static func doubled(_ duration: Duration, times: Int) -> Duration {
        var result = duration
        for _ in 0..<max(0, times) where result < longestWait { result = result * 2 }
        return min(result, longestWait)
    }
}
