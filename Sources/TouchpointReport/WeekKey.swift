import TouchpointCore

/// Weeks run Monday to Sunday in UTC (ISO 8601); a week is named by its Monday.
package struct WeekKey: Hashable, Comparable, Sendable {
    /// Days from 1970-01-01 to the week's Monday.
    package let mondayDay: Int64

    package init(mondayDay: Int64) { self.mondayDay = mondayDay }

    package init(_ time: Timestamp) {
        let day = Self.floorDivide(time.milliseconds, 86_400_000)
        // 1970-01-01 was a Thursday: three days after a Monday.
        mondayDay = day - Self.floorModulo(day + 3, 7)
    }

    package static func < (lhs: WeekKey, rhs: WeekKey) -> Bool { lhs.mondayDay < rhs.mondayDay }

    package var next: WeekKey { WeekKey(mondayDay: mondayDay + 7) }

    /// `2026-09-28`, the Monday.
    package var label: String {
        let (year, month, day) = Timestamp.civil(fromDays: mondayDay)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(two(month))-\(two(day))"
    }

    /// Every week from `first` to `last`, gaps included, so a chart's x axis is even.
    package static func range(_ first: WeekKey, _ last: WeekKey) -> [WeekKey] {
        var weeks: [WeekKey] = []
        var week = first
        while week <= last {
            weeks.append(week)
            week = week.next
        }
        return weeks
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 { (a - floorModulo(a, b)) / b }
    private static func floorModulo(_ a: Int64, _ b: Int64) -> Int64 { ((a % b) + b) % b }
}
