import Foundation
import Testing
import TouchpointTesting

/// `ingest --follow` on real files and real processes: appends, rotation by the real `logrotate`, truncation,
/// SIGTERM and a kill -9 restart from `--state`. Every wait is a condition with a generous deadline, never a sleep
/// that the assertion depends on.
@Suite(.serialized)
struct FollowTests {
    static let received = "2026-11-01T00:00:00Z"

    @Test(arguments: [false, true])
    func appendedLinesArriveAndAPartialLineWaitsForItsNewline(isPolling: Bool) throws {
        let directory = try TemporaryDirectory()
        let log = try directory.write("app.ndjson", "{\"n\":0}\n")
        let child = try ChildProcess(
            BuiltProducts.executable("ingest"),
            ["--follow", "--received", Self.received] + (isPolling ? ["--poll"] : []) + [log])
        #expect(child.waitUntil { Self.numbers(in: $0.output) == [0] })
        try Self.append("{\"n\":1}\n{\"n\":", to: log)
        #expect(child.waitUntil { Self.numbers(in: $0.output) == [0, 1] })
        // The torn line must not come out on its own: give the follower its chance (a barrier after the batch).
        #expect(child.waitUntil { Self.lastBarrier(in: $0.output)?.contains("\"offset\":16") ?? false })
        #expect(!child.output.contains("dead_letter"))
        try Self.append("2}\n", to: log)
        #expect(child.waitUntil { Self.numbers(in: $0.output) == [0, 1, 2] })
        child.signal(SIGTERM)
        let (status, reason) = child.finish()
        #expect(reason == .exit)
        #expect(status == 0)
        #expect(child.errors.contains("ingest: note: counts: in=3 out=3 dead_lettered=0"))
        let last = try #require(Self.lastBarrier(in: child.output))
        #expect(last.contains("\"offset\":24"))
        #expect(last.contains("{\"name\":\"app\",\"status\":\"idle\"}"))
    }

    @Test func renameRotationByLogrotateLosesAndRepeatsNothing() throws {
        try rotateWhileWriting(method: "create")
    }

    @Test func copytruncateByLogrotateRepeatsNothingAndReadsEveryLineLeftOnDisk() throws {
        try rotateWhileWriting(method: "copytruncate")
    }

    /// Appends lines while logrotate rotates the file three times, then compares the output with what was written.
    private func rotateWhileWriting(method: String) throws {
        guard Self.hasLogrotate else {
            Issue.record("logrotate is not installed (.ci/run installs it)")
            return
        }
        let directory = try TemporaryDirectory()
        let log = try directory.write("app.ndjson", "")
        let config = try directory.write(
            "logrotate.conf", "\(log) {\n    rotate 3\n    \(method)\n    nocompress\n    missingok\n}\n")
        let child = try ChildProcess(
            BuiltProducts.executable("ingest"),
            ["--follow", "--received", Self.received, "--barrier-every", "100", log])
        let total = 4_000
        let writer = LineWriter(path: log, count: total)
        writer.start()
        for rotation in 1...3 {
            // Each rotation waits until the writer is a quarter further, so all three happen mid-stream.
            #expect(writer.waitUntilWritten(total * rotation / 4))
            let result = try ChildProcess.run(
                URL(fileURLWithPath: Self.logrotatePath), ["-f", "-s", directory.path + "/logrotate.state", config])
            #expect(result.status == 0, "logrotate: \(result.errors)")
        }
        #expect(writer.waitUntilWritten(total))
        let onDisk = Self.linesOnDisk(log)
        if method == "create" {
            #expect(onDisk.count == total)
        }
        // Every line still in a file, rotated or not, must come out.
        #expect(child.waitUntil(seconds: 60) { Set(Self.numbers(in: $0.output)).isSuperset(of: onDisk) })
        child.signal(SIGTERM)
        #expect(child.finish().status == 0)
        let numbers = Self.numbers(in: child.output)
        #expect(numbers.count == Set(numbers).count, "a line came out twice")
        if method == "create" {
            #expect(Set(numbers) == Set(0..<total), "lost: \(Set(0..<total).subtracting(numbers).sorted().prefix(10))")
        } else {
            // copytruncate loses what is written between logrotate's copy and its truncate (no file holds it);
            // everything else must be there once.
            #expect(Set(numbers).isSuperset(of: onDisk))
            #expect(Set(numbers).isSubset(of: Set(0..<total)))
            #expect(child.errors.contains("truncated after byte"))
        }
    }

