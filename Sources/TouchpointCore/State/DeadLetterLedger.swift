import Glibc
import TouchpointJSON

/// Makes a stage's `--dead-letters FILE` exactly-once under `--state DIR`, as the committer makes its output
/// (contract §6).
///
/// A restart replays the input after the committed barrier, and the dead letters in that stretch are written again
/// into a file that is only appended to. So at every checkpoint, before the barrier is forwarded, the ledger
/// `DIR/<stage>/dead-letters.ledger` records the file's length as of that barrier (its buffered dead letters written
/// and fsynced first) and which file it was (device and inode). On start it cuts the file back to its length at the
/// committed barrier, and the replay writes those dead letters once, again.
///
/// A dead letter names the line of the stage's input it came from, and a restarted stage's input starts again at
/// line 1 with the restored barrier; so an entry also keeps where its barrier was in the input (`line:offset`), and
/// the runner numbers the resumed input on from there: the dead letters of a replay name the same lines as before.
///
/// One line per entry: `<barrier> <device> <inode> <size> <line>:<offset> <checksum>` (`-` for no input position:
/// ingest's sources are files, whose positions survive a restart); the barrier is `base` for the length the file
/// had when the ledger began, the floor used while no barrier is committed: a file with older, unrelated contents is
/// never cut below it. A line a crash cut short or damaged (the checksum) ends the ledger there. The file is cut only
/// when it is still the same file (device and inode) and longer than recorded: a file rotated or replaced since is
/// left alone, with a warning. On start the ledger is rewritten (temporary, fsync, rename) with only the entry it
/// restored, and while running, once a commit has left enough entries behind, with only those from the committed one
/// on, so it stays a few lines long.
package final class DeadLetterLedger {
    package static let fileName = "dead-letters.ledger"
    /// Entries a commit has made obsolete that may pile up before the ledger is rewritten without them.
    package static let compactionEntries = 64

    /// The dead-letter file as of one barrier.
    package struct Entry: Equatable, Sendable {
        /// The barrier, or nil for the base: the length when the ledger began.
        package var barrier: Int?
        package var device: UInt64
        package var inode: UInt64
        package var size: Int
        /// Where the barrier was in the stage's input, as numbered across restarts.
        package var input: LinePosition?

        package init(barrier: Int?, device: UInt64, inode: UInt64, size: Int, input: LinePosition? = nil) {
            self.barrier = barrier
            self.device = device
            self.inode = inode
            self.size = size
            self.input = input
        }

        func isSameFile(as other: Entry) -> Bool { device == other.device && inode == other.inode }
    }

    private let folder: StateDirectory
    private let file: DeadLetterFile
    /// What the ledger file holds, in order.
    package private(set) var entries: [Entry] = []
    private var log: AppendOnlyFile?
    /// Where the restored barrier was in the stage's input, when the ledger knows.
    package private(set) var restoredInput: LinePosition?

    /// - Parameter folder: the stage's own state folder (`CheckpointStore.folder`), locked by its store.
    package init(folder: StateDirectory, file: DeadLetterFile) {
        self.folder = folder
        self.file = file
    }

    /// Cuts the dead-letter file back to its length at `committed` (or to the base, when nothing is committed) and
    /// rewrites the ledger with that entry alone; returns what to tell the user. Call before any dead letter is written.
    package func restore(committed: Int?) throws(StageFailure) -> [Diagnostic] {
        let recorded = try load()
        var current = try measure(barrier: nil)
        let chosen =
            committed.flatMap { committed in recorded.last { $0.barrier.map { $0 <= committed } ?? false } }
            ?? recorded.first { $0.barrier == nil }
        var messages: [Diagnostic] = []
        if let chosen {
            if !chosen.isSameFile(as: current) {
                messages.append(
                    .warning(
                        "dead letters: \(file.path) is not the file they were written to at \(Self.name(chosen)) "
                            + "(rotated or replaced); it is not cut back, so dead letters written after that and before "
                            + "the restart are in the earlier file and are written again here"))
            } else if current.size > chosen.size {
                try cut(to: chosen.size)
                messages.append(message(removed: current.size - chosen.size, back: chosen, committed: committed))
                current.size = chosen.size
            }
            current.barrier = chosen.barrier
            current.input = chosen.input
            // Only the committed barrier's own position places the resumed input, which starts with that barrier.
            restoredInput = chosen.barrier != nil && chosen.barrier == committed ? chosen.input : nil
        }
        try rewrite([current])
        return messages
    }

    /// Records the file's length as of `barrier`, once every dead letter before it is on disk; before the barrier's
    /// checkpoint. A barrier at or before the last one recorded (a resumed source repeats the restored one) is
    /// ignored. `input` is where the barrier is in the stage's input; `committed` lets obsolete entries go.
    package func record(barrier: Int, input: LinePosition? = nil, committed: Int?) throws(StageFailure) {
        if let last = entries.last?.barrier, barrier <= last { return }
        try file.flushDurably()
        var entry = try measure(barrier: barrier)
        entry.input = input
        if log == nil { log = try folder.openForAppending(Self.fileName) }
        try log!.appendDurably(Self.line(entry))
        entries.append(entry)
        if let committed,
            let floor = entries.lastIndex(where: { $0.barrier.map { $0 <= committed } ?? false }),
            floor >= Self.compactionEntries
        {
            try rewrite(Array(entries[floor...]))
        }
    }

    // MARK: - The dead-letter file

    private func measure(barrier: Int?) throws(StageFailure) -> Entry {
        var status = stat()
        guard fstat(file.descriptor, &status) == 0 else { throw failure("stat") }
        return Entry(
            barrier: barrier, device: UInt64(status.st_dev), inode: UInt64(status.st_ino), size: Int(status.st_size))
    }

    private func cut(to size: Int) throws(StageFailure) {
        guard ftruncate(file.descriptor, off_t(size)) == 0 else { throw failure("truncate") }
        guard fsync(file.descriptor) == 0 else { throw failure("fsync") }
    }

    private func failure(_ operation: String) -> StageFailure {
        StageFailure("\(file.path): \(operation): \(String(cString: strerror(errno)))")
    }

    private func message(removed: Int, back entry: Entry, committed: Int?) -> Diagnostic {
        let text = "dead letters: cut \(file.path) back to \(entry.size) bytes, its length at \(Self.name(entry))"
        if let committed {
            return .note("\(text) (barrier \(committed) is committed): \(removed) bytes after it are written again")
        }
        // Nothing committed: a pipeline killed before its first commit, or one without a committer, whose every
        // start discards its state and so these dead letters with it.
        return .warning(
            "\(text): \(removed) bytes were written under state that was never committed (the pipeline's last stage "
                + "records commits: --commit, or touchpoint commit)")
    }

    private static func name(_ entry: Entry) -> String {
        entry.barrier.map { "barrier \($0)" } ?? "the start of this state"
    }

    // MARK: - The ledger file

    private func rewrite(_ kept: [Entry]) throws(StageFailure) {
        try folder.replace(Self.fileName, with: kept.flatMap(Self.line))
        entries = kept
        // The rename put a new file in place; the open descriptor still points at the old one.
        log = nil
    }

    /// The entries up to the first line that is incomplete or damaged.
    private func load() throws(StageFailure) -> [Entry] {
        guard let bytes = try folder.read(Self.fileName) else { return [] }
        var loaded: [Entry] = []
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast() {
            guard let entry = Self.entry(String(decoding: line, as: UTF8.self)) else { break }
            loaded.append(entry)
        }
        return loaded
    }

    private static func line(_ entry: Entry) -> [UInt8] {
        let fields = fields(entry)
        return Array("\(fields) \(StableHash.hex(fields))\n".utf8)
    }

    private static func fields(_ entry: Entry) -> String {
        let input = entry.input.map { "\($0.number):\($0.offset)" } ?? "-"
        return "\(entry.barrier.map(String.init) ?? "base") \(entry.device) \(entry.inode) \(entry.size) \(input)"
    }

    private static func entry(_ line: String) -> Entry? {
        let parts = line.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 6, let device = UInt64(parts[1]), let inode = UInt64(parts[2]),
            let size = Int(parts[3]), size >= 0
        else { return nil }
        let barrier = parts[0] == "base" ? nil : Int(parts[0])
        guard barrier != nil || parts[0] == "base" else { return nil }
        var input: LinePosition?
        if parts[4] != "-" {
            let numbers = parts[4].split(separator: ":")
            guard numbers.count == 2, let line = Int(numbers[0]), let offset = Int(numbers[1]) else { return nil }
            input = LinePosition(number: line, offset: offset)
        }
        let entry = Entry(barrier: barrier, device: device, inode: inode, size: size, input: input)
        return StableHash.hex(fields(entry)) == parts[5] ? entry : nil
    }
}
