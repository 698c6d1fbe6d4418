import Foundation
import Glibc
import Testing
import TouchpointTesting

/// Contract §6 with `--state`: dead letters are exactly-once across kill -9 and restart, as the committed output is.
///
/// `ingest --dead-letters` reads a till export on a pipe this test writes to, `normalize --dead-letters --commit`
/// maps it; both kinds of bad row (a short row, ingest's; a type neither sale nor return, normalize's) are among good
/// ones. The pipe lets the kill land at a chosen point: a barrier committed, then more rows read and their dead
/// letters flushed to both files, and no barrier after them. Restarted on the same input, the chain's dead-letter files
/// and output equal an undisturbed run's byte for byte.
@Suite(.serialized)
struct DeadLetterRecoveryTests {
    enum Row { case good, refund, short }

    /// Rows before the kill, with the barrier after every 10th (`--barrier-every 10`): barrier 3 ends the first 20.
    static let committedRows: [Row] = (0..<20).map { [.good, .refund, .good, .short, .good][$0 % 5] }
    /// Rows read after barrier 3, fewer than 10 so no barrier follows them before the kill.
    static let uncommittedRows: [Row] = [.good, .short, .refund, .good, .refund, .short]
    static let laterRows: [Row] = [.good, .refund, .short, .good, .good, .short, .refund, .good]

    static func csv(_ rows: [Row], from first: Int) -> String {
        rows.enumerated().map { index, row in
            let number = first + index
            switch row {
            case .short: return "T\(number),a row cut short\n"
            case .good, .refund:
                return "T\(number),2026-10-01T10:\(String(format: "%02d", number % 60)):00Z,"
                    + (row == .good ? "sale" : "refund")
                    + ",S1,R1,L\(number),c\(number)@example.com,,Name \(number),SKU-1001x1,9.99,EUR\n"
            }
        }.joined()
    }

    static let header =
        "transaction_id,timestamp,type,store_id,register,loyalty_id,customer_email,customer_phone,customer_name,"
        + "items,total,currency\n"
    static let before = header + csv(committedRows, from: 1)
    static let between = csv(uncommittedRows, from: 21)
    static let after = csv(laterRows, from: 27)

    static let commands: [(executable: URL, arguments: [String])] = [
        (
            BuiltProducts.executable("ingest"),
            [
                "--state", "state", "--source", "pos", "--format", "csv", "--received", "2026-11-01T00:00:00Z",
                "--barrier-every", "10", "--dead-letters", "ingest.dead", "-",
            ]
        ),
        (
            BuiltProducts.executable("normalize"),
            ["--state", "state", "--dead-letters", "normalize.dead", "--commit"]
        ),
    ]

    /// One run's folder: its state, its dead-letter files, its output and the stages' stderr.
    struct Run {
        let folder: String

        init(_ directory: TemporaryDirectory, _ name: String) throws {
            folder = directory.path + "/" + name
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }

        func start() throws -> ProcessChain {
            try ProcessChain(
                DeadLetterRecoveryTests.commands, directory: URL(fileURLWithPath: folder),
                output: folder + "/out.ndjson", log: folder + "/stderr.log", isInputPiped: true)
        }

        func bytes(_ name: String) -> [UInt8] {
            FileManager.default.contents(atPath: folder + "/" + name).map { [UInt8]($0) } ?? []
        }

        func text(_ name: String) -> String { String(decoding: bytes(name), as: UTF8.self) }

        func lineCount(_ name: String) -> Int { bytes(name).reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } }

        var committedBarrier: Int? {
            guard let match = text("state/committed").firstMatch(of: #/"barrier":([0-9]+)/#) else { return nil }
            return Int(match.1)
        }

        /// The output, with the device and inode of stdin taken out of barriers: each run reads its own pipe.
        var output: String {
            text("out.ndjson").replacing(#/"device":[0-9]+,"inode":[0-9]+/#, with: #""device":0,"inode":0"#)
        }
    }

    static func feed(_ chain: ProcessChain, _ text: String) throws {
        try chain.input?.write(contentsOf: Data(text.utf8))
    }

    /// The rows of `rows` each stage dead-letters.
    static func deadLetterCounts(_ rows: [Row]) -> (ingest: Int, normalize: Int) {
        (rows.filter { $0 == .short }.count, rows.filter { $0 == .refund }.count)
    }

    @Test(arguments: ["ingest", "normalize"])
    func deadLettersAreExactlyOnceAcrossAKillAfterACommit(victim: String) throws {
        let directory = try TemporaryDirectory()
        let undisturbed = try Run(directory, "undisturbed")
        let quiet = try undisturbed.start()
        try Self.feed(quiet, Self.before + Self.between + Self.after)
        try quiet.input?.close()
        #expect(quiet.wait() == [0, 0], "\(undisturbed.text("stderr.log"))")
        let all = Self.deadLetterCounts(Self.committedRows + Self.uncommittedRows + Self.laterRows)
        #expect(undisturbed.lineCount("ingest.dead") == all.ingest)
        #expect(undisturbed.lineCount("normalize.dead") == all.normalize)
        #expect(undisturbed.text("normalize.dead").contains(#""reason":"invalid_field""#))
        #expect(undisturbed.text("ingest.dead").contains(#""reason":"malformed_input""#))

        let disturbed = try Run(directory, "disturbed")
        let chain = try disturbed.start()
        try Self.feed(chain, Self.before)
        try #require(FollowTests.waitUntil { disturbed.committedBarrier == 3 }, "\(disturbed.text("stderr.log"))")
        let committed = Self.deadLetterCounts(Self.committedRows)
        #expect(disturbed.lineCount("ingest.dead") == committed.ingest)
        try Self.feed(chain, Self.between)
        // Both stages flush when their input is idle: the dead letters past barrier 3 are in the files.
        let written = Self.deadLetterCounts(Self.committedRows + Self.uncommittedRows)
        try #require(
            FollowTests.waitUntil {
                disturbed.lineCount("ingest.dead") == written.ingest
                    && disturbed.lineCount("normalize.dead") == written.normalize
            })
        #expect(disturbed.committedBarrier == 3)
        chain.signal(SIGKILL, stage: Self.commands.firstIndex { $0.executable.lastPathComponent == victim }!)
        try chain.input?.close()
        chain.wait()

        let restarted = try disturbed.start()
        try Self.feed(restarted, Self.before + Self.between + Self.after)
        try restarted.input?.close()
        #expect(restarted.wait() == [0, 0], "\(disturbed.text("stderr.log"))")
        let log = disturbed.text("stderr.log")
        #expect(log.contains("ingest: note: dead letters: cut ingest.dead back to"), "\(log)")
        #expect(log.contains("normalize: note: dead letters: cut normalize.dead back to"), "\(log)")
        #expect(disturbed.text("ingest.dead") == undisturbed.text("ingest.dead"))
        #expect(disturbed.text("normalize.dead") == undisturbed.text("normalize.dead"))
        #expect(disturbed.output == undisturbed.output)
        #expect(disturbed.output.contains(#""kind":"event""#))
    }
}
