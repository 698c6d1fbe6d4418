/// State that survives a crash by being written at barriers and read back on start (contract §4).
///
/// The state says *what* it is; `CheckpointStore` says *how* it survives. A checkpoint is either a snapshot (the
/// whole state) or, for incremental state, the changes since the previous checkpoint, so the cost of a barrier is
/// proportional to what changed, not to the size of the state; the store compacts the changes into a new snapshot
/// now and then. Restoring reads the snapshot, then every change frame up to the committed barrier, in order.
package protocol CheckpointedState {
    /// Names the encoding (`resolve-identity/1`). A store written under another name is refused, not misread.
    static var stateFormat: String { get }
    /// The encodings `restore(snapshot:)` reads: `stateFormat`, and earlier layouts a newer one extends (so an
    /// upgrade keeps its state). Any other is refused.
    static var readableFormats: Set<String> { get }
    /// Whether `writeChanges` writes only what changed since the last checkpoint. If false, every checkpoint is a
    /// snapshot.
    static var isIncremental: Bool { get }
    /// Writes the whole state. Changes are counted from here afterwards.
    mutating func writeSnapshot(into writer: inout StateWriter)
    /// Writes what changed since the last snapshot or change frame, nothing when nothing did. Changes are counted
    /// from here afterwards.
    mutating func writeChanges(into writer: inout StateWriter)
    /// Replaces the state with a snapshot.
    mutating func restore(snapshot reader: inout StateReader) throws(StateError)
    /// Applies one change frame, in the order they were written.
    mutating func apply(changes reader: inout StateReader) throws(StateError)
    /// Called once after the last frame of a restore: where a state rebuilds what it derives from its contents (an
    /// index), so that it does so once, not once per frame.
    mutating func finishApplyingChanges()
    /// Forgets what changed since the last checkpoint. The runner calls it at every barrier of a stage run without
    /// `--state`: no checkpoint ever comes, and what an incremental state records for the next one (identifiers
    /// added, profiles absorbed, windows touched) would grow for as long as the stage runs. By default an
    /// incremental state writes its changes to nowhere (right for any state; one overrides it with something
    /// cheaper), and a state whose checkpoints are snapshots has nothing to forget.
    mutating func discardChanges()
}

extension CheckpointedState {
    package static var isIncremental: Bool { false }

    package static var readableFormats: Set<String> { [stateFormat] }

    package mutating func writeChanges(into writer: inout StateWriter) { writeSnapshot(into: &writer) }

    package mutating func apply(changes reader: inout StateReader) throws(StateError) {
        try restore(snapshot: &reader)
    }

    package mutating func finishApplyingChanges() {}

    package mutating func discardChanges() {
        guard Self.isIncremental else { return }
        var nowhere = StateWriter()
        writeChanges(into: &nowhere)
    }
}

/// A stage whose state is checkpointed at every barrier and restored on start, under `--state DIR`.
///
/// `StageRunner` does the rest: it restores the state that belongs to the last committed barrier before the first
/// record, skips input the restored state has already seen, checkpoints at every barrier before forwarding it, and
/// prunes what a later commit made obsolete.
package protocol StatefulStage: Stage, CheckpointedState {}
