import TouchpointCore

/// The `aggregates` section: which tumbling event-time windows and groups brand-level figures are kept for, and
/// when a window is too thin to judge or departs from its baseline.
package struct AggregateSettings: Sendable {
    /// What an aggregate's figures are of.
    package enum Group: String, Sendable, CaseIterable {
        /// `{"channel":"social"}`
        case channel
        /// The channel and the event type: `{"touchpoint":"store:purchase"}`.
        case touchpoint
        /// `properties.store_id`, for events that carry one: `{"store":"S-04"}`.
        case store
    }

    /// Window lengths, shortest first; each window starts at a multiple of its length since 1970-01-01 UTC.
    package var windows: [Duration]
    package var groups: [Group]
    /// A rate or mean over fewer responses is thin: written, never judged.
    package var minResponses: Int
    /// Weight of the newest window in the exponentially weighted baseline.
    package var baselineAlpha: Double
    /// Windows a baseline needs before a departure from it is flagged.
    package var baselineMinWindows: Int
    /// How many standard deviations from the baseline make an anomaly.
    package var anomalySD: Double

    private static let keys = [
        "windows", "groups", "min_responses", "baseline_alpha", "baseline_min_windows", "anomaly_sd",
    ]

    init(_ value: ConfigValue, over defaults: AggregateSettings?) throws(ConfigError) {
        try value.checkKeys(Self.keys)
        let reader = Reader(value)
        if let list = try value.optional("windows") {
            var windows: [Duration] = []
            for element in try list.array() {
                let window = try element.duration()
                guard window.milliseconds >= 60_000,
                    Duration.days(1).milliseconds % window.milliseconds == 0
                        || window.milliseconds % Duration.days(1).milliseconds == 0
                else { throw element.error("a window must divide a day or be whole days (such as 15m, 1h, 1d, 7d)") }
                guard !windows.contains(window) else { throw element.error("\(window) is listed twice") }
                windows.append(window)
            }
            self.windows = windows.sorted()
        } else {
            windows = try ScoreSettings.required(defaults?.windows, value, "windows")
        }
        if let list = try value.optional("groups") {
            var groups: [Group] = []
            for element in try list.array() {
                let name = try element.string(oneOf: Group.allCases.map(\.rawValue))
                guard let group = Group(rawValue: name), !groups.contains(group) else {
                    throw element.error("\"\(name)\" is listed twice")
                }
                groups.append(group)
            }
            self.groups = groups
        } else {
            groups = try ScoreSettings.required(defaults?.groups, value, "groups")
        }
        minResponses = try reader.integer("min_responses", in: 1...1_000_000, defaults?.minResponses)
        baselineAlpha = try reader.number("baseline_alpha", in: 0.001...1, defaults?.baselineAlpha)
        baselineMinWindows = try reader.integer("baseline_min_windows", in: 1...10_000, defaults?.baselineMinWindows)
        anomalySD = try reader.number("anomaly_sd", in: 0.5...100, defaults?.anomalySD)
    }
}
