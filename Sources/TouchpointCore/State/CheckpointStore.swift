import Glibc

/// One stage's checkpoints in its own folder of the state directory: snapshots and append-only change logs, keyed
/// by barrier id (contract §4).
///
/// Files, in `DIR/<stage>/`:
/// - `snapshot-<barrier>.state`: the whole state as of that barrier, written atomically (`StateDirectory.replace`);
/// - `changes-<barrier>.log`: change frames after that snapshot, each tagged with its barrier, appended and fsynced;
/// - `lock`: held while a process uses the folder.
/// Barrier ids are written with twelve digits so names sort in barrier order.
///
/// A barrier's checkpoint is durable before the barrier is forwarded. On start the store restores the barrier the
/// pipeline last committed: the newest snapshot at or before it, then its log's frames up to it; frames and snapshots
/// after it belong to barriers that never left the pipeline and are removed, because the replay writes them again.
/// A torn frame at a log's end (a crash mid-append) ends the log there. Snapshots are kept until a later snapshot is
/// covered by a commit, then pruned with their logs.
///
/// A store opened with `reading(root:stage:)` (or `readCommitted`) only reads: it takes no lock, removes and cuts
/// nothing, and cannot checkpoint, so a tool can read the committed state beside the stage that writes it.
package final class CheckpointStore {
    /// Compaction writes a new snapshot once the changes since the last one outweigh it, and at least this much.
    package static let minimumCompactionBytes = 1 << 20

    package let folder: StateDirectory
    /// The lock's descriptor; -1 for a store that only reads.
    private let lockDescriptor: Int32
    private var isReadOnly: Bool { lockDescriptor < 0 }
    /// Whether the last restore found its snapshot gone (a running stage pruned it after the listing).
    private var snapshotVanished = false
    /// The snapshot the current log continues, and that log's length in bytes.
    private var base: (barrier: Int, snapshotBytes: Int)?
    private var log: AppendOnlyFile?
    private var logBytes = 0
    /// The newest barrier checkpointed or restored; older barriers are never written again.
    package private(set) var latestBarrier: Int?

    /// Opens (creating) the stage's folder under the state directory and locks it.
    package init(root: StateDirectory, stage: String) throws(StageFailure) {
        folder = try root.subdirectory(stage)
        lockDescriptor = try folder.lock("lock")
    }

    /// Opens the stage's existing folder to read only (no folder created, no lock taken); nil when it has none.
    package static func reading(root: StateDirectory, stage: String) throws(StageFailure) -> CheckpointStore? {
        try root.existingSubdirectory(stage).map(CheckpointStore.init(readOnly:))
    }

    private init(readOnly folder: StateDirectory) {
        self.folder = folder
        lockDescriptor = -1
    }

    deinit { if lockDescriptor >= 0 { _ = close(lockDescriptor) } }

    /// What restoring found.
    package enum Restored: Equatable, Sendable {
        /// No state to restore: a first start, or nothing committed yet.
        case fresh(discardedUncommitted: Bool)
        /// The state of `barrier`, from the snapshot of `snapshot` and `frames` change frames after it.
        case restored(barrier: Int, snapshot: Int, frames: Int)
    }

    /// Restores the state of the last committed barrier into `state`, and removes what came after it (a store that
    /// only reads removes nothing).
    package func restore<State: CheckpointedState>(_ state: inout State, committed: Int?) throws(StageFailure)
        -> Restored
    {
        let snapshots = try snapshotBarriers()
        guard let committed, let chosen = snapshots.last(where: { $0 <= committed }) else {
            let hadState = !snapshots.isEmpty
            if !isReadOnly { for barrier in snapshots { removeCheckpoint(barrier) } }
            return .fresh(discardedUncommitted: hadState)
        }
        if !isReadOnly { for barrier in snapshots where barrier != chosen { removeCheckpoint(barrier) } }
        // The log before its snapshot: pruning removes the snapshot first, so a reader beside a running stage never
        // takes a snapshot without the whole log that continues it (it finds the snapshot gone instead).
        let log = try folder.read(Self.name(ofLog: chosen))
        let snapshotBytes = try readSnapshot(chosen, into: &state)
        let frames = try replayLog(log, of: chosen, through: committed, into: &state)
        if frames > 0 { state.finishApplyingChanges() }
        base = (chosen, snapshotBytes)
        latestBarrier = committed
        return .restored(barrier: committed, snapshot: chosen, frames: frames)
    }

    /// Makes `state` durable as of `barrier`; returns when it is on disk. Barriers at or before the latest one
    /// checkpointed (a resumed source repeats the restored barrier) are ignored.
    package func checkpoint<State: CheckpointedState>(_ state: inout State, barrier: Int, committed: Int?)
        throws(StageFailure)
    {
        precondition(!isReadOnly, "a checkpoint store opened to read cannot checkpoint")
        if let latestBarrier, barrier <= latestBarrier { return }
        latestBarrier = barrier
        if let base, State.isIncremental, logBytes <= max(Self.minimumCompactionBytes, base.snapshotBytes) {
            var writer = StateWriter()
            state.writeChanges(into: &writer)
            if !writer.bytes.isEmpty { try appendFrame(writer.bytes, barrier: barrier, after: base.barrier) }
        } else {
            var writer = StateWriter()
            state.writeSnapshot(into: &writer)
            try writeSnapshot(writer.bytes, barrier: barrier, format: State.stateFormat)
        }
        if let committed { try prune(committed: committed) }
    }

    // MARK: - Reading beside a running stage

    /// Reads `stage`'s state of the barrier last committed in the state directory `path` into `state`, as a restart
    /// of the stage would restore it, changing nothing: no folder or lock file is created, no lock is taken (a stage
    /// running on the folder holds it; a tool taking it would make a stage starting at that moment fail), and no
    /// temporary, snapshot or log is removed or cut. A snapshot a running stage prunes while it is read (a newer
    /// one was committed) is read again from the newer commit, from `state` as it was passed.
    ///
    /// Nil when `path` does not exist; `.fresh` when nothing is committed or the stage has no state there.
    package static func readCommitted<State: CheckpointedState>(
        _ state: inout State, stateDirectory path: String, stage: String
    ) throws(StageFailure) -> Restored? {
        guard let root = try StateDirectory.existing(path: path) else { return nil }
        let initial = state
        var attempt = 0
        while true {
            attempt += 1
            let committed = try CommitMarker.read(from: root)?.barrier
            guard let store = try reading(root: root, stage: stage) else { return .fresh(discardedUncommitted: false) }
            do throws(StageFailure) {
                return try store.restore(&state, committed: committed)
            } catch {
                guard store.snapshotVanished, attempt < 3 else { throw error }
                state = initial
            }
        }
    }

    // MARK: - Snapshots

    private static let snapshotMagic: [UInt8] = Array("TPS1".utf8)
    private static let frameMagic: [UInt8] = Array("TPC1".utf8)

    private static func name(ofSnapshot barrier: Int) -> String { "snapshot-\(padded(barrier)).state" }
    private static func name(ofLog barrier: Int) -> String { "changes-\(padded(barrier)).log" }

    private static func padded(_ barrier: Int) -> String {
        let digits = String(barrier)
        return String(repeating: "0", count: max(0, 12 - digits.count)) + digits
    }

    private func snapshotBarriers() throws(StageFailure) -> [Int] {
        try folder.entries().compactMap { name -> Int? in
            guard name.hasPrefix("snapshot-"), name.hasSuffix(".state") else { return nil }
            return Int(name.dropFirst("snapshot-".count).dropLast(".state".count))
        }.sorted()
    }

    private func writeSnapshot(_ payload: [UInt8], barrier: Int, format: String) throws(StageFailure) {
        var file = Self.snapshotMagic
        var header = StateWriter()
        header.write(format)
        header.write(UInt64(barrier))
        header.write(UInt64(payload.count))
        file += header.bytes
        file += payload
        Self.appendChecksum(to: &file)
        try folder.replace(Self.name(ofSnapshot: barrier), with: file)
        base = (barrier, file.count)
        log = nil
        logBytes = 0
    }

    private func readSnapshot<State: CheckpointedState>(_ barrier: Int, into state: inout State)
        throws(StageFailure) -> Int
    {
        let name = Self.name(ofSnapshot: barrier)
        guard let file = try folder.read(name) else {
            snapshotVanished = true
            throw StageFailure("\(folder.path)/\(name): vanished")
        }
        let result: Result<Void, StateError> = file.withUnsafeBufferPointer { bytes in
            Result { () throws(StateError) in
                guard bytes.count >= 12, Array(bytes.prefix(4)) == Self.snapshotMagic,
                    Self.checksum(UnsafeBufferPointer(rebasing: bytes.dropLast(8))) == Self.trailingChecksum(bytes)
                else { throw StateError("not a snapshot, or damaged (checksum)") }
                var reader = StateReader(UnsafeBufferPointer(rebasing: bytes[4..<(bytes.count - 8)]))
                let format = try reader.readString()
                guard State.readableFormats.contains(format) else {
                    throw StateError("written as \(format), this program reads \(State.stateFormat)")
                }
                guard try reader.readUInt64() == UInt64(barrier) else { throw StateError("names another barrier") }
                _ = try reader.readUInt64()
                var payload = reader
                try state.restore(snapshot: &payload)
            }
        }
        if case .failure(let error) = result { throw StageFailure("\(folder.path)/\(name): \(error)") }
        return file.count
    }

    // MARK: - Change logs

    private func appendFrame(_ payload: [UInt8], barrier: Int, after snapshot: Int) throws(StageFailure) {
        if log == nil { log = try folder.openForAppending(Self.name(ofLog: snapshot)) }
        var frame = Self.frameMagic
        withUnsafeBytes(of: UInt64(barrier).littleEndian) { frame.append(contentsOf: $0) }
        withUnsafeBytes(of: UInt32(payload.count).littleEndian) { frame.append(contentsOf: $0) }
        frame += payload
        Self.appendChecksum(to: &frame)
        try log!.appendDurably(frame)
        logBytes += frame.count
    }

    /// Applies the frames of the log after `snapshot` (its bytes: `file`) up to `committed`; cuts the log after the
    /// last one applied, unless the store only reads.
    private func replayLog<State: CheckpointedState>(
        _ file: [UInt8]?, of snapshot: Int, through committed: Int, into state: inout State
    ) throws(StageFailure) -> Int {
        let name = Self.name(ofLog: snapshot)
        guard let file else { return 0 }
        var applied = 0
        var end = 0
        let result: Result<Void, StateError> = file.withUnsafeBufferPointer { bytes in
            Result { () throws(StateError) in
                var offset = 0
                while let frame = Self.frame(in: bytes, at: offset), frame.barrier <= committed {
                    var reader = StateReader(frame.payload)
                    try state.apply(changes: &reader)
                    applied += 1
                    offset = frame.end
                    end = frame.end
                }
            }
        }
        if case .failure(let error) = result { throw StageFailure("\(folder.path)/\(name): \(error)") }
        if end < file.count && !isReadOnly { try folder.truncate(name, to: end) }
        logBytes = end
        return applied
    }

    /// The frame starting at `offset`, or nil at the end or where a crash tore it.
    private static func frame(in bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> (
        barrier: Int, payload: UnsafeBufferPointer<UInt8>, end: Int
    )? {
        let headerLength = 16
        guard bytes.count - offset >= headerLength + 8, Array(bytes[offset..<(offset + 4)]) == frameMagic else {
            return nil
        }
        var barrier: UInt64 = 0
        for index in 0..<8 { barrier |= UInt64(bytes[offset + 4 + index]) << (8 * UInt64(index)) }
        var length = 0
        for index in 0..<4 { length |= Int(bytes[offset + 12 + index]) << (8 * index) }
        let end = offset + headerLength + length + 8
        guard end <= bytes.count else { return nil }
        let framed = UnsafeBufferPointer(rebasing: bytes[offset..<(end - 8)])
        guard checksum(framed) == trailingChecksum(UnsafeBufferPointer(rebasing: bytes[offset..<end])) else {
            return nil
        }
        return (Int(barrier), UnsafeBufferPointer(rebasing: bytes[(offset + headerLength)..<(end - 8)]), end)
    }

    // MARK: - Pruning

    /// Keeps the newest snapshot a commit covers and everything after it.
    private func prune(committed: Int) throws(StageFailure) {
        let snapshots = try snapshotBarriers()
        guard let keep = snapshots.last(where: { $0 <= committed }) else { return }
        for barrier in snapshots where barrier < keep { removeCheckpoint(barrier) }
    }

    private func removeCheckpoint(_ barrier: Int) {
        folder.remove(Self.name(ofSnapshot: barrier))
        folder.remove(Self.name(ofLog: barrier))
    }

    // MARK: - Checksums

    private static func checksum(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash = StableHash()
        hash.combine(bytes: bytes)
        return hash.value
    }

    private static func trailingChecksum(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var value: UInt64 = 0
        for index in 0..<8 { value |= UInt64(bytes[bytes.count - 8 + index]) << (8 * UInt64(index)) }
        return value
    }

    private static func appendChecksum(to bytes: inout [UInt8]) {
        let value = bytes.withUnsafeBufferPointer { checksum($0) }
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
}
