import Foundation
import TouchpointCore
import TouchpointJSON

/// `touchpoint-bench`: the codec and the stage runner measured in-process next to `cat` and `jq -c .` on the same
/// bytes in the same run (docs/BENCHMARKS.md). Never run by `swift test`: timings belong here, not in tests.
package enum BenchCommand {
    static let spec = CommandSpec(
        name: "touchpoint-bench",
        summary: "measure the codec and stages next to cat and jq on generated events",
        usage: ["touchpoint-bench [--records N] [--people N | --population DIR] [--repetitions N] [--markdown]"],
        options: [
            .init("--records", value: "N", help: "events to generate (default: 200000, about 60 MB)"),
            .init(
                "--people", value: "N",
                help: "people in the population the stage rows run on (default: 2000; touchpoint-gen beside this)"),
            .init("--population", value: "DIR", help: "raw channel files for the stage rows, as touchpoint-gen writes"),
            .init("--repetitions", value: "N", help: "runs per case; the best is reported (default: 3)"),
            .init("--markdown", help: "print the table as Markdown for docs/BENCHMARKS.md"),
            .init(
                "--only", value: "TEXT",
                help: "run only the cases whose name contains TEXT (comma-separated: any of them)"),
        ])

    package static func run(_ arguments: [String], io: StageIO) -> ExitStatus {
        let diagnostics = Diagnostics(program: spec.name, sink: io.errors)
        let parsed: ParsedArguments
        let records: Int
        let repetitions: Int
        let people: Int
        do {
            parsed = try spec.parse(arguments.dropFirst())
            if let early = StageCommand.answerHelpOrVersion(parsed, spec: spec, io: io) { return early }
            records = try parsed.integer("--records", in: 1_000...50_000_000, default: 200_000)
            repetitions = try parsed.integer("--repetitions", in: 1...20, default: 3)
            people = try parsed.integer("--people", in: 1...2_000_000, default: 2_000)
        } catch {
            diagnostics.error(error.message)
            return .usage
        }
        let data = BenchmarkData.events(count: records)
        let path = NSTemporaryDirectory() + "touchpoint-bench-\(getpid()).ndjson"
        guard FileManager.default.createFile(atPath: path, contents: Data(data)) else {
            diagnostics.error("\(path): cannot write benchmark input")
            return .failure
        }
        defer { try? FileManager.default.removeItem(atPath: path) }
        diagnostics.note("\(records) events, \(data.count) bytes, average \(data.count / records) bytes per line")

        var rows: [Measurement] = []
        let only = parsed.value("--only")
        // `--only cat,ndjson`: rows whose name contains any of the comma-separated parts.
        let parts = only?.split(separator: ",").map(String.init)
        let selected = { (name: String) in parts.map { $0.contains { name.contains($0) } } ?? true }
        for peer in [
            PeerCommand(name: "cat", executable: "cat", arguments: []),
            PeerCommand(name: "jq -c .", executable: "jq", arguments: ["-c", "."]),
        ] where selected(peer.name) {
            var fastest = Double.infinity
            for _ in 0..<repetitions { if let seconds = peer.run(input: path) { fastest = min(fastest, seconds) } }
            if fastest.isFinite {
                rows.append(
                    Measurement(
                        name: peer.name, bytes: data.count, records: records, seconds: fastest,
                        peakResidentKiB: peakResidentKiB(children: true)))
            } else {
                diagnostics.warning("\(peer.executable): not installed or failed; row left out")
            }
        }
        for inProcess in InProcessCase.all where selected(inProcess.name) {
            let seconds = best(of: repetitions) { inProcess.run(data) }
            rows.append(
                Measurement(
                    name: inProcess.name, bytes: data.count, records: records, seconds: seconds,
                    peakResidentKiB: peakResidentKiB()))
        }
        rows += FormatBenchmark.rows(
            records: records, repetitions: repetitions, selected: selected, diagnostics: diagnostics)
        if StageCase.pipeline(files: []).contains(where: { selected($0.name) }),
            let population = StageBenchmark.population(
                directory: parsed.value("--population"), people: people, diagnostics: diagnostics)
        {
            defer { population.cleanUp() }
            rows += StageBenchmark.rows(
                files: population.files, repetitions: repetitions, selected: selected, diagnostics: diagnostics)
        }
        let table = BenchmarkTable(rows: rows, reference: "jq -c .")
        var text = Array((parsed.isSet("--markdown") ? table.markdown : table.plain).utf8)
        text.withUnsafeMutableBytes { try? io.output.write(UnsafeRawBufferPointer($0)) }
        return .success
    }
}
