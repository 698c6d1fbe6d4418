import TouchpointJSON

/// Recognises records a restarted committer has already written, by their deterministic ids (contract §4).
///
/// After a crash the committer's output file may hold records written after the last committed barrier: written,
/// but not committed, so the restarted pipeline produces them again. Their keys (`kind` and `id`; for a record
/// without an id, the whole line less its `received` time) are collected from that tail, and each is dropped once
/// when it comes again, so the output holds every record exactly once and is only ever appended to. The filter ends once a barrier later than
/// any in the tail is committed: whatever the tail held has come again by then.
package struct ReplayFilter {
    private var keys: [String: Int] = [:]
    /// The newest barrier id in the tail; nil when the tail had none.
    package private(set) var lastBarrierInTail: Int?
    private var parser = JSONParser()

    /// Collects the keys of the complete lines in `tail`.
    package init(tail: [UInt8]) {
        var start = 0
        tail.withUnsafeBufferPointer { bytes in
            for index in bytes.indices where bytes[index] == 0x0A {
                let line = UnsafeBufferPointer(rebasing: bytes[start..<index])
                start = index + 1
                guard let key = key(of: line) else { continue }
                keys[key, default: 0] += 1
                if key.hasPrefix("barrier:"), let id = Int(key.dropFirst("barrier:".count)) {
                    lastBarrierInTail = max(lastBarrierInTail ?? id, id)
                }
            }
        }
    }

    package var isEmpty: Bool { keys.isEmpty }

    /// Whether `line` was in the tail and not yet matched; a match is used up.
    package mutating func matches(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let key = key(of: line), let count = keys[key] else { return false }
        keys[key] = count > 1 ? count - 1 : nil
        return true
    }

    private mutating func key(of line: UnsafeBufferPointer<UInt8>) -> String? {
        guard let document = try? parser.parse(line), let kindNode = document["kind"],
            let kind = document.string(kindNode)
        else { return nil }
        if let idNode = document["id"] {
            if let id = document.string(idNode) { return kind + ":" + id }
            if let number = document.number(idNode) { return kind + ":" + number.literal }
        }
        // Without an id, the whole line, except the time it was read: ingest stamps `received` with the clock
        // (`--received now`), so a record read again after a restart differs only there.
        var hash = StableHash()
        if let receivedNode = document["received"], document.type(of: receivedNode) == .string,
            let base = line.baseAddress, let start = document.rawBytes(receivedNode).baseAddress
        {
            let from = start - base
            let to = from + document.rawBytes(receivedNode).count
            guard from >= 0, to <= line.count else { return kind + "#" + StableHash.of(line) }
            hash.combine(bytes: UnsafeBufferPointer(rebasing: line[..<from]))
            hash.combine(bytes: UnsafeBufferPointer(rebasing: line[to...]))
        } else {
            hash.combine(bytes: line)
        }
        return kind + "#" + hash.hex
    }
}

extension StableHash {
    fileprivate static func of(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var hash = StableHash()
        hash.combine(bytes: bytes)
        return hash.hex
    }
}
