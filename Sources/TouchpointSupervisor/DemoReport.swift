import TouchpointCore
import TouchpointJSON

/// What `touchpoint demo` prints for people: every alert as a readable block, then a summary of the run.
///
/// It is fed the last stage's NDJSON output line by line and each stage's stderr lines, and renders only from
/// them, in arrival order or sorted: never a time, duration or pid, so two runs over the same sample print the
/// same bytes (the demo is a golden case). Figures: records in (ingest's count note), events, profiles (distinct
/// profile ids on events, minus those merged away), merges, alerts by rule, dead letters by stage and reason (the
/// count notes).
package struct DemoReport {
    /// The stage names in pipeline order (the `counts:` notes are found by them).
    package let stageNames: [String]
    private var alerts: [JSONObject] = []
    private var eventCount = 0
    private var mergeCount = 0
    private var otherKinds: [String: Int] = [:]
    private var profileIds: Set<String> = []
    private var absorbedProfileIds: Set<String> = []
    private var unreadableLineCount = 0
    private var counts: [StageCountLine?]

    package init(stageNames: [String]) {
        self.stageNames = stageNames
        counts = stageNames.map { _ in nil }
    }

    // MARK: - Input

    /// Takes one line of the last stage's output.
    package mutating func addOutputLine(_ line: UnsafeRawBufferPointer) {
        guard let value = try? JSONParser.parseValue(Array(line)), let record = value.objectValue,
            let kind = record["kind"]?.stringValue
        else {
            if !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { unreadableLineCount += 1 }
            return
        }
        switch kind {
        case RecordKind.event:
            eventCount += 1
            if let profile = record["profile"]?["id"]?.stringValue { profileIds.insert(profile) }
        case RecordKind.merge:
            mergeCount += 1
            if let survivor = record["survivor"]?.stringValue { profileIds.insert(survivor) }
            for absorbed in record["absorbed"]?.arrayValue ?? [] {
                if let id = absorbed.stringValue { absorbedProfileIds.insert(id) }
            }
        case RecordKind.alert:
            alerts.append(record)
        default:
            otherKinds[kind, default: 0] += 1
        }
    }

    /// Takes one stderr line of stage `index`; only its `counts:` note matters here.
    package mutating func addStageLine(_ line: UnsafeRawBufferPointer, stage index: Int) {
        guard index < stageNames.count, line.count < 4096 else { return }
        if let count = StageCountLine(String(decoding: line, as: UTF8.self), stage: stageNames[index]) {
            counts[index] = count
        }
    }

    // MARK: - Output

    /// The text `touchpoint demo` prints.
    /// - Parameter reportPath: where the HTML report of the same output was written, for the summary's last line.
    package func render(pipelineName: String, reportPath: String? = nil) -> String {
        var text = "Touchpoint demo: \(pipelineName)\n  \(stageNames.joined(separator: " | "))\n\n"
        text += "Alerts (\(alerts.count))\n"
        for (offset, alert) in alerts.enumerated() {
            text += "\n" + Self.render(alert, number: offset + 1)
        }
        text += "\n" + renderSummary()
        if let reportPath { text += "\nReport: \(reportPath) (open it in a browser; docs/stages/report.md)\n" }
        return text
    }

    private static func render(_ alert: JSONObject, number: Int) -> String {
        func field(_ key: String) -> String { alert[key].map(plain) ?? "-" }
        let severity = field("severity").uppercased()
        var text = "[\(number)] \(severity)  \(field("rule"))  -> \(field("owner"))\n"
        var rows: [(String, String)] = [
            ("time", field("time")), ("profile", field("profile")), ("summary", field("summary")),
        ]
        if alert["next_step"] != nil { rows.append(("next step", field("next_step"))) }
        if let evidence = alert["evidence"]?.arrayValue {
            // Each piece of evidence is an object since alert quotes it; its id is what a reader looks up.
            rows.append(("evidence", wrap(evidence.map { $0["id"].map(plain) ?? plain($0) })))
        }
        if let customer = alert["customer"]?.objectValue, !customer.isEmpty {
            rows.append(
                ("customer", wrap(customer.filter { $0.key != "journey" }.map { "\($0.key) \(plain($0.value))" })))
        }
        for (label, value) in rows {
            text += "    " + label.padding(to: 10) + value + "\n"
        }
        return text
    }

    /// Joins items with ", ", breaking lines before about 100 columns and indenting the rest under the first.
    private static func wrap(_ items: [String]) -> String {
        var lines: [String] = []
        var line = ""
        for (index, item) in items.enumerated() {
            let piece = item + (index < items.count - 1 ? "," : "")
            if !line.isEmpty && line.count + 1 + piece.count > 86 {
                lines.append(line)
                line = piece
            } else {
                line += (line.isEmpty ? "" : " ") + piece
            }
        }
        lines.append(line)
        return lines.joined(separator: "\n" + String(repeating: " ", count: 14))
    }

    private func renderSummary() -> String {
        var rows: [(label: String, value: String, note: String)] = []
        let ingestIndex = stageNames.firstIndex(of: StageExecutable.ingest.rawValue)
        let recordsIn = ingestIndex.flatMap { counts[$0]?["in"] }
        rows.append(
            ("records in", recordsIn.map(String.init) ?? "unknown", recordsIn == nil ? "(no count from ingest)" : ""))
        rows.append(("events", String(eventCount), ""))
        rows.append(("profiles", String(profileIds.subtracting(absorbedProfileIds).count), ""))
        rows.append(("merges", String(mergeCount), ""))
        rows.append(("alerts", String(alerts.count), ""))
        var alertsByRule: [String: Int] = [:]
        for alert in alerts { alertsByRule[alert["rule"].map(Self.plain) ?? "-", default: 0] += 1 }
        for (rule, count) in alertsByRule.sorted(by: { $0.key < $1.key }) {
            rows.append(("  " + rule, String(count), ""))
        }
        let deadLetters = counts.compactMap { $0?["dead_lettered"] }.reduce(0, +)
        rows.append(("dead letters", String(deadLetters), ""))
        for (index, count) in counts.enumerated() {
            guard let count, let letters = count["dead_lettered"], letters > 0 else { continue }
            let reasons = count.deadLetterReasons.map { "\($0.reason)=\($0.count)" }.joined(separator: " ")
            rows.append(("  " + stageNames[index], String(letters), reasons.isEmpty ? "" : "(\(reasons))"))
        }
        let missing = stageNames.indices.filter { counts[$0] == nil }.map { stageNames[$0] }
        for (kind, count) in otherKinds.sorted(by: { $0.key < $1.key }) {
            rows.append(("\(kind) records", String(count), ""))
        }
        if unreadableLineCount > 0 { rows.append(("unreadable lines", String(unreadableLineCount), "")) }

        let labelWidth = rows.map(\.label.count).max() ?? 0
        let valueWidth = rows.map(\.value.count).max() ?? 0
        var text = "Summary\n"
        for row in rows {
            var line = "  " + row.label.padding(to: labelWidth + 2)
            line += String(repeating: " ", count: valueWidth - row.value.count) + row.value
            if !row.note.isEmpty { line += "  " + row.note }
            text += line + "\n"
        }
        if !missing.isEmpty { text += "  (no counts from: \(missing.joined(separator: ", ")))\n" }
        return text
    }

    /// A value as people read it: strings without quotes, everything else as JSON.
    private static func plain(_ value: JSONValue) -> String {
        value.stringValue ?? JSONWriter.string(value)
    }
}

extension String {
    /// Pads with spaces to `width` characters (never truncates).
    fileprivate func padding(to width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
