import TouchpointCore

/// alert's `--exec` sink: runs the command once per alert with the alert's JSON line on stdin, retries a failure
/// with backoff, spools what keeps failing, and delivers the spool later, in order (docs/stages/alert.md,
/// "Delivery").
///
/// The policy, which keeps a dead or slow receiver from holding up the stream for long:
/// - With nothing spooled, a new alert is tried at once, then `retries` more times after doubling waits (0.5 s,
///   1 s, 2 s by default); each try ends at exit, or at the timeout. Exit status 0 is delivered; anything else
///   (another status, a signal, the timeout, a command that cannot start) is a failure.
/// - An alert that fails every try is spooled, and so is every alert after it while the spool is not empty:
///   deliveries keep their order, and nothing waits for a receiver that is known to be down.
/// - The spool is tried again at start, at the first record, barrier or watermark after its wait (which doubles
///   on from the retries', at most 10 min), and at the end of the input: one try per alert, oldest first, stopping
///   at the first failure.
///
/// What survives a crash: the spool is alert's state (`DeliverySpool`, in every checkpoint), and every delivery is
/// recorded durably before the alert leaves the spool (`DeliveryJournal`), so an alert the command took is never
/// given to it again, and one spooled, or raised after the committed barrier, is delivered after the restart.
/// Only an alert whose command was running when the process died (or had exited but was not yet recorded) may be
/// run a second time: the command receives the alert's deterministic id (`id` in the JSON, and
/// `TOUCHPOINT_ALERT_ID` in its environment) to recognise it.
///
/// A class, so a reload (SIGHUP) hands the one journal and the counts to the stage built from the new rules.
final class ExecDelivery {
    let settings: ExecSettings
    private let io: StageIO
    private let diagnostics: Diagnostics
    private let isQuiet: Bool
    let journal = DeliveryJournal()
    private(set) var counts = ExecCounts()
    /// The state folder the spool is checkpointed in; nil without `--state`.
    private(set) var stateFolder: String?
    /// When the spool may be tried next (monotonic milliseconds), and how many passes in a row found the command
    /// failing.
    private var nextPassAt: Int64 = 0
    private var failedPasses = 0
    /// How the last failed try ended, for messages.
    private var lastFailure = ""
    /// The journal could not be written: no command runs any more, and the stage fails at its next checkpoint.
    private var failure: StageFailure?

    init(settings: ExecSettings, io: StageIO, diagnostics: Diagnostics, isQuiet: Bool) {
        self.settings = settings
        self.io = io
        self.diagnostics = diagnostics
        self.isQuiet = isQuiet
    }

    /// Opens the journal in the stage's state folder and drops from the restored spool what was delivered after
    /// its checkpoint; the spool is then due at once.
    func open(in folder: StateDirectory, committed: Int?, epoch: Int, spool: inout DeliverySpool) throws(StageFailure) {
        let damaged = try journal.open(in: folder, committed: committed, epoch: epoch)
        if damaged > 0 {
            diagnostics.warning(
                "\(folder.path)/\(DeliveryJournal.fileName): \(damaged) damaged line\(damaged == 1 ? "" : "s") dropped "
                    + "(a crash mid-write)")
        }
        stateFolder = folder.path
        spool.removeAll { journal.contains($0) }
        nextPassAt = 0
    }

    /// Delivers a newly raised alert, or spools it behind those waiting.
    func submit(_ id: String, line: [UInt8], spool: inout DeliverySpool) {
        if journal.contains(id) || spool.contains(id) {
            counts.alreadyDelivered += 1
            return
        }
        let entry = DeliverySpool.Entry(id: id, line: line)
        if spool.isEmpty && failure == nil {
            let outcome = tryDelivering(entry, tries: 1 + settings.retries, isRetry: false)
            if outcome.isDelivered { return }
            spool.append(entry)
            counts.spooled += 1
            diagnostics.warning(
                "--exec: alert \(id) not delivered after \(outcome.tries) tr\(outcome.tries == 1 ? "y" : "ies") "
                    + "(last: \(lastFailure)); it and the alerts after it are spooled until the command takes them")
            scheduleNextPass()
            return
        }
        spool.append(entry)
        counts.spooled += 1
        retrySpool(&spool)
    }

