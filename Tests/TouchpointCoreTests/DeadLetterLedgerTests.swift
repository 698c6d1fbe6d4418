import Glibc
import Testing
import TouchpointCore
import TouchpointJSON
import TouchpointTesting

/// The dead-letter ledger on real files: what a restart cuts back, and what it never touches.
@Suite struct DeadLetterLedgerTests {
    /// One start of a stage: the dead-letter file opened for appending, its ledger in the stage's state folder.
    private final class Start {
        let descriptor: Int32
        let buffer: OutputBuffer
        let ledger: DeadLetterLedger
        let folder: StateDirectory

        init(_ directory: TemporaryDirectory, file: String = "dead.ndjson") throws {
            descriptor = try DurableFile.openForAppending(directory.path + "/" + file)
            buffer = OutputBuffer(sink: FileDescriptorSink(descriptor: descriptor))
            folder = try StateDirectory(path: directory.path + "/state/normalize")
            ledger = DeadLetterLedger(
                folder: folder, file: DeadLetterFile(path: file, descriptor: descriptor, buffer: buffer))
        }

        deinit { close(descriptor) }

        /// Buffers a dead letter (the ledger flushes it at the next checkpoint).
        func deadLetter(_ text: String) { buffer.bytes += Array((text + "\n").utf8) }
    }

    private static func text(_ directory: TemporaryDirectory, _ name: String = "dead.ndjson") -> String {
        String(decoding: directory.bytes(name) ?? [], as: UTF8.self)
    }

    private static func ledgerLines(_ directory: TemporaryDirectory) -> [String] {
        text(directory, "state/normalize/\(DeadLetterLedger.fileName)").split(separator: "\n").map(String.init)
    }

