import TouchpointCore
import TouchpointJSON

/// `touchpoint status DIR`: the status file a running `touchpoint run --status-dir DIR` keeps, as a table.
///
/// ```
/// touchpoint: pid 4242, pipeline /etc/touchpoint/main.pipeline, started 2026-12-02T20:00:00.000Z, 0 restarts,
/// committed barrier 812; as of 2026-12-02T21:14:03.120Z (1.2 s ago)
/// stage              state        in         out   dead   rate/s  barrier  watermark                 event lag
/// ingest             running   812004     811990     14   9817.2      812  -                                 -
/// normalize          running   811990     811990      0   9817.0      812  2026-12-02T21:13:58.000Z       5.1 s
/// ```
/// Exit 1 when there is no status file, or when it is older than 10 seconds (the supervisor rewrites it every 2):
/// a monitoring check can run this command as it is.
enum StatusCommand {
    static let staleAfterSeconds = 10.0

    static func run(directory: String, io: StageIO, now: Timestamp) -> ExitStatus {
        let diagnostics = Diagnostics(program: "touchpoint", sink: io.errors)
        let path = io.resolvedPath(directory) + "/" + StatusReport.statusFile
        let bytes: [UInt8]?
        do {
            bytes = try DurableFile.read(path)
        } catch {
            diagnostics.error(error.message)
            return .failure
        }
        guard let bytes, let status = try? JSONParser.parseValue(bytes), status["kind"] == "touchpoint_status" else {
            diagnostics.error(
                "\(directory)/\(StatusReport.statusFile): no status (is touchpoint run --status-dir running?)")
            return .failure
        }
        let written = status["time"]?.stringValue.flatMap(Timestamp.init(parsing:))
        let age = written.map { Double(now.milliseconds - $0.milliseconds) / 1000 }
        var text = "touchpoint: pid \(figure(status["pid"])), pipeline \(status["pipeline"]?.stringValue ?? "-"), "
        text += "started \(status["started"]?.stringValue ?? "-"), \(figure(status["restarts"])) restarts, "
        text += "committed barrier \(figure(status["committed_barrier"]))"
        text += "; as of \(status["time"]?.stringValue ?? "-")"
        if let age { text += " (\(tenths(age)) s ago)" }
        text += "\n"
        let columns = ["stage", "state", "in", "out", "dead", "rate/s", "barrier", "watermark", "event lag"]
        var rows = [columns]
        for stage in status["stages"]?.arrayValue ?? [] {
            rows.append([
                stage["stage"]?.stringValue ?? "-", stage["state"]?.stringValue ?? "-", figure(stage["in"]),
                figure(stage["out"]), figure(stage["dead_lettered"]), figure(stage["rate"]), figure(stage["barrier"]),
                stage["watermark"]?.stringValue ?? "-", stage["event_lag_seconds"].map { figure($0) + " s" } ?? "-",
            ])
        }
        let widths = columns.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            // Names and words left, figures right, as a person reads a table.
            text +=
                row.indices.map { column in
                    let cell = row[column]
                    let padding = String(repeating: " ", count: widths[column] - cell.count)
                    return [0, 1, 7].contains(column) ? cell + padding : padding + cell
                }.joined(separator: "  ") + "\n"
        }
        var output = Array(text.utf8)
        output.withUnsafeMutableBytes { try? io.output.write(UnsafeRawBufferPointer($0)) }
        if let age, age > staleAfterSeconds {
            diagnostics.error(
                "the status is \(tenths(age)) s old: touchpoint run is not updating it (stopped or hung?)")
            return .failure
        }
        return .success
    }

    private static func figure(_ value: JSONValue?) -> String {
        guard let value, value != .null else { return "-" }
        if let number = value.intValue { return String(number) }
        if let number = value.doubleValue { return String(tenths(number)) }
        return value.stringValue ?? "-"
    }

    private static func tenths(_ value: Double) -> Double { (value * 10).rounded() / 10 }
}
