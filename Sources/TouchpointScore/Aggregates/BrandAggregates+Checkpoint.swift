import TouchpointCore

/// The checkpoint form of the open windows and baselines: a snapshot holds all of them, a change frame the windows
/// and baselines touched since the last checkpoint (a closed window written as absent). Timers are not written:
/// every open window has exactly one, at its end, so restoring a window schedules it again.
extension BrandAggregates {
    mutating func writeSnapshot(into writer: inout StateWriter) {
        writeHead(into: &writer)
        let keys = Self.sortedByTimerKey(open.keys)
        writer.write(keys.count)
        for key in keys { Self.write(key, open[key], into: &writer) }
        writer.write(sortedByKey: baselines) { Self.write($1, into: &$0) }
        clearChanges()
    }

    var hasChanges: Bool { !changedWindows.isEmpty || !changedBaselines.isEmpty || isClosedThroughChanged }

    mutating func writeChanges(into writer: inout StateWriter) {
        writeHead(into: &writer)
        let keys = Self.sortedByTimerKey(changedWindows)
        writer.write(keys.count)
        for key in keys { Self.write(key, open[key], into: &writer) }
        writer.write(changedBaselines.count)
        for key in changedBaselines.sorted() {
            writer.write(key)
            Self.write(baselines[key] ?? Baseline(), into: &writer)
        }
        clearChanges()
    }

    mutating func restore(snapshot reader: inout StateReader) throws(StateError) {
        self = BrandAggregates(settings: settings)
        try apply(changes: &reader)
    }

    mutating func apply(changes reader: inout StateReader) throws(StateError) {
        closedThrough = try reader.readOptional { (reader: inout StateReader) throws(StateError) in
            try reader.readTimestamp()
        }
        lateEvents = try reader.readInt()
        for _ in 0..<(try reader.count()) {
            let key = WindowKey(
                length: try reader.readInt64(),
                group: try Self.readGroup(&reader), value: try reader.readString(), start: try reader.readInt64())
            guard key.length > 0 else { throw StateError("a window of length \(key.length)") }
            let timerKey = key.timerKey
            if try reader.readBool() {
                open[key] = try Self.readFigures(&reader)
                byTimerKey[timerKey] = key
                timers.schedule(timerKey, at: Timestamp(milliseconds: key.start + key.length))
            } else {
                open[key] = nil
                byTimerKey[timerKey] = nil
                timers.cancel(timerKey)
            }
        }
        for _ in 0..<(try reader.count()) {
            let key = try reader.readString()
            baselines[key] = Baseline(
                windows: try reader.readInt(), mean: try reader.readDouble(), variance: try reader.readDouble())
        }
        clearChanges()
    }

    /// In timer-key order, each key built once (not once per comparison).
    private static func sortedByTimerKey(_ keys: some Sequence<WindowKey>) -> [WindowKey] {
        keys.map { ($0.timerKey, $0) }.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// Forgets the windows and baselines touched since the last checkpoint (`CheckpointedState.discardChanges`).
    mutating func discardChanges() {
        clearChanges()
        timers.discardChanges()
    }

    private mutating func clearChanges() {
        changedWindows = []
        changedBaselines = []
        isClosedThroughChanged = false
    }

    private func writeHead(into writer: inout StateWriter) {
        writer.write(closedThrough) { $0.write($1) }
        writer.write(lateEvents)
    }

    private static func write(_ key: WindowKey, _ figures: WindowFigures?, into writer: inout StateWriter) {
        writer.write(key.length)
        writer.write(key.group.rawValue)
        writer.write(key.value)
        writer.write(key.start)
        writer.write(figures != nil)
        guard let figures else { return }
        for path in countPaths { writer.write(figures[keyPath: path]) }
        for path in sumPaths { writer.write(figures[keyPath: path]) }
    }

    private static var countPaths: [WritableKeyPath<WindowFigures, Int>] {
        [
            \.volume, \.sentimentCount, \.promoters, \.passives, \.detractors, \.csatCount, \.satisfied, \.cesCount,
            \.complaints,
        ]
    }
    private static var sumPaths: [WritableKeyPath<WindowFigures, Double>] {
        [\.sentimentSum, \.sentimentSquares, \.cesSum, \.cesSquares]
    }

    private static func readFigures(_ reader: inout StateReader) throws(StateError) -> WindowFigures {
        var figures = WindowFigures()
        for path in countPaths { figures[keyPath: path] = try reader.readInt() }
        for path in sumPaths { figures[keyPath: path] = try reader.readDouble() }
        return figures
    }

    private static func readGroup(_ reader: inout StateReader) throws(StateError) -> AggregateSettings.Group {
        let name = try reader.readString()
        guard let group = AggregateSettings.Group(rawValue: name) else { throw StateError("unknown group \(name)") }
        return group
    }

    private static func write(_ baseline: Baseline, into writer: inout StateWriter) {
        writer.write(baseline.windows)
        writer.write(baseline.mean)
        writer.write(baseline.variance)
    }
}
