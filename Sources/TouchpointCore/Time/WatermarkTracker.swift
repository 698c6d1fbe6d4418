/// Where event time stands for a stream of several sources: what normalize writes as `watermark` records
/// (contract §4, "Watermarks").
///
/// Per source, the newest event time seen minus the allowed lateness; over the stream, the smallest of those among
/// the sources that can still deliver. A source the last barrier called `pending` (not read yet), or one being read
/// that has delivered no event yet, holds event time back entirely: it may deliver anything. A `done` source
/// no longer counts; an `idle` one (followed, quiet) counts only when every source is idle. Once every source is
/// `done`, the watermark is final and closes everything. Watermarks are proposed only at barriers, never go back,
/// and depend only on the input, so a replay writes the same ones at the same places.
package struct WatermarkTracker: Equatable, Sendable {
    package let allowedLateness: Duration
    /// Newest event time per source name.
    package private(set) var newest: [String: Timestamp] = [:]
    /// The statuses the last barrier reported; empty when barriers report none (then every source seen counts).
    package private(set) var statuses: [String: SourceStatus] = [:]
    /// The last watermark proposed, and whether it was final.
    package private(set) var current: Timestamp?
    package private(set) var isFinal = false

    package init(allowedLateness: Duration) {
        self.allowedLateness = allowedLateness
    }

    /// Notes an event's time.
    @inline(__always)
    package mutating func observe(source: String, time: Timestamp) {
        if let known = newest[source], known >= time { return }
        newest[source] = time
    }

    /// Takes the barrier's source statuses and returns the watermark to write before it, if event time advanced.
    package mutating func barrier(_ barrier: Barrier) -> WatermarkRecord? {
        guard !isFinal else { return nil }
        if !barrier.sources.isEmpty {
            statuses = Dictionary(barrier.sources.map { ($0.name, $0.status) }, uniquingKeysWith: { $1 })
        }
        if !statuses.isEmpty, statuses.values.allSatisfy({ $0 == .done }) {
            isFinal = true
            return WatermarkRecord(time: newest.values.max(), isFinal: true)
        }
        guard let candidate = candidate(), candidate > (current ?? .beginningOfTime) else { return nil }
        current = candidate
        return WatermarkRecord(time: candidate)
    }

    /// The stream's watermark now, or nil while some source may still deliver anything.
    private func candidate() -> Timestamp? {
        let sources: [(name: String, status: SourceStatus)] =
            statuses.isEmpty ? newest.keys.map { ($0, .reading) } : statuses.map { ($0.key, $0.value) }
        let live = sources.filter { $0.status != .done }
        let counted = live.contains { $0.status != .idle } ? live.filter { $0.status != .idle } : live
        guard !counted.isEmpty else { return nil }
        var smallest = Timestamp.endOfTime
        for source in counted {
            guard source.status != .pending, let time = newest[source.name] else { return nil }
            smallest = min(smallest, time - allowedLateness)
        }
        return smallest
    }

    // MARK: - Checkpoints

    package func write(into writer: inout StateWriter) {
        writer.write(allowedLateness.milliseconds)
        let names = newest.keys.sorted()
        writer.write(names.count)
        for name in names {
            writer.write(name)
            writer.write(newest[name]!)
        }
        let statusNames = statuses.keys.sorted()
        writer.write(statusNames.count)
        for name in statusNames {
            writer.write(name)
            writer.write(statuses[name]!.rawValue)
        }
        writer.write(current) { $0.write($1) }
        writer.write(isFinal)
    }

    package mutating func restore(from reader: inout StateReader) throws(StateError) {
        _ = try reader.readInt64()
        newest = [:]
        for _ in 0..<max(0, try reader.readInt()) {
            let name = try reader.readString()
            newest[name] = try reader.readTimestamp()
        }
        statuses = [:]
        for _ in 0..<max(0, try reader.readInt()) {
            let name = try reader.readString()
            guard let status = SourceStatus(rawValue: try reader.readString()) else {
                throw StateError("unknown source status")
            }
            statuses[name] = status
        }
        current = try reader.readOptional { (reader: inout StateReader) throws(StateError) in
            try reader.readTimestamp()
        }
        isFinal = try reader.readBool()
    }
}
