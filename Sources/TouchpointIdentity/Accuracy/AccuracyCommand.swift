import Glibc
import TouchpointCore
import TouchpointJSON

/// `touchpoint-accuracy --truth FILE < resolved.ndjson`: scores resolve-identity's output against the generator's
/// ground truth (IdentityAccuracy.swift) and prints one JSON line of figures.
package enum AccuracyCommand {
    package static let spec = CommandSpec(
        name: "touchpoint-accuracy",
        summary: "score resolve-identity's profiles against touchpoint-gen's ground truth (pairwise and B-cubed)",
        usage: ["touchpoint-accuracy --truth ground-truth.ndjson < resolved.ndjson"],
        options: [
            .init("--truth", value: "FILE", help: "touchpoint-gen's ground-truth.ndjson (required)"),
            .init("--quiet", help: "no summary note on stderr"),
        ],
        details: """
            scored:       events with an identifier other than order_id, or a trait; one without a profile is
                          a cluster of its own; merge records are followed
            output:       {"records","people","profiles","without_profile","split_people","without_truth",
                          "pairwise":{"precision","recall","f1"},"bcubed":{…}}
            exit codes:   0 done, 1 an input cannot be read, 2 usage error
            """)

    package static func run(_ arguments: [String], io: StageIO) -> ExitStatus {
        let diagnostics = Diagnostics(program: spec.name, sink: io.errors)
        let truthPath: String
        let isQuiet: Bool
        do throws(UsageError) {
            let parsed = try spec.parse(arguments.dropFirst())
            if let early = StageCommand.answerHelpOrVersion(parsed, spec: spec, io: io) { return early }
            guard let path = parsed.value("--truth") else { throw UsageError("--truth: name the ground-truth file") }
            truthPath = io.resolvedPath(path)
            isQuiet = parsed.isSet("--quiet")
        } catch {
            diagnostics.error(error.message)
            return .usage
        }
        var accuracy = IdentityAccuracy()
        let descriptor = open(truthPath, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            diagnostics.error("\(truthPath): \(String(cString: strerror(errno)))")
            return .failure
        }
        defer { close(descriptor) }
        do throws(ByteStreamError) {
            try eachDocument(FileDescriptorSource(descriptor: descriptor)) { accuracy.addTruth($0) }
            try eachDocument(io.input) { accuracy.addOutput($0) }
        } catch {
            diagnostics.error("reading: \(error)")
            return .failure
        }
        let report = accuracy.report()
        if !isQuiet {
            diagnostics.note(
                "\(report.records) records of \(report.people) people in \(report.profiles) profiles: pairwise F1 "
                    + "\(rounded(report.pairwise.f1)), B-cubed F1 \(rounded(report.bcubed.f1))")
        }
        var line = JSONWriter.string(report.jsonValue) + "\n"
        line.withUTF8 { try? io.output.write(UnsafeRawBufferPointer($0)) }
        return .success
    }

    private static func rounded(_ value: Double) -> String {
        JSONNumber.rounded(value, places: 4)?.literal ?? "0"
    }

    /// Each line that parses as JSON; the others are skipped (this is a measuring tool, not a stage).
    private static func eachDocument<Source: ByteSource>(
        _ source: Source, _ body: (JSONDocument) -> Void
    ) throws(ByteStreamError) {
        var reader = LineReader(source: source)
        defer { reader.close() }
        var parser = JSONParser()
        while let line = try reader.next() {
            guard case .line(let bytes, _) = line, let document = try? parser.parse(bytes) else { continue }
            body(document)
        }
    }
}
