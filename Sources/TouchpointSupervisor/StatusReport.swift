import Glibc
import TouchpointCore
import TouchpointJSON

/// The files `touchpoint run --status-dir DIR` keeps current: `status.json` for `touchpoint status` and scripts,
/// and `touchpoint.prom` in Prometheus text format for node_exporter's textfile collector (point its
/// `--collector.textfile.directory` at DIR). Both are replaced atomically every `interval` seconds and at the end,
/// so a reader never sees half a file. The same metrics text goes to the `--metrics-listen` server at the same
/// moments, so a scrape and the file always agree.
package struct StatusReport {
    package static let interval = 2.0
    /// How often the stages are asked for their figures (SIGUSR1).
    package static let requestInterval = 1.0
    static let statusFile = "status.json"
    static let metricsFile = "touchpoint.prom"

    /// `--status-dir`; nil when only the metrics server is asked for.
    package let directory: StateDirectory?
    /// `--metrics-listen`.
    package let metricsServer: MetricsServer?
    package let pipelinePath: String
    /// The pipeline's state directory, where the committed barrier is read.
    package let statePath: String?
    package var restarts = 0
    /// Wall-clock milliseconds when touchpoint started.
    package let startedAt: Int64

    package init(
        directory: StateDirectory?, metricsServer: MetricsServer? = nil, pipelinePath: String, statePath: String?
    ) {
        self.directory = directory
        self.metricsServer = metricsServer
        self.pipelinePath = pipelinePath
        self.statePath = statePath
        startedAt = ProcessClock.now().milliseconds
    }

    /// Writes both files for `status` and hands the metrics to the server; a failure is a warning, never a reason
    /// to stop the pipeline.
    func write(_ status: PipelineStatus, diagnostics: Diagnostics) {
        let now = ProcessClock.now().milliseconds
        let monotonicNow = ProcessClock.monotonicSeconds()
        let committed = statePath.flatMap { path in
            (try? StateDirectory(path: path)).flatMap { try? CommitMarker.read(from: $0) }
        }
        let metricsText = Array(metrics(status, now: now, committed: committed?.barrier).utf8)
        metricsServer?.publish(metricsText)
        guard let directory else { return }
        var bytes: [UInt8] = []
        JSONWriter.write(
            .object(json(status, now: now, monotonicNow: monotonicNow, committed: committed?.barrier)), into: &bytes)
        bytes.append(0x0A)
        do {
            try directory.replace(Self.statusFile, with: bytes)
            try directory.replace(Self.metricsFile, with: metricsText)
        } catch {
            diagnostics.warning("status: \(error.message)")
        }
    }

    func json(_ status: PipelineStatus, now: Int64, monotonicNow: Double, committed: Int?) -> JSONObject {
        var object = JSONObject()
        object.append("kind", "touchpoint_status")
        object.append("time", .string(Timestamp(milliseconds: now).description))
        object.append("started", .string(Timestamp(milliseconds: startedAt).description))
        object.append("pipeline", .string(pipelinePath))
        object.append("pid", .int(Int(getpid())))
        object.append("restarts", .int(restarts))
        object.setIfPresent("committed_barrier", committed.map(JSONValue.int))
        object.append(
            "stages",
            .array(
                status.stages.map { stage in
                    var entry = JSONObject()
                    entry.append("stage", .string(stage.label))
                    entry.append("pid", .int(Int(stage.pid)))
                    entry.append("state", .string(stage.termination.map { "\($0)" } ?? "running"))
                    if let progress = stage.progress {
                        for key in ["in", "out", "dead_lettered", "filtered", "written"] {
                            entry.setIfPresent(key, progress.figures[key].map(JSONValue.int))
                        }
                        entry.setIfPresent(
                            "rate", progress.rate.flatMap { JSONValue.double(($0 * 10).rounded() / 10) })
                        entry.setIfPresent("barrier", progress.barrier.map(JSONValue.int))
                        entry.setIfPresent(
                            "barrier_age_seconds",
                            progress.barrierSince.flatMap { JSONValue.double(Self.tenths(monotonicNow - $0)) })
                        entry.setIfPresent("watermark", progress.watermark.map(JSONValue.string))
                        if let text = progress.watermark, let watermark = Timestamp(parsing: text) {
                            entry.setIfPresent(
                                "event_lag_seconds",
                                JSONValue.double(Self.tenths(Double(now - watermark.milliseconds) / 1000)))
                        }
                        entry.setIfPresent(
                            "reported_seconds_ago", JSONValue.double(Self.tenths(monotonicNow - progress.receivedAt)))
                    }
                    return .object(entry)
                }))
        return object
    }

    /// The Prometheus text exposition format (version 0.0.4): HELP and TYPE once per metric, one sample per stage.
    func metrics(_ status: PipelineStatus, now: Int64, committed: Int?) -> String {
        var text = ""
        func metric(_ name: String, _ type: String, _ help: String, _ samples: [(labels: String, value: String)]) {
            guard !samples.isEmpty else { return }
            text += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
            for sample in samples { text += name + sample.labels + " " + sample.value + "\n" }
        }
        func perStage(_ value: (PipelineStatus.Stage) -> String?) -> [(labels: String, value: String)] {
            status.stages.compactMap { stage in
                value(stage).map { ("{stage=\"\(Self.escapedLabel(stage.label))\"}", $0) }
            }
        }
        metric(
            "touchpoint_stage_up", "gauge", "Whether the stage's process is running (1) or has ended (0).",
            perStage { $0.termination == nil ? "1" : "0" })
        for (key, name, help) in [
            ("in", "touchpoint_stage_records_in_total", "Records the stage read since it started."),
            ("out", "touchpoint_stage_records_out_total", "Records the stage passed on or produced from its input."),
            ("dead_lettered", "touchpoint_stage_dead_letters_total", "Records the stage dead-lettered."),
            ("written", "touchpoint_stage_lines_written_total", "Lines the stage wrote to its output."),
        ] {
            metric(name, "counter", help, perStage { $0.progress?.figures[key].map(String.init) })
        }
        metric(
            "touchpoint_stage_barrier", "gauge", "The last barrier the stage passed on.",
            perStage { $0.progress?.barrier.map(String.init) })
        metric(
            "touchpoint_stage_watermark_seconds", "gauge", "The event time the stage's input has reached (Unix time).",
            perStage { stage in
                stage.progress?.watermark.flatMap(Timestamp.init(parsing:)).map {
                    Self.decimal(Double($0.milliseconds) / 1000)
                }
            })
        metric(
            "touchpoint_restarts_total", "counter", "Times the pipeline was restarted after a failure.",
            [("", String(restarts))])
        if let committed {
            metric(
                "touchpoint_committed_barrier", "gauge", "The last barrier the pipeline committed.",
                [("", String(committed))])
        }
        metric(
            "touchpoint_start_time_seconds", "gauge", "When touchpoint started (Unix time).",
            [("", Self.decimal(Double(startedAt) / 1000))])
        return text
    }

    private static func tenths(_ value: Double) -> Double { (value * 10).rounded() / 10 }

    private static func decimal(_ value: Double) -> String {
        JSONNumber(value).map { JSONWriter.string(.number($0)) } ?? "0"
    }

    /// A label value with `\`, `"` and newlines escaped, as the format requires.
    static func escapedLabel(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