    @Test func aWriterStillAppendingToTheRenamedFileIsReadAfterTheRotation() throws {
        let directory = try TemporaryDirectory()
        let log = try directory.write("app.ndjson", "")
        let child = try ChildProcess(
            BuiltProducts.executable("ingest"), ["--follow", "--received", Self.received, log])
        // A writer that has not reopened yet: its descriptor still points at the old file after the rename.
        let old = open(log, O_WRONLY | O_APPEND)
        defer { close(old) }
        let first = Array("{\"n\":0}\n".utf8)
        #expect(write(old, first, first.count) == first.count)
        #expect(child.waitUntil { Self.numbers(in: $0.output) == [0] })
        #expect(rename(log, log + ".1") == 0)
        try Self.append("{\"n\":1}\n", to: log)
        #expect(child.waitUntil { Self.numbers(in: $0.output) == [0, 1] })
        let late = Array("{\"n\":2}\n".utf8)
        #expect(write(old, late, late.count) == late.count)
        #expect(child.waitUntil { Set(Self.numbers(in: $0.output)) == [0, 1, 2] })
        child.signal(SIGTERM)
        #expect(child.finish().status == 0)
        // Both files are open at the end, so the final barrier names both.
        let last = try #require(Self.lastBarrier(in: child.output))
        #expect(last.components(separatedBy: "\"file\":\"\(log)\"").count == 3)
    }

    @Test func aClosedPipeEndsAQuietFollowerWithStatusZero() throws {
        let directory = try TemporaryDirectory()
        let log = try directory.write("app.ndjson", "{\"n\":0}\n")
        // head exits after the first line while the log stays quiet: ingest must notice without writing again.
        let script =
            "\"$0\" --follow --received \(Self.received) \"$1\" | head -n 1 > /dev/null; echo \"${PIPESTATUS[0]}\""
        let result = try ChildProcess.run(
            URL(fileURLWithPath: "/bin/bash"), ["-c", script, BuiltProducts.executable("ingest").path, log])
        #expect(result.output == "0\n")
    }

    @Test func truncationIsNotedAndTheFileIsReadAgainFromItsStart() throws {
        let directory = try TemporaryDirectory()
        let log = try directory.write("app.ndjson", "{\"n\":0}\n{\"n\":1}\n{\"n\":2}\n")
        let child = try ChildProcess(
            BuiltProducts.executable("ingest"), ["--follow", "--received", Self.received, log])
        #expect(child.waitUntil { Self.numbers(in: $0.output) == [0, 1, 2] })
        #expect(truncate(log, 0) == 0)
        #expect(child.waitUntil { $0.errors.contains("app.ndjson: truncated after byte 24") })
        try Self.append("{\"n\":3}\n", to: log)
        #expect(child.waitUntil { Self.numbers(in: $0.output) == [0, 1, 2, 3] })
        child.signal(SIGINT)
        #expect(child.finish().status == 0)
        #expect(child.output.contains("\"file\":\"\(log)\",\"line\":1,\"offset\":0},\"received\""))
    }

