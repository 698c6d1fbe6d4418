import TouchpointCore
import TouchpointJSON

/// A test on one event: the small, closed vocabulary the built-in rules are written in.
///
/// It is the seam for the expression language of a later issue: a parsed expression would compile to (or
/// replace) this type, and rule kinds would not change. `description` is the text docs/RULES.md shows.
package indirect enum EventCondition: Sendable, CustomStringConvertible {
    /// `type` is one of these.
    case type(in: [String])
    /// `metrics.<name>` is a number within the range.
    case metric(String, in: ClosedRange<Double>)
    /// `metrics.<name>` is a number of at least this.
    case metricAtLeast(String, Double)
    /// `score.<name>` is one of these strings.
    case score(String, in: [String])
    /// Every condition holds.
    case all([EventCondition])

    package func matches(_ event: Event) -> Bool {
        switch self {
        case .type(let types):
            return types.contains(event.type)
        case .metric(let name, let range):
            return Self.number(event.metrics[name]).map(range.contains) ?? false
        case .metricAtLeast(let name, let minimum):
            return Self.number(event.metrics[name]).map { $0 >= minimum } ?? false
        case .score(let name, let values):
            return event.score?[name]?.stringValue.map(values.contains) ?? false
        case .all(let conditions):
            return conditions.allSatisfy { $0.matches(event) }
        }
    }

    package var description: String {
        switch self {
        case .type(let types):
            return types.count == 1 ? "type = \(types[0])" : "type in (\(types.joined(separator: ", ")))"
        case .metric(let name, let range):
            return "metrics.\(name) in \(Self.text(range.lowerBound))…\(Self.text(range.upperBound))"
        case .metricAtLeast(let name, let minimum):
            return "metrics.\(name) ≥ \(Self.text(minimum))"
        case .score(let name, let values):
            return values.count == 1
                ? "score.\(name) = \(values[0])" : "score.\(name) in (\(values.joined(separator: ", ")))"
        case .all(let conditions):
            return conditions.map(\.description).joined(separator: " and ")
        }
    }

    private static func number(_ value: JSONValue?) -> Double? {
        value?.doubleValue ?? value?.stringValue.flatMap { Double($0) }
    }

    private static func text(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
