import Glibc
import Testing
import TouchpointCore
import TouchpointTesting

@testable import TouchpointSupervisor

/// The command line end to end, in-process, with stand-in stage executables: `--bin` points at shell scripts named
/// like the stages, so everything but the stages themselves is real.
struct TouchpointCommandTests {
    /// A directory with stand-in stages in `bin/` and pipeline files beside it.
    struct Fixture {
        let directory: TemporaryDirectory
        var bin: String { directory.path + "/bin" }

        init() throws {
            directory = try TemporaryDirectory()
            let stages = [
                "ingest":
                    #"for a in "$@"; do printf 'arg:%s\n' "$a"; done; printf 'pwd:%s\n' "$(pwd)"; echo "ingest: note: hello" >&2; : > ran"#,
                "normalize": "cat",
                "resolve-identity": #"cat; exit "${1:-0}""#,
                "score": "cat",
                "alert": #"cat; echo "alert: note: done" >&2"#,
            ]
            for (name, script) in stages {
                try directory.write("bin/" + name, "#!/bin/sh\n" + script + "\n", isExecutable: true)
            }
        }

        func pipeline(_ name: String, _ text: String) throws -> String { try directory.write(name, text) }
    }

    @Test func runsThePipelineInItsDirectoryAndRelaysStderr() throws {
        let fixture = try Fixture()
        defer { fixture.directory.remove() }
        let path = try fixture.pipeline("p/main.pipeline", "ingest 'a b' \"$HOME\" *.csv  # all\nnormalize\nalert\n")
        let result = touchpoint(["run", path, "--bin", fixture.bin])
        #expect(result.status == .success)
        let directory = fixture.directory.path + "/p"
        #expect(result.output == "arg:a b\narg:$HOME\narg:*.csv\npwd:\(directory)\n")
        #expect(untimedLines(result.errors) == ["ingest: note: hello", "alert: note: done"])
        #expect(fixture.directory.exists("p/ran"))
    }

