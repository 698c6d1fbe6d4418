import Foundation
import Testing
import TouchpointTesting

@testable import TouchpointIngest

/// The progress line of a batch run: shown on a real terminal (a pseudo-terminal from util-linux `script`), never
/// on a pipe.
struct ProgressLineTests {
    static let ingest = BuiltProducts.directory.appendingPathComponent("ingest").path

    static func directory() -> TemporaryDirectory {
        let line = Array(#"{"message":"a line of a web shop's export, long enough to make the file a few kB"}"#.utf8)
        return TemporaryDirectory(files: ["export.ndjson": Array((0..<2_000).map { _ in line + [0x0A] }.joined())])
    }

    @Test func aTerminalSeesTheLineDrawnAndErasedAndThenOnlyTheCountsLine() throws {
        let directory = Self.directory()
        // The paths reach the shell `script` starts as environment variables, never inside the command text.
        let result = try ChildProcess.run(
            URL(fileURLWithPath: "/usr/bin/env"),
            [
                "INGEST=" + Self.ingest, "FILE=" + directory.path + "/export.ndjson", "script", "-qec",
                #""$INGEST" --received 2026-11-01T00:00:00Z "$FILE" > /dev/null"#, "/dev/null",
            ])
        #expect(result.status == 0, "\(result.errors)")
        // script copies the terminal's output to its stdout: the line, then the erase, then the counts line.
        let screen = result.output
        let size = ProgressLine.size(Int64(directory.bytes("export.ndjson")?.count ?? 0))
        #expect(screen.contains("\r\u{1B}[Kingest: 0 B of \(size) (0%): \(directory.path)/export.ndjson"), "\(screen)")
        let afterErase = screen.components(separatedBy: "\r\u{1B}[K").last ?? ""
        #expect(afterErase.hasPrefix("ingest: note: counts: in=2000 out=2000"), "\(screen)")
    }

    @Test func aPipeSeesNoProgressLine() throws {
        let directory = Self.directory()
        let result = try ChildProcess.run(
            URL(fileURLWithPath: Self.ingest),
            ["--received", "2026-11-01T00:00:00Z", directory.path + "/export.ndjson"])
        #expect(result.status == 0)
        #expect(result.errors == "ingest: note: counts: in=2000 out=2000 dead_lettered=0 filtered=0 written=2002\n")
    }

    @Test(arguments: [(0, "0 B"), (999, "999 B"), (1_000, "1.0 kB"), (48_049, "48.0 kB"), (1_500_000, "1.5 MB")])
    func sizesAreWrittenInDecimalUnits(bytes: Int64, text: String) {
        #expect(ProgressLine.size(bytes) == text)
    }
}