    /// Tries the spool again if its wait is over (or regardless, `isEndOfInput`): oldest first, one try each,
    /// stopping at the first failure.
    func retrySpool(_ spool: inout DeliverySpool, isEndOfInput: Bool = false) {
        guard !spool.isEmpty, failure == nil,
            isEndOfInput || ProcessClock.monotonicMilliseconds() >= nextPassAt
        else { return }
        let waiting = spool.count
        while failure == nil, let entry = spool.first {
            guard tryDelivering(entry, tries: 1, isRetry: true).isDelivered else {
                scheduleNextPass()
                return
            }
            spool.removeFirst()
        }
        failedPasses = 0
        if !isQuiet {
            diagnostics.note("--exec: the command took the \(waiting) spooled alert\(waiting == 1 ? "" : "s")")
        }
    }

    /// A barrier was checkpointed: deliveries from now on belong to it. Fails if the journal could not be written.
    func checkpointed(barrier: Int, committed: Int?) throws(StageFailure) {
        try journal.checkpointed(barrier: barrier, committed: committed)
    }

    /// Throws the journal's write failure, if there was one: before a checkpoint, so no barrier is forwarded.
    func checkIntact() throws(StageFailure) {
        if let failure { throw failure }
    }

    /// End of input: a last pass over the spool, the counts, and what is still undelivered.
    func finish(spool: inout DeliverySpool) throws(StageFailure) {
        retrySpool(&spool, isEndOfInput: true)
        try report(spool, isStopping: false)
    }

    /// Stopped by a signal: the counts, and what is still undelivered; no pass (a stop should be quick).
    func stop(spool: DeliverySpool) throws(StageFailure) {
        try report(spool, isStopping: true)
    }

    private func report(_ spool: DeliverySpool, isStopping: Bool) throws(StageFailure) {
        try checkIntact()
        if !isQuiet {
            diagnostics.note(
                "exec: delivered \(counts.delivered), retried \(counts.retried), spooled \(counts.spooled), "
                    + "still spooled \(spool.count)"
                    + (counts.alreadyDelivered > 0 ? ", already delivered \(counts.alreadyDelivered)" : ""))
        }
        guard !spool.isEmpty else { return }
        let alerts = "\(spool.count) alert\(spool.count == 1 ? "" : "s")"
        if let stateFolder {
            diagnostics.warning(
                "--exec: \(alerts) still spooled in \(stateFolder) (last: \(lastFailure)); they are delivered when "
                    + "alert starts again with this --state")
            return
        }
        let ids = spool.entries.prefix(10).map(\.id).joined(separator: ", ") + (spool.count > 10 ? ", …" : "")
        throw StageFailure(
            "--exec: \(alerts) not delivered (last: \(lastFailure)) at \(isStopping ? "the stop" : "the end of the input")"
                + "; without --state there is no spool to keep them (they are in the output): \(ids)")
    }

    /// Runs the command for `entry` up to `tries` times, waiting between tries, until it exits 0 or a stop is
    /// requested; says whether it was delivered and how many times the command ran.
    private func tryDelivering(_ entry: DeliverySpool.Entry, tries: Int, isRetry: Bool) -> (
        isDelivered: Bool, tries: Int
    ) {
        for number in 0..<tries {
            if number > 0 {
                guard io.pause(milliseconds: settings.wait(beforeRetry: number).milliseconds) else {
                    return (false, number)
                }
            }
            if isRetry || number > 0 { counts.retried += 1 }
            var request = ProcessSpawn.Request(
                executablePath: settings.executablePath, arguments: settings.arguments, standardInput: -1,
                standardOutput: -1, standardError: -1)
            request.environment = [("TOUCHPOINT_ALERT_ID", entry.id)]
            request.workingDirectory = settings.workingDirectory
            let run = CommandRun.run(
                request, input: entry.line + [0x0A], timeoutMilliseconds: settings.timeout.milliseconds)
            if run.isSuccess {
                counts.delivered += 1
                do {
                    try journal.record(entry.id)
                } catch {
                    failure = error
                }
                return (true, number + 1)
            }
            lastFailure = run.description
            if io.isStopRequested() { return (false, number + 1) }
        }
        return (false, tries)
    }

    private func scheduleNextPass() {
        failedPasses += 1
        nextPassAt =
            ProcessClock.monotonicMilliseconds() + settings.spoolWait(afterFailedPasses: failedPasses).milliseconds
    }
}

/// What `--exec` did in one run, for the note at exit.
struct ExecCounts: Equatable, Sendable {
    /// Alerts the command took (exited 0).
    var delivered = 0
    /// Tries after the first of an alert (a spooled alert's tries are all retries).
    var retried = 0
    /// Alerts that went to the spool: after failing every try, or behind others waiting.
    var spooled = 0
    /// Alerts raised again (a replay) that the command had already taken.
    var alreadyDelivered = 0
}
