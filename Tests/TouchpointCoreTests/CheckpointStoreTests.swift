import Glibc
import Testing
import TouchpointCore
import TouchpointTesting

/// A counter whose checkpoints are incremental: a change frame holds what was added since the last one.
private struct Tally: CheckpointedState {
    static let stateFormat = "tally/1"
    static let isIncremental = true
    var total = 0
    var sinceCheckpoint = 0

    mutating func add(_ value: Int) {
        total += value
        sinceCheckpoint += value
    }

    mutating func writeSnapshot(into writer: inout StateWriter) {
        writer.write(total)
        sinceCheckpoint = 0
    }

    mutating func writeChanges(into writer: inout StateWriter) {
        if sinceCheckpoint != 0 { writer.write(sinceCheckpoint) }
        sinceCheckpoint = 0
    }

    mutating func restore(snapshot reader: inout StateReader) throws(StateError) { total = try reader.readInt() }

    mutating func apply(changes reader: inout StateReader) throws(StateError) { total += try reader.readInt() }
}

/// State whose changes are large, to reach compaction in a few checkpoints.
private struct Blob: CheckpointedState {
    static let stateFormat = "tally/1"
    static let isIncremental = true
    var count = 0
    var pending = 0

    mutating func append(_ bytes: Int) {
        count += bytes
        pending += bytes
    }

    mutating func writeSnapshot(into writer: inout StateWriter) {
        writer.write(count)
        pending = 0
    }

    mutating func writeChanges(into writer: inout StateWriter) {
        let padding = [UInt8](repeating: 7, count: pending)
        padding.withUnsafeBufferPointer { writer.write(bytes: $0) }
        pending = 0
    }

    mutating func restore(snapshot reader: inout StateReader) throws(StateError) { count = try reader.readInt() }

    mutating func apply(changes reader: inout StateReader) throws(StateError) { count += try reader.readBytes().count }
}

private struct OtherLayout: CheckpointedState {
    static let stateFormat = "tally/2"
    mutating func writeSnapshot(into writer: inout StateWriter) {}
    mutating func restore(snapshot reader: inout StateReader) throws(StateError) {}
}

/// A later layout of `Tally` that appends a member and still reads `tally/1` (as alert/2 reads alert/1).
private struct ExtendedTally: CheckpointedState {
    static let stateFormat = "tally/3"
    static var readableFormats: Set<String> { ["tally/1", stateFormat] }
    var total = 0
    var extra: Int?

    mutating func writeSnapshot(into writer: inout StateWriter) {
        writer.write(total)
        writer.write(extra ?? 0)
    }

    mutating func restore(snapshot reader: inout StateReader) throws(StateError) {
        total = try reader.readInt()
        extra = reader.isAtEnd ? nil : try reader.readInt()
    }
}

struct CheckpointStoreTests {
    private func store(_ directory: TemporaryDirectory) throws -> CheckpointStore {
        try CheckpointStore(root: StateDirectory(path: directory.path), stage: "tally")
    }

    /// Checkpoints barriers 1...5 adding 10 each time; returns the store's folder.
    private func checkpointFive(in directory: TemporaryDirectory) throws {
        let store = try store(directory)
        var tally = Tally()
        for barrier in 1...5 {
            tally.add(10)
            try store.checkpoint(&tally, barrier: barrier, committed: nil)
        }
    }

    @Test func restoresTheCommittedBarrierFromSnapshotAndChanges() throws {
        let directory = try TemporaryDirectory()
        try checkpointFive(in: directory)
        var tally = Tally()
        let restored = try store(directory).restore(&tally, committed: 3)
        #expect(restored == .restored(barrier: 3, snapshot: 1, frames: 2))
        #expect(tally.total == 30)
    }

    @Test func framesAfterTheCommittedBarrierAreCutSoTheReplayWritesThemAgain() throws {
        let directory = try TemporaryDirectory()
        try checkpointFive(in: directory)
        let size = directory.bytes("tally/changes-000000000001.log")?.count ?? 0
        do {
            var tally = Tally()
            let store = try store(directory)
            _ = try store.restore(&tally, committed: 2)
            tally.add(7)
            try store.checkpoint(&tally, barrier: 3, committed: 2)
        }
        #expect((directory.bytes("tally/changes-000000000001.log")?.count ?? 0) < size)
        var tally = Tally()
        _ = try store(directory).restore(&tally, committed: 3)
        #expect(tally.total == 27)
    }

    @Test func aTornFrameAtTheEndOfTheLogIsIgnored() throws {
        let directory = try TemporaryDirectory()
        try checkpointFive(in: directory)
        var log = directory.bytes("tally/changes-000000000001.log") ?? []
        log.removeLast(5)
        directory.write("tally/changes-000000000001.log", log)
        var tally = Tally()
        #expect(try store(directory).restore(&tally, committed: 5) == .restored(barrier: 5, snapshot: 1, frames: 3))
        #expect(tally.total == 40)
    }

    @Test func nothingCommittedMeansAFreshStartAndTheOldStateIsDiscarded() throws {
        let directory = try TemporaryDirectory()
        try checkpointFive(in: directory)
        var tally = Tally()
        #expect(try store(directory).restore(&tally, committed: nil) == .fresh(discardedUncommitted: true))
        #expect(tally.total == 0)
        #expect(!directory.exists("tally/snapshot-000000000001.state"))
    }

    @Test func aSnapshotOfAnotherLayoutIsRefusedNotMisread() throws {
        let directory = try TemporaryDirectory()
        try checkpointFive(in: directory)
        var other = OtherLayout()
        #expect(throws: StageFailure.self) { try store(directory).restore(&other, committed: 5) }
    }

