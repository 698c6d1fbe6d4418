import Glibc
import TouchpointCore

/// What the supervisor knows about a running or finished pipeline: one entry per stage, in pipeline order.
///
/// The supervisor loop is its only writer. It is the seam for what a long-running service reports later (a status
/// command, Prometheus counters, systemd's STATUS=): all of that reads this value instead of the loop's internals.
package struct PipelineStatus: Sendable {
    /// One stage's process.
    package struct Stage: Sendable {
        package let label: String
        package let pid: pid_t
        /// Nil while the process runs (or has ended but is not yet reaped).
        package var termination: ChildTermination?
        /// Lines the stage wrote to stderr, relayed.
        package var diagnosticLines = 0
        /// Its latest status line, when it writes them (`--status-every`).
        package var progress: StageProgress?
    }

    package var stages: [Stage]
    /// SIGTERM/SIGINT received by the supervisor so far.
    package var stopRequestCount = 0
    /// A stage failed and the supervisor stopped the others (`Supervisor.stopsChainOnFailure`).
    package var isStoppingAfterFailure = false
    /// Why copying the last stage's output to its destination failed, if it did (EPIPE is not a failure).
    package var outputFailure: String?

    package init(stages: [Stage]) { self.stages = stages }

    package var isRunning: Bool { stages.contains { $0.termination == nil } }

    /// Every stage exited 0 and all output was delivered.
    package var isSuccess: Bool {
        outputFailure == nil && stages.allSatisfy { $0.termination?.isSuccess == true }
    }
}
