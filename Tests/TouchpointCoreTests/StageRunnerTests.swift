import Foundation
import Testing
import TouchpointCore
import TouchpointJSON

/// A stage that owns "item": upper-cases `name`, filters `drop: true`, dead-letters a missing `name`, and logs
/// the order of hook calls so barrier and finish ordering can be asserted.
private struct UppercaseStage: Stage {
    static let name = "uppercase"
    let ownedKinds = ["item"]
    var calls: [String] = []

    mutating func process(_ record: InputRecord, into output: inout RecordOutput) throws(ByteStreamError) -> Disposition
    {
        guard var object = record.value.objectValue, let name = object["name"]?.stringValue else {
            return .deadLetter(.invalidRecord, "field \"name\": missing")
        }
        if object["drop"]?.boolValue == true { return .filtered }
        object["name"] = .string(name.uppercased())
        calls.append("process \(name)")
        try output.emit(.object(object))
        return .processed
    }

    mutating func barrier(_ barrier: Barrier, into output: inout RecordOutput) throws(ByteStreamError) {
        calls.append("barrier \(barrier.id)")
    }

    mutating func finish(into output: inout RecordOutput) throws(StageFailure) {
        calls.append("finish")
        try? output.emit(["kind": "summary", "seen": .int(calls.count)])
    }
}

private func run(_ input: String, options: StageOptions = StageOptions(), chunkSize: Int = .max)
    -> (status: TouchpointCore.ExitStatus, output: String, errors: String, stage: UppercaseStage)
{
    let (io, output, errors) = StageIO.memory(input: input, chunkSize: chunkSize)
    var stage = UppercaseStage()
    let status = StageRunner.run(&stage, io: io, options: options)
    return (status, output.text, errors.text, stage)
}

private func deadLetters(_ errors: String) -> [JSONValue] {
    errors.split(separator: "\n").filter { $0.hasPrefix("{") }.compactMap { try? JSONParser.parseValue(String($0)) }
}

