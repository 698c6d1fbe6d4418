import TouchpointCore
import TouchpointJSON

/// Brand-level figures per group (channel, touchpoint, store) over tumbling event-time windows, written as
/// `aggregate` records when the watermark passes a window's end (contract §7).
///
/// Each event adds to one window of every configured length for each group it belongs to. A window's end is an
/// `EventTimers` timer, so windows close in event-time order (ties by key) at the same place in every replay;
/// closing compares each figure with its group's baseline (`Baseline`) and then folds it in. A window whose volume
/// is under `min_responses` is `thin`: written, never flagged. An event whose window has already closed is late
/// beyond repair: it is counted in `lateEvents` and left out (its window was written once, final).
package struct BrandAggregates: Sendable {
    struct WindowKey: Hashable, Sendable {
        var length: Int64
        var group: AggregateSettings.Group
        var value: String
        var start: Int64

        /// The timer's key: sorts by length, group, value, start, so windows due together close in that order.
        var timerKey: String {
            let length = String(length)
            let start = String(start)
            return String(repeating: "0", count: 14 - length.count) + length + "|" + group.rawValue + "|" + value
                + "|" + String(repeating: "0", count: 15 - start.count) + start
        }

        var baselineKey: String { "\(length)|\(group.rawValue)|\(value)" }
    }

    let settings: AggregateSettings
    var open: [WindowKey: WindowFigures] = [:]
    var byTimerKey: [String: WindowKey] = [:]
    var timers = EventTimers()
    /// By group and figure: `"3600000|channel|social|nps"`.
    var baselines: [String: Baseline] = [:]
    /// Windows ending at or before this have been written.
    var closedThrough: Timestamp?
    package internal(set) var lateEvents = 0
    var changedWindows: Set<WindowKey> = []
    var changedBaselines: Set<String> = []
    var isClosedThroughChanged = false

    init(settings: AggregateSettings) {
        self.settings = settings
    }

    /// Adds one scored event to its windows.
    mutating func add(_ event: Event, score: EventScore, storeID: String?, isContact: Bool) {
        guard !settings.windows.isEmpty, !settings.groups.isEmpty else { return }
        for window in settings.windows {
            let length = window.milliseconds
            let start = Self.floor(event.time.milliseconds, length)
            if let closedThrough, start + length <= closedThrough.milliseconds {
                lateEvents += 1
                continue
            }
            for group in settings.groups {
                let value: String
                switch group {
                case .channel: value = event.channel
                case .touchpoint: value = event.channel + ":" + event.type
                case .store:
                    guard let storeID else { continue }
                    value = storeID
                }
                let key = WindowKey(length: length, group: group, value: value, start: start)
                var isNew = false
                open[key, default: Self.opened(&isNew)].add(score, isContact: isContact, easiness: score.easiness)
                if isNew {
                    let timerKey = key.timerKey
                    byTimerKey[timerKey] = key
                    timers.schedule(timerKey, at: Timestamp(milliseconds: start + length))
                }
                changedWindows.insert(key)
            }
        }
    }

    /// A new window's figures; notes that one was opened (one dictionary lookup per event and window, not two).
    private static func opened(_ isNew: inout Bool) -> WindowFigures {
        isNew = true
        return WindowFigures()
    }

    private static func floor(_ value: Int64, _ length: Int64) -> Int64 {
        let remainder = value % length
        return remainder >= 0 ? value - remainder : value - remainder - length
    }

    /// Closes every window the watermark has passed (all of them on a final one), in due order.
    mutating func close(through watermark: WatermarkRecord) -> [AggregateRecord] {
        let through = watermark.isFinal ? Timestamp(milliseconds: Int64.max) : watermark.time
        guard let through else { return [] }
        var records: [AggregateRecord] = []
        for fired in timers.fire(through: through) {
            guard let key = byTimerKey.removeValue(forKey: fired.key), let figures = open.removeValue(forKey: key)
            else { continue }
            changedWindows.insert(key)
            records.append(record(key, figures))
        }
        if let time = watermark.time ?? (watermark.isFinal ? through : nil),
            closedThrough.map({ $0 < time }) ?? true
        {
            closedThrough = time
            isClosedThroughChanged = true
        }
        return records
    }

    private mutating func record(_ key: WindowKey, _ figures: WindowFigures) -> AggregateRecord {
        let isThin = figures.volume < settings.minResponses
        // A count's own noise is Poisson (√mean of the baseline); a figure's is its interval's half-width / 1.96.
        var measured: [(name: String, value: Double, error: Double?, isJudged: Bool)] = [
            ("volume", Double(figures.volume), nil, true)
        ]
        for (name, figure) in figures.figures {
            let error = figure.interval.map { ($0.high - $0.low) / (2 * 1.96) }
            measured.append((name, figure.value, error, figure.count >= settings.minResponses))
        }
        var anomalous: [String: WindowFigures.Departure] = [:]
        for (name, value, error, isJudged) in measured where isJudged {
            let baselineKey = key.baselineKey + "|" + name
            var baseline = baselines[baselineKey] ?? Baseline()
            let standardError = error ?? max(baseline.mean, 0).squareRoot()
            if !isThin && baseline.isDeparture(value, standardError: standardError, settings: settings) {
                anomalous[name] = WindowFigures.Departure(isAbove: value > baseline.mean, baseline: baseline.mean)
            }
            baseline.add(value, alpha: settings.baselineAlpha)
            baselines[baselineKey] = baseline
            changedBaselines.insert(baselineKey)
        }
        var flags: [String] = []
        if !anomalous.isEmpty { flags.append("anomaly") }
        if isThin { flags.append("thin") }
        return AggregateRecord(
            windowStart: Timestamp(milliseconds: key.start), windowEnd: Timestamp(milliseconds: key.start + key.length),
            group: JSONObject([(key.group.rawValue, .string(key.value))]),
            figures: figures.jsonObject(minResponses: settings.minResponses, anomalous: anomalous), flags: flags)
    }
}
