import Glibc
import TouchpointCore
import TouchpointJSON
import TouchpointReport

/// `touchpoint demo`: the bundled pipeline over the bundled sample, reported for people.
///
/// The pipeline runs exactly as `touchpoint run pipelines/demo.pipeline` would; only the last stage's output is
/// captured and rendered by `DemoReport` (and kept in `--output FILE` when asked) instead of copied to stdout.
enum DemoCommand {
    /// How the demo pipeline is named in what the demo prints (never an absolute path: output is a golden file).
    static let pipelineName = "pipelines/demo.pipeline"
    /// Where the page goes without `--report`: a fixed path, so what the demo prints is the same on every run, and
    /// outside the repository, which the demo never writes into.
    static let defaultReportPath = "/tmp/touchpoint-demo/report.html"

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
        let diagnostics = Diagnostics(program: TouchpointCommand.spec.name, sink: supervisor.log)
        if let failure = collector.copyFailure { diagnostics.error("--output: \(failure)") }
        let reportPath = parsed.value("--report") ?? defaultReportPath
        var isReportWritten = true
        do {
            if parsed.value("--report") == nil { try makeDefaultReportFolder() }
            try collector.page.write(to: io.resolvedPath(reportPath))
        } catch {
            diagnostics.error("--report: \(error.message)")
            isReportWritten = false
        }
        let text = Array(
            collector.report.render(pipelineName: pipelineName, reportPath: isReportWritten ? reportPath : nil).utf8)
        do {
            try text.withUnsafeBytes { try io.output.write($0) }
        } catch ByteStreamError.downstreamClosed {
            return .success
        } catch {
            throw StageFailure("stdout: \(error)")
        }
        return status.isSuccess && collector.copyFailure == nil && isReportWritten ? .success : .failure
    }

    /// /tmp/touchpoint-demo, 0700; one that exists must be a folder (not a link someone planted) of ours.
    private static func makeDefaultReportFolder() throws(StageFailure) {
        let folder = PathName.directory(of: defaultReportPath)
        if mkdir(folder, 0o700) != 0 && errno != EEXIST {
            throw StageFailure("\(folder): \(String(cString: strerror(errno)))")
        }
        var status = stat()
        guard lstat(folder, &status) == 0, status.st_mode & S_IFMT == S_IFDIR, status.st_uid == getuid() else {
            throw StageFailure("\(folder): not a folder of this user's; give --report FILE")
        }
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
    /// The HTML report of the same lines (`touchpoint report`), built as they stream.
    var page = ReportBuilder()
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
        lines.append(bytes) { line in
            report.addOutputLine(line)
            page.add(line: line)
        }
    }

    func finish() {
        lines.finish { line in
            report.addOutputLine(line)
            page.add(line: line)
        }
    }
}
