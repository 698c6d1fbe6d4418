/// When `touchpoint run` starts a failed pipeline again, and how long it waits first.
///
/// A stage that dies (a crash, an OOM kill, `kill -9`) costs nothing with the commit protocol: every stage under
/// `--state` restores the state of the last committed barrier and ingest resumes at its positions, so the
/// supervisor restarts the whole chain rather than one process (a lone restarted stage would meet its neighbours
/// mid-stream). The waits grow as 1 s, 2 s, 4 s … up to `maximumDelay`, so a stage that fails at once on every start
/// (a full disk, a bad mapping) does not spin; after `budget` restarts without a healthy stretch in between the
/// supervisor gives up with a clear error instead of flapping for ever (systemd's StartLimitBurst, in-process). A run
/// that stayed up for `healthyAfter` seconds earns the whole budget and the shortest wait back.
struct RestartPolicy: Equatable {
    /// Restarts allowed in a row; 0 turns restarting off.
    var budget: Int
    var initialDelay: Double = 1
    var maximumDelay: Double = 60
    var healthyAfter: Double = 600

    static let defaultBudget = 5

    /// Restarts used since the last healthy run.
    private(set) var used = 0

    init(budget: Int = RestartPolicy.defaultBudget) { self.budget = budget }

    /// After a failed run that lasted `runSeconds`: the wait before the next start, or nil when the budget is spent.
    mutating func delay(afterRunOf runSeconds: Double) -> Double? {
        if runSeconds >= healthyAfter { used = 0 }
        guard used < budget else { return nil }
        let delay = min(maximumDelay, initialDelay * Double(1 << min(used, 30)))
        used += 1
        return delay
    }
}
