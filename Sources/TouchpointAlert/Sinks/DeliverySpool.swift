import TouchpointCore

/// Alerts raised but not yet taken by the `--exec` command, oldest first: part of alert's state, so a checkpoint
/// holds them and a restart from it delivers them (docs/stages/alert.md, "Delivery").
///
/// Each is kept as the exact line the command is given (the alert's JSON as stdout has it), so a spooled alert
/// delivered after a restart, a reload or an edit of the rules is byte for byte the one first raised.
struct DeliverySpool: Equatable {
    struct Entry: Equatable {
        var id: String
        var line: [UInt8]
    }

    private(set) var entries: [Entry] = []
    private var ids: Set<String> = []

    var isEmpty: Bool { entries.isEmpty }
    var count: Int { entries.count }
    var first: Entry? { entries.first }

    func contains(_ id: String) -> Bool { ids.contains(id) }

    mutating func append(_ entry: Entry) {
        guard ids.insert(entry.id).inserted else { return }
        entries.append(entry)
    }

    mutating func removeFirst() {
        ids.remove(entries.removeFirst().id)
    }

    /// Drops the entries `isGone` picks (delivered after the checkpoint they were restored from).
    mutating func removeAll(where isGone: (String) -> Bool) {
        entries.removeAll { isGone($0.id) }
        ids = Set(entries.map(\.id))
    }

    func write(into writer: inout StateWriter) {
        writer.write(entries.count)
        for entry in entries {
            writer.write(entry.id)
            entry.line.withUnsafeBufferPointer { writer.write(bytes: $0) }
        }
    }

    init() {}

    init(from reader: inout StateReader) throws(StateError) {
        for _ in 0..<max(0, try reader.readInt()) {
            append(Entry(id: try reader.readString(), line: Array(try reader.readBytes())))
        }
    }
}