    @Test func aQuotedPatternPicksUpFilesThatAppearLater() throws {
        let directory = try TemporaryDirectory()
        try directory.write("logs/web.ndjson", "{\"n\":0}\n")
        let child = try ChildProcess(
            BuiltProducts.executable("ingest"), ["--follow", "--received", Self.received, "logs/*.ndjson"],
            directory: URL(fileURLWithPath: directory.path))
        #expect(child.waitUntil { Self.numbers(in: $0.output) == [0] })
        try Self.append("{\"n\":1}\n", to: directory.path + "/logs/chat.ndjson")
        #expect(child.waitUntil { Self.numbers(in: $0.output) == [0, 1] })
        #expect(
            child.output.contains("\"source\":{\"name\":\"chat\",\"format\":\"ndjson\",\"file\":\"logs/chat.ndjson\""))
        // Another file in the folder that does not match is not read.
        try Self.append("{\"n\":2}\n", to: directory.path + "/logs/notes.txt")
        try Self.append("{\"n\":3}\n", to: directory.path + "/logs/web.ndjson")
        #expect(child.waitUntil { Self.numbers(in: $0.output) == [0, 1, 3] })
        child.signal(SIGTERM)
        #expect(child.finish().status == 0)
        let last = try #require(Self.lastBarrier(in: child.output))
        #expect(last.contains("{\"name\":\"chat\",\"status\":\"idle\"}"))
        #expect(last.contains("{\"name\":\"web\",\"status\":\"idle\"}"))
    }

    @Test func severalFilesAreFollowedAtOnceAndAPatternResumesFromState() throws {
        let directory = try TemporaryDirectory()
        try directory.write("logs/web.ndjson", "{\"n\":0}\n")
        try directory.write("logs/chat.ndjson", "{\"n\":1}\n")
        let state = directory.path + "/state"
        let output = directory.path + "/out.ndjson"
        let commands: [(executable: URL, arguments: [String])] = [
            (
                BuiltProducts.executable("ingest"),
                ["--follow", "--received", Self.received, "--state", state, "logs/*.ndjson"]
            ),
            (BuiltProducts.executable("touchpoint"), ["commit", "--state", state]),
        ]
        let directoryURL = URL(fileURLWithPath: directory.path)
        var chain = try ProcessChain(commands, directory: directoryURL, output: output, log: directory.path + "/err")
        #expect(Self.waitUntil { Set(Self.numbers(inFile: output)) == [0, 1] })
        for number in stride(from: 2, to: 40, by: 2) {
            try Self.append("{\"n\":\(number)}\n", to: directory.path + "/logs/web.ndjson")
            try Self.append("{\"n\":\(number + 1)}\n", to: directory.path + "/logs/chat.ndjson")
        }
        #expect(Self.waitUntil { Set(Self.numbers(inFile: output)) == Set(0..<40) })
        chain.signal(SIGKILL, stage: 0)
        chain.wait()
        try Self.append("{\"n\":40}\n", to: directory.path + "/logs/web.ndjson")
        try Self.append("{\"n\":41}\n", to: directory.path + "/logs/new.ndjson")
        chain = try ProcessChain(commands, directory: directoryURL, output: output, log: directory.path + "/err")
        #expect(Self.waitUntil { Set(Self.numbers(inFile: output)) == Set(0..<42) })
        chain.signal(SIGTERM, stage: 0)
        #expect(chain.wait() == [0, 0])
        let numbers = Self.numbers(inFile: output)
        #expect(numbers.count == 42, "\(numbers)")
        let last = try #require(Self.lastBarrier(inFile: output))
        for name in ["web", "chat", "new"] { #expect(last.contains("{\"name\":\"\(name)\",\"status\":\"idle\"}")) }
    }

    @Test func aCompressedFileIsReadOnceBesideAFollowedOne() throws {
        let directory = try TemporaryDirectory()
        let log = try directory.write("app.ndjson", "{\"n\":1}\n")
        try directory.write("old.ndjson", "{\"n\":0}\n")
        let zipped = try ChildProcess.run(
            URL(fileURLWithPath: "/bin/sh"), ["-c", "gzip \"$0\"", directory.path + "/old.ndjson"])
        #expect(zipped.status == 0)
        let child = try ChildProcess(
            BuiltProducts.executable("ingest"),
            ["--follow", "--received", Self.received, "--format", "ndjson", directory.path + "/old.ndjson.gz", log])
        #expect(child.waitUntil { Self.numbers(in: $0.output) == [0, 1] })
        try Self.append("{\"n\":2}\n", to: log)
        #expect(child.waitUntil { Self.numbers(in: $0.output) == [0, 1, 2] })
        child.signal(SIGTERM)
        #expect(child.finish().status == 0)
        #expect(Self.numbers(in: child.output) == [0, 1, 2])
    }

    @Test func aRestartAfterACopytruncateReadsTheRestFromTheCopy() throws {
        guard Self.hasLogrotate else {
            Issue.record("logrotate is not installed (.ci/run installs it)")
            return
        }
        let directory = try TemporaryDirectory()
        let log = try directory.write("app.ndjson", (0..<500).map { "{\"n\":\($0)}\n" }.joined())
        let config = try directory.write(
            "logrotate.conf", "\(log) {\n    rotate 3\n    copytruncate\n    nocompress\n}\n")
        let state = directory.path + "/state"
        let output = directory.path + "/out.ndjson"
        let commands: [(executable: URL, arguments: [String])] = [
            (BuiltProducts.executable("ingest"), ["--follow", "--received", Self.received, "--state", state, log]),
            (BuiltProducts.executable("touchpoint"), ["commit", "--state", state]),
        ]
        let directoryURL = URL(fileURLWithPath: directory.path)
        var chain = try ProcessChain(commands, directory: directoryURL, output: output, log: directory.path + "/err")
        #expect(Self.waitUntil { Self.numbers(inFile: output).count == 500 })
        chain.signal(SIGTERM, stage: 0)
        #expect(chain.wait() == [0, 0])
        // While ingest is stopped: more lines, then logrotate copies them away and empties the file, then new ones.
        try Self.append((500..<1000).map { "{\"n\":\($0)}\n" }.joined(), to: log)
        let rotated = try ChildProcess.run(
            URL(fileURLWithPath: Self.logrotatePath), ["-f", "-s", directory.path + "/logrotate.state", config])
        #expect(rotated.status == 0, "logrotate: \(rotated.errors)")
        try Self.append((1000..<1200).map { "{\"n\":\($0)}\n" }.joined(), to: log)
        chain = try ProcessChain(commands, directory: directoryURL, output: output, log: directory.path + "/err")
        #expect(Self.waitUntil { Self.numbers(inFile: output).count >= 1200 })
        chain.signal(SIGTERM, stage: 0)
        #expect(chain.wait() == [0, 0])
        #expect(Self.numbers(inFile: output) == Array(0..<1200))
        let errors = (try? String(contentsOfFile: directory.path + "/err", encoding: .utf8)) ?? ""
        #expect(errors.contains("resuming the rotated file \(log).1 at byte"), "\(errors)")
    }

    @Test func aNewFileOnTheOldInodeIsReadFromItsStartAfterARestart() throws {
        let directory = try TemporaryDirectory()
        let log = try directory.write("app.ndjson", "{\"n\":0}\n{\"n\":1}\n{\"n\":2}\n")
        let state = directory.path + "/state"
        let output = directory.path + "/out.ndjson"
        let commands: [(executable: URL, arguments: [String])] = [
            (BuiltProducts.executable("ingest"), ["--follow", "--received", Self.received, "--state", state, log]),
            (BuiltProducts.executable("touchpoint"), ["commit", "--state", state]),
        ]
        let directoryURL = URL(fileURLWithPath: directory.path)
        var chain = try ProcessChain(commands, directory: directoryURL, output: output, log: directory.path + "/err")
        #expect(Self.waitUntil { Self.numbers(inFile: output) == [0, 1, 2] })
        chain.signal(SIGTERM, stage: 0)
        #expect(chain.wait() == [0, 0])
        var before = stat()
        #expect(stat(log, &before) == 0)
        // Deleted and written anew, longer than the committed offset: ext4 and tmpfs hand out the freed inode again,
        // so device and inode alone would say "the same file, read on from byte 24".
        #expect(unlink(log) == 0)
        try Self.append("{\"n\":10}\n{\"n\":11}\n{\"n\":12}\n", to: log)
        var after = stat()
        #expect(stat(log, &after) == 0)
        chain = try ProcessChain(commands, directory: directoryURL, output: output, log: directory.path + "/err")
        #expect(Self.waitUntil { Self.numbers(inFile: output).count >= 6 })
        chain.signal(SIGTERM, stage: 0)
        #expect(chain.wait() == [0, 0])
        #expect(
            Self.numbers(inFile: output) == [0, 1, 2, 10, 11, 12], "inode reused: \(before.st_ino == after.st_ino)")
    }

    @Test func killedAndRestartedFromStateResumesExactlyAcrossARotation() throws {
        guard Self.hasLogrotate else {
            Issue.record("logrotate is not installed (.ci/run installs it)")
            return
        }
        let setup = try CommittedFollowChain(barrierEvery: 50)
        let (directory, log, config, output) = (setup.directory, setup.log, setup.config, setup.output)
        let (chainLog, commands, directoryURL) = (setup.chainLog, setup.commands, setup.directoryURL)
        let total = 3_000
        let writer = LineWriter(path: log, count: total)
        writer.start()
        var chain = try ProcessChain(commands, directory: directoryURL, output: output, log: chainLog)
        #expect(writer.waitUntilWritten(total / 3))
        #expect(Self.waitUntil { Self.numbers(inFile: output).count > 100 })
        chain.signal(SIGKILL, stage: 0)
        chain.wait()
        // Rotated while ingest is down: the committed position names a file that is now app.ndjson.1.
        let rotated = try ChildProcess.run(
            URL(fileURLWithPath: Self.logrotatePath), ["-f", "-s", directory.path + "/logrotate.state", config])
        #expect(rotated.status == 0, "logrotate: \(rotated.errors)")
        chain = try ProcessChain(commands, directory: directoryURL, output: output, log: chainLog)
        #expect(writer.waitUntilWritten(total))
        #expect(Self.waitUntil(seconds: 60) { Set(Self.numbers(inFile: output)).count == total })
        chain.signal(SIGTERM, stage: 0)
        #expect(chain.wait() == [0, 0])
        let numbers = Self.numbers(inFile: output)
        #expect(numbers.count == total, "records in the output: \(numbers.count), expected \(total)")
        #expect(Set(numbers) == Set(0..<total))
        let errors = (try? String(contentsOfFile: chainLog, encoding: .utf8)) ?? ""
        #expect(errors.contains("resuming the rotated file"), "\(errors)")
    }

    @Test func repeatedKillsWhileWritingAndRotatingLoseAndRepeatNothing() throws {
        guard Self.hasLogrotate else {
            Issue.record("logrotate is not installed (.ci/run installs it)")
            return
        }
        let setup = try CommittedFollowChain(barrierEvery: 20)
        let (directory, log, config, output) = (setup.directory, setup.log, setup.config, setup.output)
        let (chainLog, commands, directoryURL) = (setup.chainLog, setup.commands, setup.directoryURL)
        let total = 3_000
        let writer = LineWriter(path: log, count: total)
        writer.start()
        // A fixed sequence, so a failure can be replayed: (records to wait for, stage to kill, rotate while down).
        let rounds: [(records: Int, stage: Int, rotates: Bool)] = [
            (150, 0, true), (300, 1, false), (200, 0, false), (250, 0, true), (100, 1, true),
        ]
        var seen = 0
        for round in rounds {
            let chain = try ProcessChain(commands, directory: directoryURL, output: output, log: chainLog)
            let target = min(total, seen + round.records)
            #expect(Self.waitUntil(seconds: 60) { Set(Self.numbers(inFile: output)).count >= target })
            seen = Set(Self.numbers(inFile: output)).count
            chain.signal(SIGKILL, stage: round.stage)
            // The other stage ends on its own: end of input for the committer, EPIPE or a closed pipe for ingest.
            chain.wait()
            if round.rotates {
                let rotated = try ChildProcess.run(
                    URL(fileURLWithPath: Self.logrotatePath), ["-f", "-s", directory.path + "/logrotate.state", config])
                #expect(rotated.status == 0, "logrotate: \(rotated.errors)")
            }
        }
        let chain = try ProcessChain(commands, directory: directoryURL, output: output, log: chainLog)
        #expect(writer.waitUntilWritten(total))
        #expect(Self.waitUntil(seconds: 60) { Set(Self.numbers(inFile: output)).count == total })
        chain.signal(SIGTERM, stage: 0)
        #expect(chain.wait() == [0, 0])
        let numbers = Self.numbers(inFile: output)
        let errors = (try? String(contentsOfFile: chainLog, encoding: .utf8)) ?? ""
        #expect(numbers.count == total, "records: \(numbers.count) of \(total)\n\(errors.suffix(2000))")
        #expect(Set(numbers) == Set(0..<total))
    }

    // MARK: - Helpers

    static let logrotatePath =
        ["/usr/sbin/logrotate", "/usr/bin/logrotate", "/sbin/logrotate"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        } ?? "/usr/sbin/logrotate"

    static var hasLogrotate: Bool { FileManager.default.isExecutableFile(atPath: logrotatePath) }

    static func append(_ text: String, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT, 0o600)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown) }
        defer { close(descriptor) }
        let bytes = Array(text.utf8)
        #expect(write(descriptor, bytes, bytes.count) == bytes.count)
    }

    /// The `n` of every record, in output order.
    static func numbers(in output: String) -> [Int] {
        output.split(separator: "\n").compactMap { line -> Int? in
            guard line.hasPrefix("{\"kind\":\"record\""), let range = line.range(of: "\"data\":{\"n\":") else {
                return nil
            }
            return Int(line[range.upperBound...].prefix(while: \.isNumber))
        }
    }

    static func numbers(inFile path: String) -> [Int] {
        numbers(in: (try? String(contentsOfFile: path, encoding: .utf8)) ?? "")
    }

    static func lastBarrier(inFile path: String) -> String? {
        lastBarrier(in: (try? String(contentsOfFile: path, encoding: .utf8)) ?? "")
    }

    static func lastBarrier(in output: String) -> String? {
        output.split(separator: "\n").last { $0.hasPrefix("{\"kind\":\"barrier\"") }.map(String.init)
    }

    /// The numbers in the followed file and its rotations, as they are on disk now.
    static func linesOnDisk(_ log: String) -> Set<Int> {
        var found = Set<Int>()
        for suffix in ["", ".1", ".2", ".3"] {
            let text = (try? String(contentsOfFile: log + suffix, encoding: .utf8)) ?? ""
            for line in text.split(separator: "\n") {
                if let number = Int(line.dropFirst(5).prefix(while: \.isNumber)) { found.insert(number) }
            }
        }
        return found
    }

    static func waitUntil(seconds: Double = 30, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            usleep(10_000)
        }
        return condition()
    }
}