    @Test func outputOptionAppendsTheLastStageToAFileNeverTruncatingIt() throws {
        let fixture = try Fixture()
        defer { fixture.directory.remove() }
        let path = try fixture.pipeline("main.pipeline", "ingest x\nscore\n")
        let outputPath = fixture.directory.path + "/out/alerts.ndjson"
        try fixture.directory.write("out/alerts.ndjson", "what an earlier run wrote\n")
        let result = touchpoint(["run", path, "--bin", fixture.bin, "--output", outputPath])
        #expect(result.status == .success)
        #expect(result.output == "")
        #expect(
            try fixture.directory.read("out/alerts.ndjson")
                == "what an earlier run wrote\narg:x\npwd:\(fixture.directory.path)\n")
    }

    @Test func aFailingStageExitsOneNamingIt() throws {
        let fixture = try Fixture()
        defer { fixture.directory.remove() }
        let path = try fixture.pipeline("main.pipeline", "ingest\nnormalize\nresolve-identity 4\nscore\n")
        let result = touchpoint(["run", path, "--bin", fixture.bin])
        #expect(result.status == .failure)
        #expect(result.errors.hasSuffix("touchpoint: error: stage 3 (resolve-identity) exited with status 4\n"))
    }

    @Test func anUnknownStageIsAUsageErrorAndNothingStarts() throws {
        let fixture = try Fixture()
        defer { fixture.directory.remove() }
        let path = try fixture.pipeline("demo.pipeline", "ingest x\nnormalize\nrm -rf /\n")
        let result = touchpoint(["run", path, "--bin", fixture.bin])
        #expect(result.status == .usage)
        #expect(result.output == "")
        #expect(untimedLines(result.errors) == ["touchpoint: error: \(path):3: unknown stage \"rm\""])
        #expect(!fixture.directory.exists("ran"))
    }

    @Test func aMissingStageExecutableFailsBeforeAnythingStarts() throws {
        let fixture = try Fixture()
        defer { fixture.directory.remove() }
        try FileManagerShim.remove(fixture.bin + "/alert")
        let path = try fixture.pipeline("main.pipeline", "ingest\nalert\n")
        let result = touchpoint(["run", path, "--bin", fixture.bin])
        #expect(result.status == .failure)
        #expect(
            untimedLines(result.errors) == [
                "touchpoint: error: \(fixture.bin)/alert: stage executable not found (build the stages with `swift build`, or pass --bin DIR)"
            ])
        #expect(!fixture.directory.exists("ran"))
    }

    /// Errors found before `run` knows its log format are plain lines; after that they are in the log format
    /// (timestamped text here), like everything else the run writes.
    @Test(arguments: [
        ([String](), "touchpoint: error: missing command: run, status, demo or commit (see --help)\n"),
        (["stop"], "touchpoint: error: stop: unknown command (run, status, demo or commit; see --help)\n"),
        (["demo", "extra"], "touchpoint: error: demo: takes no arguments\n"),
        (["run", "x", "--verbose"], "touchpoint: error: --verbose: unknown option (see --help)\n"),
        (["run", "x", "--output"], "touchpoint: error: --output: missing value FILE\n"),
        (
            ["run", "x", "--log-format", "xml"],
            "touchpoint: error: --log-format: \"xml\" is not a log format (text or json)\n"
        ),
        (
            ["demo", "--bin", "/nonexistent/bin"],
            "touchpoint: error: --bin /nonexistent/bin: No such file or directory\n"
        ),
    ])
    func usageErrorsExitTwo(arguments: [String], message: String) {
        let result = touchpoint(arguments)
        #expect(result.status == .usage)
        #expect(result.output == "")
        #expect(result.errors == message)
    }

    @Test(arguments: [
        (["run"], "touchpoint: error: run: missing PIPELINE file"),
        (["run", "a", "b"], "touchpoint: error: run: one PIPELINE file only"),
        (["run", "/nonexistent/x.pipeline"], "touchpoint: error: /nonexistent/x.pipeline: no such file"),
        (
            ["run", "x", "--metrics-listen", "0.0.0.0:9464"],
            "touchpoint: error: --metrics-listen 0.0.0.0:9464: not a loopback address; other hosts could read the "
                + "metrics. Add --metrics-listen-public to serve them to the network"
        ),
        (
            ["run", "x", "--metrics-listen", "[::]:9464"],
            "touchpoint: error: --metrics-listen [::]:9464: not a loopback address; other hosts could read the "
                + "metrics. Add --metrics-listen-public to serve them to the network"
        ),
        (
            ["run", "x", "--metrics-listen", "localhost"],
            "touchpoint: error: --metrics-listen localhost: no port (HOST:PORT, PORT 0-65535)"
        ),
        (
            ["run", "x", "--metrics-listen", "metrics.example:9464"],
            "touchpoint: error: --metrics-listen metrics.example:9464: \"metrics.example\" is not an IP address "
                + "(IPv4, [IPv6] or localhost; names are not looked up)"
        ),
        (
            ["run", "x", "--metrics-listen-public"],
            "touchpoint: error: --metrics-listen-public: give the address too (--metrics-listen HOST:PORT)"
        ),
    ])
    func runUsageErrorsExitTwoInTheLogFormat(arguments: [String], message: String) {
        let result = touchpoint(arguments)
        #expect(result.status == .usage)
        #expect(result.output == "")
        #expect(untimedLines(result.errors) == [message])
    }

    @Test func helpAndVersion() {
        let help = touchpoint(["--help"])
        #expect(help.status == .success)
        #expect(help.output.hasPrefix("touchpoint: run a pipeline of Touchpoint stages as supervised processes\n"))
        for name in StageExecutable.names { #expect(help.output.contains(name)) }
        #expect(touchpoint(["--version"]).output == "touchpoint \(TouchpointVersion.current)\n")
    }

    @Test func theDemoRunsTheBundledPipelineAndPrintsTheSameBytesTwice() throws {
        let fixture = try Fixture()
        defer { fixture.directory.remove() }
        // Stand-in stages: ingest emits a fixed stream whatever its arguments, the others pass it on.
        let stream = [
            #"{"kind":"event","id":"pos:1","profile":{"id":"p-1"}}"#,
            #"{"kind":"event","id":"surveys:2","profile":{"id":"p-2"}}"#,
            #"{"kind":"merge","survivor":"p-1","absorbed":["p-2"]}"#,
            #"{"kind":"alert","id":"a-1","rule":"detractor-after-purchase","severity":"high","owner":"customer_care","time":"2026-10-02T14:33:10.000Z","profile":"p-1","summary":"NPS 2 after a purchase","evidence":["pos:1","surveys:2"]}"#,
        ]
        try fixture.directory.write(
            "bin/ingest",
            "#!/bin/sh\ncat <<'END'\n" + stream.joined(separator: "\n")
                + "\nEND\necho 'ingest: note: counts: in=5 out=4 dead_lettered=1 filtered=0 written=4 (invalid_json=1)' >&2\n",
            isExecutable: true)
        let outputPath = fixture.directory.path + "/demo.ndjson"
        let first = touchpoint(["demo", "--bin", fixture.bin, "--output", outputPath])
        let second = touchpoint(["demo", "--bin", fixture.bin])
        #expect(first.status == .success)
        #expect(first.output == second.output)
        #expect(first.output.contains("[1] HIGH  detractor-after-purchase  -> customer_care\n"))
        #expect(first.output.contains("\n  profiles                    1\n"))
        #expect(try fixture.directory.read("demo.ndjson") == stream.joined(separator: "\n") + "\n")
        #expect(first.errors.contains("Z ingest: note: counts: in=5"))
    }
}

/// The one file operation the tests need outside `TemporaryDirectory`.
enum FileManagerShim {
    static func remove(_ path: String) throws {
        guard unlink(path) == 0 else { throw StageFailure("\(path): \(String(cString: strerror(errno)))") }
    }
}
