import TouchpointJSON

/// The per-record logic of a stage; `StageRunner` does everything else (contract §1, §4, §6, §7).
///
/// A stage sees only records of the kinds it owns. It writes zero or more records to `output` and says what
/// became of its input. A problem with one record is a value (`.deadLetter`), not a thrown error: `throw` means
/// the process cannot go on. Barriers and watermarks are the runner's: it calls the hooks below and forwards them.
package protocol Stage {
    /// The stage's name as it appears in dead letters and diagnostics (the executable's name), and the name of its
    /// folder in the state directory.
    static var name: String { get }
    /// Kinds this stage processes; all others are forwarded unchanged and in order.
    var ownedKinds: [String] { get }
    /// Handles one owned record.
    mutating func process(_ record: InputRecord, into output: inout RecordOutput) throws(ByteStreamError)
        -> Disposition
    /// A barrier arrived: write what must precede it. The runner then checkpoints the state (`StatefulStage`) and
    /// forwards the barrier.
    mutating func barrier(_ barrier: Barrier, into output: inout RecordOutput) throws(ByteStreamError)
    /// Event time has passed `watermark` (never called with one that goes back): close windows and fire timers up
    /// to it, writing what they produce; the runner forwards the watermark after. A final watermark closes all.
    mutating func advance(to watermark: WatermarkRecord, into output: inout RecordOutput) throws(ByteStreamError)
    /// End of input: write what is still pending (reports, not windows: those close on the final watermark).
    mutating func finish(into output: inout RecordOutput) throws(StageFailure)
    /// Asked to stop (SIGTERM/SIGINT) between records: say what is left undone. The state stays as of the last
    /// barrier, which a restart resumes from; this is not the end of the input, so nothing closes.
    mutating func stop(into output: inout RecordOutput) throws(StageFailure)

    // The runner's checkpoint hooks; `StatefulStage` implements them, every other stage has none.
    /// Restores the state of the committed barrier; nil for a stage without state.
    mutating func restoreState(from store: CheckpointStore, committed: Int?) throws(StageFailure)
        -> CheckpointStore.Restored?
    /// Makes the state durable as of `barrier`.
    mutating func checkpointState(in store: CheckpointStore, barrier: Int, committed: Int?) throws(StageFailure)
    /// Takes over the state of `previous`, a stage built from the configuration before a reload (SIGHUP): windows,
    /// timers, customers, graphs carry on under the new rules or mappings. Nothing, for a stage without state.
    mutating func adopt(stateOf previous: inout Self) throws(StateError)
    /// At a barrier without `--state`: forgets what the next checkpoint would have written
    /// (`CheckpointedState.discardChanges`). Nothing, for a stage without state.
    mutating func discardStateChanges()
}

extension Stage {
    package mutating func adopt(stateOf previous: inout Self) throws(StateError) {}
    package mutating func barrier(_ barrier: Barrier, into output: inout RecordOutput) throws(ByteStreamError) {}
    package mutating func advance(to watermark: WatermarkRecord, into output: inout RecordOutput)
        throws(ByteStreamError)
    {}
    package mutating func finish(into output: inout RecordOutput) throws(StageFailure) {}
    package mutating func stop(into output: inout RecordOutput) throws(StageFailure) {}
    package mutating func restoreState(from store: CheckpointStore, committed: Int?) throws(StageFailure)
        -> CheckpointStore.Restored?
    { nil }
    package mutating func checkpointState(in store: CheckpointStore, barrier: Int, committed: Int?)
        throws(StageFailure)
    {}
    package mutating func discardStateChanges() {}
}

extension StatefulStage {
    package mutating func discardStateChanges() { discardChanges() }

    /// Moves the state through its own snapshot encoding: the one form every change of configuration must read
    /// anyway (a restart with edited rules restores the same bytes), so a reload needs no second way to copy it.
    package mutating func adopt(stateOf previous: inout Self) throws(StateError) { try copyState(of: &previous) }

    /// Takes `previous`'s state through the snapshot encoding; what `adopt` does unless a stage keeps more than its
    /// state across a reload.
    package mutating func copyState(of previous: inout Self) throws(StateError) {
        var writer = StateWriter()
        previous.writeSnapshot(into: &writer)
        let bytes = writer.bytes
        let result: Result<Void, StateError> = bytes.withUnsafeBufferPointer { buffer in
            var reader = StateReader(buffer)
            return Result { () throws(StateError) in try restore(snapshot: &reader) }
        }
        try result.get()
    }

    package mutating func restoreState(from store: CheckpointStore, committed: Int?) throws(StageFailure)
        -> CheckpointStore.Restored?
    {
        try store.restore(&self, committed: committed)
    }

    package mutating func checkpointState(in store: CheckpointStore, barrier: Int, committed: Int?)
        throws(StageFailure)
    {
        try store.checkpoint(&self, barrier: barrier, committed: committed)
    }
}

/// What became of one owned input record.
package enum Disposition: Equatable {
    /// Turned into output (one record or several).
    case processed
    /// Dropped on purpose, by rule or flag.
    case filtered
    /// Unusable: goes to the dead-letter output with its original bytes.
    case deadLetter(DeadLetterReason, String)
}

/// One input line that parsed as a JSON object with a `kind`; valid only during the `process` call.
package struct InputRecord {
    package let document: JSONDocument
    package let kind: String
    package let position: LinePosition

    package var bytes: UnsafeBufferPointer<UInt8> { document.bytes }

    /// The record materialized as a value, for stages that rewrite it.
    package var value: JSONValue { document.value(document.root) }
}

/// The stage cannot continue: exit 1 with this message.
package struct StageFailure: Error, CustomStringConvertible {
    package let message: String

    package init(_ message: String) { self.message = message }

    package var description: String { message }
}
