import Glibc
import TouchpointCore
import TouchpointJSON

/// `touchpoint demo`: the bundled pipeline over the bundled sample, reported for people.
///
/// The pipeline runs exactly as `touchpoint run pipelines/demo.pipeline` would; only the last stage's output is
/// captured and rendered by `DemoReport` (and kept in `--output FILE` when asked) instead of copied to stdout.
enum DemoCommand {
    /// How the demo pipeline is named in what the demo prints (never an absolute path: output is a golden file).
    static let pipelineName = "pipelines/demo.pipeline"

    static func run(parsed: ParsedArguments, io: StageIO, inbox: SignalInbox?) throws -> ExitStatus {
        let pipeline = try PipelineFile(contentsOf: try locatePipeline())
        var supervisor = try TouchpointCommand.supervisor(for: pipeline, parsed: parsed, io: io, inbox: inbox)
        let outputFile = try parsed.value("--output").map(TouchpointCommand.openOutputFile)
        defer { outputFile.map { _ = close($0) } }
        let collector = DemoCollector(
            report: DemoReport(stageNames: pipeline.steps.map(\.stage.rawValue)),
            copy: outputFile.map { FileDescriptorSink(descriptor: $0) })
        supervisor.output = .sink(collector)
        supervisor.observeStageLine = { index, line in collector.report.addStageLine(line, stage: index) }
        let status = try supervisor.run()
        collector.finish()
        if let failure = collector.copyFailure {
            Diagnostics(program: TouchpointCommand.spec.name, sink: io.errors).error("--output: \(failure)")
        }
        let text = Array(collector.report.render(pipelineName: pipelineName).utf8)
        do {
            try text.withUnsafeBytes { try io.output.write($0) }
        } catch ByteStreamError.downstreamClosed {
            return .success
        } catch {
            throw StageFailure("stdout: \(error)")
        }
        return status.isSuccess && collector.copyFailure == nil ? .success : .failure
    }

    /// `pipelines/demo.pipeline` of the source tree this library was built from, else under the working directory.
    static func locatePipeline() throws(UsageError) -> String {
        let sourceFile = #filePath
        var repository = sourceFile
        for _ in 0..<3 { repository = PathName.directory(of: repository) }
        for candidate in [repository + "/" + pipelineName, pipelineName] where access(candidate, R_OK) == 0 {
            return candidate
        }
        throw UsageError(
            "\(pipelineName): not found in the source tree or the working directory (run the demo from the repository)")
    }
}

/// The demo's view of the last stage's output: whole lines for the report, every byte for `--output`.
private final class DemoCollector: ByteSink {
    var report: DemoReport
    private let copy: FileDescriptorSink?
    private(set) var copyFailure: ByteStreamError?
    private var lines = LineAssembler(maxLineBytes: 64 << 20)

    init(report: DemoReport, copy: FileDescriptorSink?) {
        self.report = report
        self.copy = copy
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws(ByteStreamError) {
        if let copy, copyFailure == nil {
            do { try copy.write(bytes) } catch { copyFailure = error }
        }
        lines.append(bytes) { report.addOutputLine($0) }
    }

    func finish() {
        lines.finish { report.addOutputLine($0) }
    }
}