/// Appends `{"n":0}` … `{"n":count-1}` to an existing file from a thread, opening the path anew for every line as a
/// logger that reopens its file would: after a rename rotation its next line goes to the new file at the path.
final class LineWriter: @unchecked Sendable {
    let path: String
    let count: Int
    private let lock = NSLock()
    private var written = 0

    init(path: String, count: Int) {
        self.path = path
        self.count = count
    }

    func start() {
        Thread.detachNewThread { [self] in
            for number in 0..<count {
                // Never O_CREAT: a file the writer made in the moment between logrotate's rename and its `create`
                // would be replaced by logrotate's, with the line in it. Between the two, wait for the new file.
                var descriptor = open(path, O_WRONLY | O_APPEND)
                while descriptor < 0 {
                    usleep(200)
                    descriptor = open(path, O_WRONLY | O_APPEND)
                }
                let bytes = Array("{\"n\":\(number)}\n".utf8)
                _ = write(descriptor, bytes, bytes.count)
                close(descriptor)
                lock.lock()
                written = number + 1
                lock.unlock()
                // About 2000 lines a second: fast enough to land lines inside every rotation.
                usleep(500)
            }
        }
    }

    func waitUntilWritten(_ target: Int, seconds: Double = 60) -> Bool {
        FollowTests.waitUntil(seconds: seconds) {
            lock.lock()
            defer { lock.unlock() }
            return written >= target
        }
    }
}

/// A followed log under logrotate's `create` rotation, read by `ingest --follow --state` into `touchpoint commit`.
private struct CommittedFollowChain {
    let directory: TemporaryDirectory
    let log: String
    let config: String
    let state: String
    let output: String
    let chainLog: String
    let commands: [(executable: URL, arguments: [String])]
    var directoryURL: URL { URL(fileURLWithPath: directory.path) }

    init(barrierEvery: Int) throws {
        directory = try TemporaryDirectory()
        log = try directory.write("app.ndjson", "")
        config = try directory.write("logrotate.conf", "\(log) {\n    rotate 3\n    create\n    nocompress\n}\n")
        state = directory.path + "/state"
        output = directory.path + "/out.ndjson"
        chainLog = directory.path + "/stderr.log"
        commands = [
            (
                BuiltProducts.executable("ingest"),
                [
                    "--follow", "--received", FollowTests.received, "--barrier-every", String(barrierEvery), "--state",
                    state, log,
                ]
            ),
            (BuiltProducts.executable("touchpoint"), ["commit", "--state", state]),
        ]
    }
}
