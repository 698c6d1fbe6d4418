import TouchpointCore

/// The ids of the alerts the `--exec` command took (exited 0): what keeps a replay from running the command again
/// for an alert it already took (docs/stages/alert.md, "Delivery").
///
/// A barrier checkpoint cannot hold this. A command that ran cannot be undone, and after a crash the replay from the
/// committed barrier raises again every alert after it, delivered ones included. So each delivery is appended to
/// `exec-delivered.log` in alert's state folder, and fsynced, before the alert leaves the spool: the exec sink's
/// counterpart of the committer's output file, which recognises replayed records by id. One line per delivery,
/// `<epoch> <id>`, the epoch being the last barrier checkpointed before it. An entry whose epoch is before the
/// committed barrier is never needed again (the alert was delivered before a checkpoint that a restart restores, so
/// that checkpoint's spool lacks it and the replay after it does not raise it) and goes when the log is rewritten;
/// at most `capacity` entries are kept in any case, the newest. A line a crash cut short is dropped. Without
/// `--state` the same bookkeeping lives in memory only.
final class DeliveryJournal {
    static let fileName = "exec-delivered.log"
    static let capacity = 65_536
    /// The log is rewritten once this many entries (and half of them) have become obsolete.
    static let compactionThreshold = 1024

    private var epochs: [String: Int] = [:]
    /// The ids in the order they were delivered, for the log's order and the capacity.
    private var order: [String] = []
    private var folder: StateDirectory?
    private var file: AppendOnlyFile?
    /// The last barrier checkpointed: the epoch of deliveries from now on.
    private(set) var epoch = 0
    private var committed: Int?

    var count: Int { order.count }

    func contains(_ id: String) -> Bool { epochs[id] != nil }

    /// Reads the log in `folder` (the stage's state folder) and keeps appending to it; returns how many damaged
    /// lines were dropped.
    @discardableResult
    func open(in folder: StateDirectory, committed: Int?, epoch: Int) throws(StageFailure) -> Int {
        self.folder = folder
        self.committed = committed
        self.epoch = epoch
        epochs = [:]
        order = []
        let bytes = try folder.read(Self.fileName) ?? []
        var dropped = 0
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        // The piece after the last newline is empty, or a line a crash cut short.
        if let last = lines.popLast(), !last.isEmpty { dropped += 1 }
        for line in lines {
            guard let space = line.firstIndex(of: 0x20),
                let lineEpoch = Int(String(decoding: line[line.startIndex..<space], as: UTF8.self)),
                space + 1 < line.endIndex
            else {
                dropped += 1
                continue
            }
            let id = String(decoding: line[(space + 1)...], as: UTF8.self)
            if epochs.updateValue(lineEpoch, forKey: id) == nil { order.append(id) }
        }
        let entries = order.count
        prune()
        if dropped > 0 || order.count < entries {
            try rewrite()
        } else {
            file = try folder.openForAppending(Self.fileName)
        }
        return dropped
    }

    /// Notes that the command took `id`; durable when this returns.
    func record(_ id: String) throws(StageFailure) {
        guard epochs[id] == nil else { return }
        epochs[id] = epoch
        order.append(id)
        try file?.appendDurably(Array("\(epoch) \(id)\n".utf8))
        if order.count > 2 * Self.capacity { try compact() }
    }

    /// A barrier was checkpointed, and `committed` is the pipeline's last commit: later deliveries belong to the new
    /// epoch, and entries the commit made obsolete go once there are enough of them.
    func checkpointed(barrier: Int, committed: Int?) throws(StageFailure) {
        epoch = max(epoch, barrier)
        guard let committed, committed > (self.committed ?? Int.min) else { return }
        self.committed = committed
        guard order.count >= Self.compactionThreshold else { return }
        let obsolete = order.count { epochs[$0]! < committed }
        if obsolete >= Self.compactionThreshold && obsolete * 2 >= order.count { try compact() }
    }

    private func compact() throws(StageFailure) {
        prune()
        try rewrite()
    }

    /// Drops what the commit made obsolete, and the oldest entries past the capacity.
    private func prune() {
        if let committed {
            order.removeAll { epochs[$0]! < committed }
        }
        if order.count > Self.capacity { order.removeFirst(order.count - Self.capacity) }
        let kept = Set(order)
        epochs = epochs.filter { kept.contains($0.key) }
    }

    /// Replaces the log with the entries kept (atomically), and appends to the new file from now on.
    private func rewrite() throws(StageFailure) {
        guard let folder else { return }
        var bytes: [UInt8] = []
        for id in order { bytes += Array("\(epochs[id]!) \(id)\n".utf8) }
        file = nil
        try folder.replace(Self.fileName, with: bytes)
        file = try folder.openForAppending(Self.fileName)
    }
}
