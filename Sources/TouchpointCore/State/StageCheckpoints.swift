import TouchpointJSON

/// A stage's part in commit and resume under `--state DIR`: its checkpoint store, the pipeline's commit marker,
/// its dead-letter ledger when dead letters go to a file, and, for the last stage, the committer (contract §4, §6).
///
/// Created by `StageRunner` before the first record; every stage shares the one mechanism, so restoring,
/// checkpointing, pruning and committing behave the same in each.
package final class StageCheckpoints {
    package let root: StateDirectory
    package let store: CheckpointStore
    package let committer: Committer?
    /// The dead-letter file's length at each barrier, when dead letters go to a file.
    private let deadLetters: DeadLetterLedger?
    /// The barrier the restored state belongs to; a resumed source writes it again first.
    package private(set) var restoredBarrier: Int?
    private var hasSeenBarrier = false
    private var lastCommitted: Int?

    /// - Parameter deadLetters: the stage's `--dead-letters FILE`, cut back to the committed barrier on restore.
    package init(path: String, stage: String, committerOutput: (any ByteSink)?, deadLetters: DeadLetterFile? = nil)
        throws(StageFailure)
    {
        let root = try StateDirectory(path: path)
        self.root = root
        store = try CheckpointStore(root: root, stage: stage)
        self.deadLetters = deadLetters.map { [store] in DeadLetterLedger(folder: store.folder, file: $0) }
        if let committerOutput {
            committer = try Committer(directory: root, output: committerOutput)
        } else {
            committer = nil
        }
    }

    /// Restores the stage's state of the committed barrier; returns what to tell the user.
    package func restore<S: Stage>(_ stage: inout S) throws(StageFailure) -> [Diagnostic] {
        let marker: CommitMarker?
        if let committer { marker = committer.committed } else { marker = try CommitMarker.read(from: root) }
        lastCommitted = marker?.barrier
        var messages = (committer?.notes ?? []).map { Diagnostic.note("output: " + $0) }
        switch try stage.restoreState(from: store, committed: marker?.barrier) {
        case nil:
            break
        case .fresh(let discarded)?:
            if let marker {
                messages.append(
                    .warning(
                        "state: barrier \(marker.barrier) is committed, but this stage has no state for it; "
                            + "starting empty"))
            } else if discarded {
                messages.append(
                    .warning(
                        "state: \(root.path) holds state that was never committed; discarded (the pipeline's "
                            + "last stage records commits: run it with --commit, or end with touchpoint commit)"))
            }
        case .restored(let barrier, let snapshot, let frames)?:
            messages.append(.note("state: restored barrier \(barrier) (snapshot \(snapshot) and \(frames) changes)"))
        }
        if let deadLetters { messages += try deadLetters.restore(committed: marker?.barrier) }
        if let marker, !marker.isEndOfInput { restoredBarrier = marker.barrier }
        return messages
    }

    /// Where the restored barrier was in the stage's input before the restart, when the dead-letter ledger knows.
    package var restoredInputPosition: LinePosition? { deadLetters?.restoredInput }

    /// Checkpoints `stage` at `barrier` (before the barrier is forwarded), the barrier being at `input` in the stage's
    /// input; returns a warning to print, if any.
    package func checkpoint<S: Stage>(_ stage: inout S, at barrier: Barrier, input: LinePosition? = nil)
        throws(StageFailure) -> Diagnostic?
    {
        var warning: Diagnostic?
        if !hasSeenBarrier {
            hasSeenBarrier = true
            if let restoredBarrier, barrier.id != restoredBarrier {
                warning = .warning(
                    "state: restored barrier \(restoredBarrier), but the input did not resume from it (its first "
                        + "barrier is \(barrier.id)); it is taken as new data. If it repeats what was committed, run "
                        + "its source with --state too, so it resumes")
            }
        }
        if committer == nil { lastCommitted = try CommitMarker.read(from: root)?.barrier ?? lastCommitted }
        try deadLetters?.record(barrier: barrier.id, input: input, committed: lastCommitted)
        try stage.checkpointState(in: store, barrier: barrier.id, committed: lastCommitted)
        return warning
    }

    /// Commits `barrier` when this stage is the committer; its output has been flushed.
    package func commit(_ barrier: Int, endOfInput: Bool = false) throws(StageFailure) {
        guard let committer else { return }
        try committer.commit(barrier: barrier, endOfInput: endOfInput)
        lastCommitted = committer.committed?.barrier
    }

    /// The id a barrier invented at the end of barrier-less input gets: one past everything seen.
    package var nextBarrierID: Int { max(store.latestBarrier ?? 0, lastCommitted ?? 0) + 1 }

    /// Whether the input carried barriers (else the end of input is the only checkpoint).
    package var hasSeenAnyBarrier: Bool { hasSeenBarrier }
}

/// A message for the stage's diagnostics, decided where the reason is known and printed by the runner.
package enum Diagnostic: Equatable, Sendable {
    case note(String)
    case warning(String)

    package func report(to diagnostics: Diagnostics) {
        switch self {
        case .note(let message): diagnostics.note(message)
        case .warning(let message): diagnostics.warning(message)
        }
    }
}