    @Test func aRestartCutsTheFileBackToItsLengthAtTheCommittedBarrier() throws {
        let directory = try TemporaryDirectory()
        do {
            let start = try Start(directory)
            #expect(try start.ledger.restore(committed: nil).isEmpty)
            start.deadLetter("a")
            try start.ledger.record(barrier: 1, committed: nil)
            start.deadLetter("b")
            try start.ledger.record(barrier: 2, committed: 1)
            start.deadLetter("c")
            try start.buffer.flush()
        }
        #expect(Self.text(directory) == "a\nb\nc\n")
        let restart = try Start(directory)
        let messages = try restart.ledger.restore(committed: 1)
        #expect(Self.text(directory) == "a\n")
        #expect(messages.count == 1)
        if case .note(let text)? = messages.first { #expect(text.contains("4 bytes after it are written again")) }
        // Only the restored entry is left; a barrier that repeats it is not recorded again.
        #expect(restart.ledger.entries.map(\.barrier) == [1])
        #expect(Self.ledgerLines(directory).count == 1)
        try restart.ledger.record(barrier: 1, committed: 1)
        #expect(restart.ledger.entries.map(\.barrier) == [1])
        restart.deadLetter("b")
        try restart.ledger.record(barrier: 2, committed: 1)
        #expect(Self.text(directory) == "a\nb\n")
        #expect(restart.ledger.entries.map(\.size) == [2, 4])
    }

    @Test func aFileWithOlderContentsIsNeverCutBelowWhereTheStateBegan() throws {
        let directory = try TemporaryDirectory()
        try directory.write("dead.ndjson", "older run\n")
        do {
            let start = try Start(directory)
            _ = try start.ledger.restore(committed: nil)
            start.deadLetter("x")
            try start.ledger.record(barrier: 1, committed: nil)
            start.deadLetter("y")
            try start.buffer.flush()
        }
        // Nothing was ever committed: the whole run is replayed, its dead letters with it, the older ones stay.
        let restart = try Start(directory)
        let messages = try restart.ledger.restore(committed: nil)
        #expect(Self.text(directory) == "older run\n")
        guard case .warning(let text)? = messages.first else {
            Issue.record("expected a warning, got \(messages)")
            return
        }
        #expect(text.contains("never committed"))
        // A commit naming a barrier this ledger never saw (the stage joined later) falls back to the same floor.
        restart.deadLetter("z")
        try restart.buffer.flush()
        let again = try Start(directory)
        _ = try again.ledger.restore(committed: 7)
        #expect(Self.text(directory) == "older run\n")
    }

    @Test func aRotatedFileIsNotCutAndTheWarningIsGivenOnce() throws {
        let directory = try TemporaryDirectory()
        do {
            let start = try Start(directory)
            _ = try start.ledger.restore(committed: nil)
            start.deadLetter("first")
            try start.ledger.record(barrier: 1, committed: nil)
            start.deadLetter("second")
            try start.buffer.flush()
        }
        // Rotated while the stage was down: a new file, longer than the recorded length, in its place.
        #expect(rename(directory.path + "/dead.ndjson", directory.path + "/dead.ndjson.1") == 0)
        try directory.write("dead.ndjson", "a new file, longer than six bytes\n")
        let restart = try Start(directory)
        let messages = try restart.ledger.restore(committed: 1)
        #expect(Self.text(directory) == "a new file, longer than six bytes\n")
        #expect(Self.text(directory, "dead.ndjson.1") == "first\nsecond\n")
        #expect(messages.count == 1)
        if case .warning(let text)? = messages.first { #expect(text.contains("rotated or replaced")) }
        // The new file is the one recorded now: the next start, still at barrier 1, cuts it to where it was.
        restart.deadLetter("replayed")
        try restart.buffer.flush()
        let again = try Start(directory)
        let second = try again.ledger.restore(committed: 1)
        #expect(Self.text(directory) == "a new file, longer than six bytes\n")
        #expect(!second.contains { if case .warning = $0 { true } else { false } })
    }

    @Test func aFileCutShorterByHandIsNeitherCutNorGrown() throws {
        let directory = try TemporaryDirectory()
        do {
            let start = try Start(directory)
            _ = try start.ledger.restore(committed: nil)
            start.deadLetter("0123456789")
            try start.ledger.record(barrier: 1, committed: nil)
        }
        let descriptor = open(directory.path + "/dead.ndjson", O_WRONLY)
        #expect(ftruncate(descriptor, 3) == 0)
        close(descriptor)
        let restart = try Start(directory)
        #expect(try restart.ledger.restore(committed: 1).isEmpty)
        #expect(Self.text(directory) == "012")
        #expect(restart.ledger.entries.map(\.size) == [3])
    }

    @Test func theLedgerIsCompactedAsCommitsMoveOn() throws {
        let directory = try TemporaryDirectory()
        let start = try Start(directory)
        _ = try start.ledger.restore(committed: nil)
        var longest = 0
        for barrier in 1...500 {
            start.deadLetter("letter \(barrier)")
            // The commit trails the checkpoints by a few barriers, as it does when stages downstream are slower.
            try start.ledger.record(barrier: barrier, committed: barrier > 3 ? barrier - 3 : nil)
            longest = max(longest, Self.ledgerLines(directory).count)
        }
        #expect(longest <= DeadLetterLedger.compactionEntries + 4)
        #expect(start.ledger.entries.count == Self.ledgerLines(directory).count)
        #expect(start.ledger.entries.last?.barrier == 500)
        // What is kept still restores: barrier 497 is committed, so the last three letters go.
        let restart = try Start(directory)
        _ = try restart.ledger.restore(committed: 497)
        #expect(Self.text(directory).hasSuffix("letter 497\n"))
    }

    @Test func aTornOrDamagedLineEndsTheLedger() throws {
        let directory = try TemporaryDirectory()
        do {
            let start = try Start(directory)
            _ = try start.ledger.restore(committed: nil)
            start.deadLetter("kept")
            try start.ledger.record(barrier: 1, committed: nil)
            start.deadLetter("later")
            try start.ledger.record(barrier: 2, committed: nil)
        }
        // Barrier 2's line damaged (a digit changed, so its checksum fails), then a line a crash cut short.
        var lines = Self.ledgerLines(directory)
        lines[2] = lines[2].replacingOccurrences(of: " 11 ", with: " 12 ")
        try directory.write(
            "state/normalize/\(DeadLetterLedger.fileName)", lines.joined(separator: "\n") + "\n3 1 2")
        let restart = try Start(directory)
        _ = try restart.ledger.restore(committed: 2)
        #expect(Self.text(directory) == "kept\n")
        #expect(restart.ledger.entries.map(\.barrier) == [1])
    }
}