    @Test func aLayoutReadsTheEarlierOnesItNamesAndNoOther() throws {
        let directory = try TemporaryDirectory()
        do {
            let store = try store(directory)
            var tally = Tally()
            tally.add(12)
            try store.checkpoint(&tally, barrier: 1, committed: nil)
        }
        var extended = ExtendedTally()
        #expect(try store(directory).restore(&extended, committed: 1) == .restored(barrier: 1, snapshot: 1, frames: 0))
        #expect(extended.total == 12 && extended.extra == nil)
        // tally/2 is not among the layouts it names: refused.
        do {
            let store = try store(directory)
            var other = OtherLayout()
            try store.checkpoint(&other, barrier: 2, committed: 1)
        }
        #expect(throws: StageFailure.self) { try store(directory).restore(&extended, committed: 2) }
    }

    @Test func compactionWritesANewSnapshotAndACommitPrunesTheOldOne() throws {
        let directory = try TemporaryDirectory()
        // Frames of 64 KiB: past the compaction size (1 MiB) a new snapshot starts the log again.
        let frames = 2 * CheckpointStore.minimumCompactionBytes / (64 << 10) + 4
        do {
            let store = try store(directory)
            var blob = Blob()
            for barrier in 1...frames {
                blob.append(64 << 10)
                try store.checkpoint(&blob, barrier: barrier, committed: barrier - 1)
            }
        }
        let snapshots = try StateDirectory(path: directory.path + "/tally").entries().filter {
            $0.hasPrefix("snapshot")
        }
        #expect(snapshots.count == 1)
        #expect(snapshots != ["snapshot-000000000001.state"])
        var restored = Blob()
        _ = try store(directory).restore(&restored, committed: frames)
        #expect(restored.count == frames * (64 << 10))
    }

    @Test func stateFilesArePrivateAndATornTemporaryIsRemoved() throws {
        let directory = try TemporaryDirectory()
        directory.write("tally/snapshot-000000000009.state.tmp-1-1-1", [1, 2, 3])
        try checkpointFive(in: directory)
        #expect(!directory.exists("tally/snapshot-000000000009.state.tmp-1-1-1"))
        var status = stat()
        stat(directory.path + "/tally/snapshot-000000000001.state", &status)
        #expect(status.st_mode & 0o777 == 0o600)
        stat(directory.path + "/tally", &status)
        #expect(status.st_mode & 0o777 == 0o700)
    }

    @Test func aPlantedSymbolicLinkIsNeverWrittenThrough() throws {
        let directory = try TemporaryDirectory()
        let victim = directory.write("victim.txt", Array("keep me\n".utf8))
        let folder = try StateDirectory(path: directory.path + "/state")
        symlink(victim, directory.path + "/state/changes.log")
        #expect(throws: StageFailure.self) { try folder.openForAppending("changes.log") }
        symlink(victim, directory.path + "/state/committed")
        try CommitMarker(barrier: 3).write(to: folder)
        #expect(try directory.read("victim.txt") == "keep me\n")
        #expect(try CommitMarker.read(from: folder)?.barrier == 3)
        symlink(victim, directory.path + "/dead-letters.ndjson")
        #expect(throws: StageFailure.self) { try DurableFile.openForAppending(directory.path + "/dead-letters.ndjson") }
        #expect(try directory.read("victim.txt") == "keep me\n")
    }

    @Test func aSecondProcessOnTheSameStateFolderIsRefused() throws {
        let directory = try TemporaryDirectory()
        let first = try store(directory)
        #expect(throws: StageFailure.self) { _ = try self.store(directory) }
        _ = first
    }

    @Test func stateEncodingRoundTrips() throws {
        var writer = StateWriter()
        writer.write(-5)
        writer.write(UInt64.max)
        writer.write(3.25)
        writer.write("café")
        writer.write(nil as String?)
        writer.write(Timestamp(milliseconds: 1_790_000_000_123))
        let bytes = writer.bytes
        try reading(bytes) { (reader: inout StateReader) throws in
            #expect(try reader.readInt() == -5)
            #expect(try reader.readUInt64() == .max)
            #expect(try reader.readDouble() == 3.25)
            #expect(try reader.readString() == "café")
            #expect(try reader.readOptionalString() == nil)
            #expect(try reader.readTimestamp() == Timestamp(milliseconds: 1_790_000_000_123))
            #expect(reader.isAtEnd)
            #expect(throws: StateError.self) { try reader.readInt() }
        }
    }
}

/// Runs `body` on a reader over `bytes`.
func reading(_ bytes: [UInt8], _ body: (inout StateReader) throws -> Void) throws {
    var copy = bytes
    try copy.withUnsafeMutableBufferPointer { buffer in
        var reader = StateReader(UnsafeBufferPointer(buffer))
        try body(&reader)
    }
}

struct ReplayFilterTests {
    /// ingest stamps `received` with the clock: a raw record read again after a restart is the same record.
    @Test func aRecordReadAgainAtAnotherTimeIsRecognised() {
        let first =
            #"{"kind":"record","source":{"name":"pos","line":2},"received":"2026-12-02T10:00:00.000Z","data":{"a":1}}"#
        let again =
            #"{"kind":"record","source":{"name":"pos","line":2},"received":"2026-12-02T10:05:00.000Z","data":{"a":1}}"#
        let other =
            #"{"kind":"record","source":{"name":"pos","line":3},"received":"2026-12-02T10:05:00.000Z","data":{"a":1}}"#
        var filter = ReplayFilter(tail: Array((first + "\n").utf8))
        func matches(_ line: String) -> Bool {
            var bytes = Array(line.utf8)
            return bytes.withUnsafeMutableBufferPointer { filter.matches(UnsafeBufferPointer($0)) }
        }
        #expect(!matches(other))
        #expect(matches(again))
        // A match is used up: the same record a second time is new output.
        #expect(!matches(again))
    }
}