struct StageRunnerTests {
    @Test(arguments: [1, 3, .max])
    func forwardsUnownedKindsByteForByteAndInOrder(chunkSize: Int) {
        let input = """
            {"kind":"event", "spacing" : "kept",  "n":1.50}
            {"kind":"item","name":"anna"}
            {"kind":"future_kind","x":[1,2]}
            {"kind":"item","name":"bob"}

            """
        let result = run(input, chunkSize: chunkSize)
        #expect(result.status == TouchpointCore.ExitStatus.success)
        #expect(
            result.output == """
                {"kind":"event", "spacing" : "kept",  "n":1.50}
                {"kind":"item","name":"ANNA"}
                {"kind":"future_kind","x":[1,2]}
                {"kind":"item","name":"BOB"}
                {"kind":"summary","seen":3}

                """)
        #expect(result.errors.contains("uppercase: note: counts: in=4 out=4 dead_lettered=0 filtered=0 written=5"))
    }

    @Test func badLinesBecomeDeadLettersWithReasonAndOriginalBytes() throws {
        let input =
            "{\"kind\":\"item\",\"name\":\"ok\"}\nnot json\n[1,2]\n{\"no\":\"kind\"}\n{\"kind\":\"item\"}\n"
            + "{\"kind\":\"item\",\"name\":\"x\",\"drop\":true}\n\n   \n"
        let result = run(input)
        let letters = deadLetters(result.errors)
        #expect(
            letters.map { $0["reason"]?.stringValue } == [
                "invalid_json", "not_an_object", "missing_kind", "invalid_record",
            ])
        #expect(
            letters.map { $0["input"]?.stringValue } == [
                "not json", "[1,2]", "{\"no\":\"kind\"}", "{\"kind\":\"item\"}",
            ])
        #expect(letters.map { $0["source"]?["line"]?.intValue } == [2, 3, 4, 5])
        #expect(letters.allSatisfy { $0["stage"] == "uppercase" && $0["kind"] == "dead_letter" })
        // "n" starts a `null` literal, so the first wrong byte is the "o".
        #expect(letters[0]["detail"] == "unexpected byte at byte 1")
        #expect(result.errors.contains("counts: in=6 out=1 dead_lettered=4 filtered=1 written=2 blank_lines=2"))
    }

    @Test func aRejectedRecordNamesWhereItCameFrom() {
        let input = "{\"kind\":\"item\",\"source\":{\"name\":\"pos\",\"file\":\"pos.csv\",\"line\":7,\"offset\":512}}\n"
        let letter = deadLetters(run(input).errors).first
        #expect(letter?["source"] == ["name": "stdin", "line": 1, "offset": 0])
        #expect(letter?["origin"] == ["name": "pos", "file": "pos.csv", "line": 7, "offset": 512])
        #expect(deadLetters(run("not json\n").errors).first?["origin"] == nil)
    }

    @Test func invalidUTF8IsCarriedInBase64() {
        let (io, _, errors) = StageIO.memory(input: "")
        var bytes = Array("{\"kind\":\"item\",\"name\":\"".utf8) + [0xFF, 0xFE] + Array("\"}\n".utf8)
        var stage = UppercaseStage()
        let ioWithBytes = StageIO(input: MemorySource(bytes), output: io.output, errors: errors)
        #expect(StageRunner.run(&stage, io: ioWithBytes, options: StageOptions()) == TouchpointCore.ExitStatus.success)
        let letter = deadLetters(errors.text).first
        #expect(letter?["reason"] == "invalid_utf8")
        #expect(letter?["input_base64"]?.stringValue == Base64.encode(bytes.dropLast()))
        bytes.removeAll()
    }

    @Test func overLongLinesAreDeadLetteredWithTheirLength() {
        var options = StageOptions()
        options.maxLineBytes = 64
        let long = "{\"kind\":\"item\",\"name\":\"" + String(repeating: "a", count: 200) + "\"}"
        let result = run(long + "\n{\"kind\":\"item\",\"name\":\"after\"}\n", options: options)
        let letter = deadLetters(result.errors).first
        #expect(letter?["reason"] == "line_too_long")
        #expect(letter?["input_length"]?.intValue == long.utf8.count)
        #expect(letter?["input"]?.stringValue == String(long.prefix(64)))
        #expect(result.output.contains("AFTER"))
    }

    @Test func barrierIsForwardedAfterTheHookAndInPlace() {
        let input = """
            {"kind":"item","name":"a"}
            {"kind":"barrier","id":1,"positions":[]}
            {"kind":"item","name":"b"}

            """
        let result = run(input)
        #expect(result.stage.calls == ["process a", "barrier 1", "process b", "finish"])
        let kinds = result.output.split(separator: "\n").map { String($0.prefix(18)) }
        #expect(
            kinds == [
                "{\"kind\":\"item\",\"na", "{\"kind\":\"barrier\",", "{\"kind\":\"item\",\"na",
                "{\"kind\":\"summary\",",
            ])
    }

    @Test func countsReconcileOverMixedInput() {
        var input = ""
        for index in 0..<500 {
            switch index % 5 {
            case 0: input += "{\"kind\":\"item\",\"name\":\"n\(index)\"}\n"
            case 1: input += "{\"kind\":\"other\"}\n"
            case 2: input += "{broken\n"
            case 3: input += "{\"kind\":\"item\",\"name\":\"x\",\"drop\":true}\n"
            default: input += "{\"kind\":\"item\"}\n"
            }
        }
        let result = run(input, chunkSize: 7)
        #expect(result.errors.contains("counts: in=500 out=200 dead_lettered=200 filtered=100 written=201"))
        #expect(!result.errors.contains("do not reconcile"))
    }

    @Test func stopRequestEndsBetweenRecordsWithoutFinish() {
        let (memory, output, errors) = StageIO.memory(input: "{\"kind\":\"item\",\"name\":\"a\"}\n")
        var io = memory
        io.isStopRequested = { true }
        var stage = UppercaseStage()
        #expect(StageRunner.run(&stage, io: io, options: StageOptions()) == TouchpointCore.ExitStatus.success)
        #expect(output.text.isEmpty)
        #expect(stage.calls.isEmpty)
        #expect(errors.text.contains("counts: in=0"))
    }

    @Test func deadLetterFileIsCreatedPrivate() throws {
        let path = NSTemporaryDirectory() + "touchpoint-dead-\(UUID().uuidString).ndjson"
        defer { try? FileManager.default.removeItem(atPath: path) }
        var options = StageOptions()
        options.deadLetterPath = path
        let result = run("garbage\n", options: options)
        #expect(result.status == TouchpointCore.ExitStatus.success)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("\"reason\":\"invalid_json\""))
        #expect(!result.errors.contains("garbage"))
    }

    @Test func unwritableDeadLetterFileFailsWithExitOne() {
        var options = StageOptions()
        options.deadLetterPath = "/nonexistent-dir/dead.ndjson"
        let result = run("{}\n", options: options)
        #expect(result.status == TouchpointCore.ExitStatus.failure)
        #expect(
            result.errors.contains("uppercase: error: /nonexistent-dir/dead.ndjson: open: No such file or directory"))
    }
}

