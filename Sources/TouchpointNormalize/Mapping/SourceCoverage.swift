/// How well one source's records filled its mapping, for the report at the end of a run and `--check --sample`:
/// a feed whose mapped fields are all missing says so in one line instead of passing quietly.
struct SourceCoverage: Sendable {
    let mapping: Int
    var records = 0
    var events = 0
    var withIdentifier = 0
    var withSurveyScore = 0
    /// The covered fields that are survey scores (NPS, CSAT, CES).
    let surveyFields: [Int]
    var deadLettered = 0
    var dropped: [String: Int] = [:]
    /// How many events had each covered field, in `Mapping.coveredFields` order.
    var present: [Int]

    /// - Parameter reported: per field, whether its absence says something (a value under `if` is left out).
    init(mapping: Int, fields: [(output: String, reads: String)], reported: [Bool]) {
        self.mapping = mapping
        present = Array(repeating: 0, count: fields.count)
        surveyFields = fields.indices.filter {
            reported[$0] && ["metrics.nps", "metrics.csat", "metrics.ces"].contains(fields[$0].output)
        }
    }

    mutating func count(present fields: [Bool], hasIdentifier: Bool) {
        events += 1
        if hasIdentifier { withIdentifier += 1 }
        for (index, isPresent) in fields.enumerated() where isPresent { present[index] += 1 }
        if surveyFields.contains(where: { fields[$0] }) { withSurveyScore += 1 }
    }

    /// The lines to report for a source: each mapped field missing from every event (from most of them when
    /// `isDetailed`, as `--check --sample` asks), survey scores missing from most, no identifier at all, every
    /// record refused.
    func findings(source: String, mapping: Mapping, isDetailed: Bool) -> [String] {
        var lines: [String] = []
        if records > 0 && events == 0 && dropped.isEmpty {
            lines.append("\(source): none of \(records) records became an event (mapping \(mapping.name))")
            return lines
        }
        guard events > 0 else { return lines }
        let fields = mapping.coveredFields
        let reported = mapping.reportedFields
        var missing: [String] = []
        for (index, field) in fields.enumerated() where reported[index] && !surveyFields.contains(index) {
            guard present[index] == 0 || (isDetailed && present[index] * 2 < events) else { continue }
            let reads = field.reads.isEmpty ? "" : " (\(field.reads))"
            missing.append("\(field.output)\(reads) missing in \(events - present[index]) of \(events)")
        }
        if !surveyFields.isEmpty && withSurveyScore * 2 < events {
            lines.append("\(source): no NPS/CSAT/CES in \(events - withSurveyScore) of \(events) events")
        }
        if !missing.isEmpty { lines.append("\(source): " + missing.joined(separator: "; ")) }
        if withIdentifier == 0 {
            lines.append("\(source): no event has an identifier, so none can join a profile")
        }
        return lines
    }
}
