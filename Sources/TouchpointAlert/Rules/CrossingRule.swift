/// "A figure of the profile crossing a threshold" (churn risk rising above 0.7, a high-value customer's
/// experience index falling below -20).
///
/// On every record that matches, `value` is read; the rule fires when it is beyond the threshold and the profile's
/// previous value (the last record that matched) was not, or there was none. So a customer whose churn risk stays
/// high gives one alert, and another only after it has come back and crossed again.
package struct CrossingRule: Sendable {
    package enum Direction: String, Sendable {
        case above
        case below
    }

    package let match: RoleMatch
    package let value: Expression
    package let valueSource: String
    package let direction: Direction
    package let threshold: Double

    package init(match: RoleMatch, value: Expression, valueSource: String, direction: Direction, threshold: Double) {
        self.match = match
        self.value = value
        self.valueSource = valueSource
        self.direction = direction
        self.threshold = threshold
    }

    package func isBeyond(_ value: Double) -> Bool {
        direction == .above ? value > threshold : value < threshold
    }

    /// Whether moving from `previous` to `current` crosses the threshold.
    package func crosses(from previous: Double?, to current: Double) -> Bool {
        isBeyond(current) && !(previous.map(isBeyond) ?? false)
    }
}
