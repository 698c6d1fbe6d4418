/// Expectation versus performance: per measure (`score.expectations`), how often it was exceeded, met or missed.
package struct ExpectationCounts: Equatable, Sendable {
    package var exceeded = 0
    package var met = 0
    package var missed = 0
    package var n: Int { exceeded + met + missed }
}

struct ExpectationShares {
    /// By measure name; measures past the label bound count under "other".
    var measures: [String: ExpectationCounts] = [:]
    var names: LabelTable

    init(limits: ReportLimits) { names = LabelTable(capacity: limits.labels) }

    mutating func addEvent(_ record: RecordView) {
        for (measure, outcome) in record.stringMembers("score", "expectations") {
            let name = names.intern(measure)
            switch outcome {
            case "exceeded": measures[name, default: ExpectationCounts()].exceeded += 1
            case "met": measures[name, default: ExpectationCounts()].met += 1
            case "missed": measures[name, default: ExpectationCounts()].missed += 1
            default: continue
            }
        }
    }
}
