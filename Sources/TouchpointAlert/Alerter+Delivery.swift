import TouchpointCore
import TouchpointJSON

/// Where an alert goes once the gate lets it through: stdout always, and the `--exec` command (`ExecDelivery`); and
/// the checkpoint hooks that keep the command's spool and journal in step with the barriers.
extension Alerter {
    /// Writes the alert to stdout and gives the same line to `--exec`.
    mutating func send(_ alert: AlertRecord, into output: inout RecordOutput) throws(ByteStreamError) {
        let value = alert.jsonValue
        try output.emit(value)
        guard let delivery else { return }
        var line: [UInt8] = []
        JSONWriter.write(value, into: &line)
        delivery.submit(alert.id, line: line, spool: &spool)
    }

    package mutating func barrier(_ barrier: Barrier, into output: inout RecordOutput) throws(ByteStreamError) {
        if !spool.isEmpty { delivery?.retrySpool(&spool) }
    }

    package mutating func stop(into output: inout RecordOutput) throws(StageFailure) {
        try delivery?.stop(spool: spool)
    }

    /// End of input: the spool's last pass and what `--exec` did; a spool left from a run with `--exec` is named.
    mutating func finishDelivery() throws(StageFailure) {
        if let delivery {
            try delivery.finish(spool: &spool)
        } else if !spool.isEmpty && !isDryRun {
            warnings?.warning(
                "the state holds \(spool.count) alert\(spool.count == 1 ? "" : "s") spooled for --exec; they are "
                    + "kept for a run with --exec")
        }
    }

    // MARK: - Checkpoints

    package mutating func restoreState(from store: CheckpointStore, committed: Int?) throws(StageFailure)
        -> CheckpointStore.Restored?
    {
        let restored = try store.restore(&self, committed: committed)
        try delivery?.open(in: store.folder, committed: committed, epoch: store.latestBarrier ?? 0, spool: &spool)
        return restored
    }

    package mutating func checkpointState(in store: CheckpointStore, barrier: Int, committed: Int?)
        throws(StageFailure)
    {
        try delivery?.checkIntact()
        try store.checkpoint(&self, barrier: barrier, committed: committed)
        try delivery?.checkpointed(barrier: barrier, committed: committed)
    }

    /// A reload keeps the delivery itself (its journal, its counts, when the spool is due) beside the state.
    package mutating func adopt(stateOf previous: inout Alerter) throws(StateError) {
        try copyState(of: &previous)
        if let running = previous.delivery { delivery = running }
    }
}
