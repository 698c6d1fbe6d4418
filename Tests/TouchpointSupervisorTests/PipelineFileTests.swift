import Testing
import TouchpointCore

@testable import TouchpointSupervisor

/// The pipeline-file grammar, one row per rule: each text with the steps (or the error) it must give.
struct PipelineFileTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let text: String
        /// Each expected step as `line: stage arg|arg|…`, or nil when `error` is expected.
        let steps: [String]?
        let error: String?

        init(_ name: String, _ text: String, steps: [String]) {
            self.name = name
            self.text = text
            self.steps = steps
            error = nil
        }

        init(_ name: String, _ text: String, error: String) {
            self.name = name
            self.text = text
            steps = nil
            self.error = error
        }

        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case("one stage", "normalize\n", steps: ["1: normalize"]),
        Case("no final newline", "normalize", steps: ["1: normalize"]),
        Case(
            "all five", "ingest a.csv\nnormalize\nresolve-identity\nscore\nalert\n",
            steps: ["1: ingest a.csv", "2: normalize", "3: resolve-identity", "4: score", "5: alert"]),
        Case("blanks between words", "  ingest\t a.csv   b.csv  \n", steps: ["1: ingest a.csv|b.csv"]),
        Case(
            "comments and blank lines", "# head\n\n   # indented\ningest x  # tail\n\nscore\n",
            steps: ["4: ingest x", "6: score"]),
        Case("hash inside a word is literal", "ingest a#b\n", steps: ["1: ingest a#b"]),
        Case(
            "single quotes keep everything", "ingest 'a b' '$HOME' '\\n' '\"'\n",
            steps: ["1: ingest a b|$HOME|\\n|\""]),
        Case(
            "double quotes with escapes", #"ingest "a b" "say \"hi\"" "back\\slash" "\$x" "keep \n""# + "\n",
            steps: [#"1: ingest a b|say "hi"|back\slash|$x|keep \n"#]),
        Case("backslash outside quotes", ##"ingest a\ b \'q \#c"## + "\n", steps: ["1: ingest a b|'q|#c"]),
        Case("empty quoted arguments", "ingest '' \"\"\n", steps: ["1: ingest |"]),
        Case("adjacent quoted parts join", "ingest a'b c'\"d\"e\n", steps: ["1: ingest ab cde"]),
        Case(
            "continuation line", "ingest --received 2026-11-01T00:00:00Z \\\n    a.csv \\\n    b.csv\nscore\n",
            steps: ["1: ingest --received|2026-11-01T00:00:00Z|a.csv|b.csv", "4: score"]),
        Case("continuation inside a word", "ingest ab\\\ncd\n", steps: ["1: ingest abcd"]),
        Case("CRLF line ends", "ingest a.csv\r\nscore\r\n", steps: ["1: ingest a.csv", "2: score"]),
        Case(
            "no shell metacharacters", "ingest a.csv | rm -rf / ; $(reboot) > x\n",
            steps: ["1: ingest a.csv|||rm|-rf|/|;|$(reboot)|>|x"]),
        Case("unknown stage", "ingest a.csv\n\nrm -rf /\n", error: #"test.pipeline:3: unknown stage "rm""#),
        Case(
            "a path is not a stage name", "/usr/bin/ingest\n",
            error: #"test.pipeline:1: unknown stage "/usr/bin/ingest""#),
        Case("stage names are exact", "Ingest\n", error: #"test.pipeline:1: unknown stage "Ingest""#),
        Case("quoted stage name still checked", "'sh' -c x\n", error: #"test.pipeline:1: unknown stage "sh""#),
        Case("empty file", "", error: "test.pipeline: no stages (a pipeline file names one stage per line)"),
        Case(
            "only comments", "# nothing\n\n  # here\n",
            error: "test.pipeline: no stages (a pipeline file names one stage per line)"),
        Case(
            "unterminated single quote", "normalize\ningest 'a\nb'\n",
            error: "test.pipeline:2: unterminated single quote"),
        Case("unterminated double quote", "ingest \"a\n", error: "test.pipeline:1: unterminated double quote"),
        Case("backslash at end of file", "ingest a\\", error: "test.pipeline:1: backslash at end of file"),
        Case("NUL in an argument", "ingest a\u{0}b\n", error: "test.pipeline:1: NUL character in an argument"),
    ]

    @Test(arguments: cases)
    func parses(_ testCase: Case) {
        do {
            let file = try PipelineFile(parsing: testCase.text, path: "test.pipeline")
            let rendered = file.steps.map { step in
                "\(step.lineNumber): \(step.stage.rawValue)"
                    + (step.arguments.isEmpty ? "" : " " + step.arguments.joined(separator: "|"))
            }
            #expect(testCase.error == nil, "expected an error, got \(rendered)")
            #expect(rendered == testCase.steps)
        } catch {
            #expect(error.message == testCase.error)
        }
    }

    @Test func specsRunEveryStageFromTheBinaryDirectoryInTheWorkingDirectory() throws {
        let file = try PipelineFile(parsing: "ingest a.csv\nscore\nscore --half-life-days 7\n", path: "p")
        let specs = file.processSpecs(binaryDirectory: "/opt/tp/bin", workingDirectory: "/etc/tp")
        #expect(
            specs == [
                ProcessSpec(
                    label: "ingest", executablePath: "/opt/tp/bin/ingest", arguments: ["ingest", "a.csv"],
                    workingDirectory: "/etc/tp", isStage: true),
                ProcessSpec(
                    label: "score#2", executablePath: "/opt/tp/bin/score", arguments: ["score"],
                    workingDirectory: "/etc/tp", isStage: true),
                ProcessSpec(
                    label: "score#3", executablePath: "/opt/tp/bin/score",
                    arguments: ["score", "--half-life-days", "7"], workingDirectory: "/etc/tp", isStage: true),
            ])
    }

    @Test func theBundledDemoPipelineParses() throws {
        let file = try PipelineFile(contentsOf: DemoCommand.locatePipeline())
        #expect(file.steps.map(\.stage) == [.ingest, .normalize, .resolveIdentity, .score, .alert])
        #expect(file.steps[0].arguments.filter { $0.hasPrefix("sample/") }.count == 7)
    }
}