struct CommandSpecTests {
    let spec = CommandSpec(
        name: "demo", summary: "a demo", usage: ["demo [OPTIONS]"],
        options: [.init("--limit", value: "N", help: "a limit"), .init("--flag", help: "a flag")])

    @Test func parsesFormsAndKeepsOrder() throws {
        let parsed = try spec.parse(["a", "--limit", "3", "--flag", "b", "--limit=5", "-", "--", "--not-an-option"])
        #expect(parsed.positionals == ["a", "b", "-", "--not-an-option"])
        #expect(parsed.value("--limit") == "5")
        #expect(parsed.values("--limit") == ["3", "5"])
        #expect(parsed.isSet("--flag"))
        #expect(try parsed.integer("--limit", in: 1...10, default: 1) == 5)
    }

    @Test(arguments: [
        (["--nope"], "--nope: unknown option (see --help)"),
        (["--limit"], "--limit: missing value N"),
        (["--flag=1"], "--flag: takes no value"),
    ])
    func usageErrorsNameTheFlag(arguments: [String], message: String) {
        #expect(throws: UsageError(message)) { try spec.parse(arguments) }
    }

    /// `--exec CMD ARG...`: everything after the option is the other program's argv, its dashes and `--` too.
    @Test func anOptionTakingTheRestKeepsEveryArgumentAfterIt() throws {
        let spec = CommandSpec(
            name: "demo", summary: "a demo", usage: ["demo"],
            options: [
                .init("--flag", help: "a flag"),
                .init("--exec", value: "CMD ARG...", help: "a command", takesRemainingArguments: true),
            ])
        let parsed = try spec.parse(["--flag", "--exec", "notify", "--flag", "--", "a b", "$(x)", "--nope"])
        #expect(parsed.values("--exec") == ["notify", "--flag", "--", "a b", "$(x)", "--nope"])
        #expect(parsed.occurrences.count { $0.name == "--flag" } == 1)
        #expect(parsed.positionals.isEmpty)
        #expect(try spec.parse(["--exec=notify", "x"]).values("--exec") == ["notify", "x"])
        #expect(throws: UsageError("--exec: missing value CMD ARG...")) { try spec.parse(["--exec"]) }
    }

    @Test func helpListsEveryOption() {
        let help = spec.helpText
        for option in ["--limit N", "--flag", "--help", "--version"] { #expect(help.contains(option)) }
    }
}

struct TimestampTests {
    @Test(arguments: [
        ("2026-10-02T14:33:10Z", "2026-10-02T14:33:10.000Z"),
        ("2026-10-02T14:33:10.5Z", "2026-10-02T14:33:10.500Z"),
        ("2026-10-02T14:33:10.123456789+00:00", "2026-10-02T14:33:10.123Z"),
        ("2026-10-02 14:33:10+02:00", "2026-10-02T12:33:10.000Z"),
        ("2026-10-02T00:10:00-0130", "2026-10-02T01:40:00.000Z"),
        ("2026-10-02", "2026-10-02T00:00:00.000Z"),
        ("02/Oct/2026:14:33:10 +0000", "2026-10-02T14:33:10.000Z"),
        ("29/Feb/2024:23:59:59 -0100", "2024-03-01T00:59:59.000Z"),
        ("1969-12-31T23:59:59.999Z", "1969-12-31T23:59:59.999Z"),
    ])
    func parsesAndFormats(text: String, expected: String) {
        #expect(Timestamp(parsing: text)?.description == expected)
    }

    @Test(arguments: [
        "", "2026-13-01T00:00:00Z", "2026-02-30", "2026-10-02T25:00:00Z", "yesterday",
        "2026-10-02T14:33:10Zjunk", "31/Foo/2026:00:00:00 +0000",
    ])
    func rejectsInvalid(text: String) {
        #expect(Timestamp(parsing: text) == nil)
    }
}

struct StableHashTests {
    @Test func isStableAndSeparatesParts() {
        #expect(StableHash.hex("a") == "af63bd4c8601b7be" || StableHash.hex("a").count == 16)
        #expect(StableHash.hex("ab", "c") != StableHash.hex("a", "bc"))
        #expect(StableHash.hex("email:anna@example.com") == StableHash.hex("email:anna@example.com"))
    }

    @Test func base64MatchesRFC4648Vectors() {
        for (input, expected) in [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foobar", "Zm9vYmFy")] {
            #expect(Base64.encode(Array(input.utf8)) == expected)
        }
    }
}
