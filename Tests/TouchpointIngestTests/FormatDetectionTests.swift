import Foundation
import Testing
import TouchpointIngest
import TouchpointTesting

/// Detection on real files: the fixtures (rsyslog, logger, nginx, logfmter output) and the bundled sample's CSV,
/// NDJSON and combined log files.
struct FormatDetectionTests {
    static func fixture(_ name: String) throws -> [UInt8] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
        return try [UInt8](Data(contentsOf: url))
    }

    static func sample(_ bytes: [UInt8]) -> FormatSample { FormatSample(prefix: bytes, isWholeFile: true) }

    @Test(arguments: [
        ("rsyslog-traditional.log", "syslog (RFC 3164)"),
        ("rsyslog-precise.log", "syslog (RFC 3164)"),
        ("rsyslog-rfc5424.log", "syslog (RFC 5424)"),
        ("nginx-combined.log", "clf"),
        ("nginx-common.log", "clf"),
        ("nginx-timed.log", "clf"),
        ("logfmter.log", "logfmt"),
    ])
    func realFilesAreRecognized(file: String, label: String) throws {
        let ranking = FormatDetection.rank(Self.sample(try Self.fixture(file)))
        #expect(ranking.first?.label == label, "\(ranking.map { "\($0.label)=\($0.decodedLines)" })")
    }

    @Test(arguments: [
        ("pipelines/sample/pos.csv", "csv"), ("pipelines/sample/calls.csv", "csv"),
        ("pipelines/sample/tickets.ndjson", "ndjson"), ("pipelines/sample/segment.ndjson", "ndjson"),
        ("pipelines/sample/web.log", "clf"),
    ])
    func theBundledSampleIsRecognized(path: String, label: String) throws {
        let text = try BuiltProducts.readRepositoryFile(path)
        // Only the start of the file, as the reading loop would keep it.
        let sample = FormatSample(prefix: Array(text.utf8.prefix(200_000)), isWholeFile: false)
        #expect(sample.lines.count > 5)
        let ranking = FormatDetection.rank(sample)
        #expect(ranking.first?.label == label, "\(ranking.map { "\($0.label)=\($0.decodedLines)" })")
        // Every line but a CSV header (a CSV record may span lines, and a kept line may be cut at 64 KiB).
        #expect(ranking.first?.decodedLines ?? 0 >= sample.lines.count / 2)
    }

    @Test func theWarningForSyslogReadAsCLF() throws {
        let sample = Self.sample(try Self.fixture("rsyslog-traditional.log"))
        let guess = try #require(FormatDetection.suggestion(for: sample, failing: "clf"))
        #expect(
            guess.warning(file: "web.log", failedLines: 2000, ofLines: 2000, formatName: "clf")
                == "web.log: 2000 of 2000 lines failed format clf; they look like syslog (RFC 3164)")
        #expect(guess.formatName == "syslog")
        #expect(guess.options == [FormatOptionAssignment(name: "rfc", value: "3164")])
        #expect(guess.decodedLines == sample.lines.count)
    }

    @Test func anotherVariantOfTheFailingFormatIsSuggested() throws {
        let sample = Self.sample(try Self.fixture("rsyslog-precise.log"))
        var options = FormatOptions()
        options.set("rfc", to: "5424")
        #expect(
            FormatDetection.suggestion(for: sample, failing: "syslog", options: options)?.label == "syslog (RFC 3164)")
        // Not the format that failed, with the options it failed with.
        options.set("rfc", to: "3164")
        #expect(
            FormatDetection.suggestion(for: sample, failing: "syslog", options: options)?.label != "syslog (RFC 3164)")
    }

    @Test func freeTextLooksLikeNothing() {
        let text = "Started the thing\nIt went well\nthen it did not\nStopping\n"
        #expect(FormatDetection.suggestion(for: Self.sample(Array(text.utf8)), failing: "clf") == nil)
        // One column of "csv" would take every line; a one-column header is not evidence.
        #expect(!FormatDetection.rank(Self.sample(Array(text.utf8))).contains { $0.formatName == "csv" })
    }

    @Test func aMinorityIsNotASuggestion() {
        let text = "level=info msg=ok\nplain text\nmore text\nstill text\n"
        #expect(FormatDetection.rank(Self.sample(Array(text.utf8))).first?.label == "logfmt")
        #expect(FormatDetection.suggestion(for: Self.sample(Array(text.utf8)), failing: "clf") == nil)
    }

    @Test func theSampleIsBounded() {
        var sample = FormatSample()
        let line = Array(repeating: UInt8(ascii: "x"), count: 5_000)
        for _ in 0..<100 { line.withUnsafeBufferPointer { sample.add($0) } }
        #expect(sample.isFull)
        #expect(sample.lines.count == 14)
        #expect(sample.lines.map(\.count).reduce(0, +) == FormatSample.maxBytes)
        var short = FormatSample()
        for _ in 0..<100 { Array("a=1".utf8).withUnsafeBufferPointer { short.add($0) } }
        #expect(short.lines.count == FormatSample.maxLines)
    }

    @Test func prefixSplittingDropsTheCutLineCRsBlanksAndTheByteOrderMark() {
        let bytes = [0xEF, 0xBB, 0xBF] + Array("a=1\r\n\n  \nb=2\nc=".utf8)
        #expect(FormatSample(prefix: bytes, isWholeFile: false).lines == [Array("a=1".utf8), Array("b=2".utf8)])
        #expect(FormatSample(prefix: bytes, isWholeFile: true).lines.last == Array("c=".utf8))
    }
}
