import Glibc
import TouchpointCore

/// Positions the committed barrier holds for files this run has not opened, and since when each file has been gone.
///
/// A barrier keeps the position of every file it was given, so that a file left out of one run (yesterday's log
/// in today's cron job) resumes where it was when it comes back. A file that is gone for good (deleted, or its path
/// now names another file) would stay in every barrier forever; once it has been gone for `--forget-after` (wall
/// time, noted in the checkpoint so a restart does not start the wait again), its position is dropped. A file that
/// comes back within the wait is resumed as before.
struct GoneFiles: Equatable {
    /// When each position's file was first seen missing (wall clock, milliseconds).
    var since: [SourcePosition: Timestamp] = [:]

    /// Whether `position`'s path still names the same file (device and inode, when the position has them).
    static func exists(_ position: SourcePosition, resolve: (String) -> String) -> Bool {
        guard let file = position.file else { return true }  // stdin: nothing to look for
        var status = stat()
        guard stat(resolve(file), &status) == 0 else { return false }
        if let device = position.device, device != UInt64(status.st_dev) { return false }
        if let inode = position.inode, inode != UInt64(status.st_ino) { return false }
        return true
    }

    /// Drops from `positions` those gone for `forgetAfter` or longer at `now`, and returns them; starts the wait for
    /// newly missing ones and ends it for those back.
    mutating func forget(
        from positions: inout [SourcePosition], now: Timestamp, after forgetAfter: Duration,
        resolve: (String) -> String
    ) -> [SourcePosition] {
        var forgotten: [SourcePosition] = []
        var kept: [SourcePosition] = []
        var stillGone: [SourcePosition: Timestamp] = [:]
        for position in positions {
            if Self.exists(position, resolve: resolve) {
                kept.append(position)
                continue
            }
            let first = since[position] ?? now
            if now.milliseconds - first.milliseconds >= forgetAfter.milliseconds {
                forgotten.append(position)
            } else {
                stillGone[position] = first
                kept.append(position)
            }
        }
        positions = kept
        since = stillGone
        return forgotten
    }

    /// Writes each wait as the index of its position in `positions` (the barrier's), so it is found again on
    /// restore without a second copy of the position.
    func write(into writer: inout StateWriter, positions: [SourcePosition]) {
        let entries = positions.indices.compactMap { index in since[positions[index]].map { (index, $0) } }
        writer.write(entries.count)
        for (index, time) in entries {
            writer.write(index)
            writer.write(time)
        }
    }

    init() {}

    init(reading reader: inout StateReader, positions: [SourcePosition]) throws(StateError) {
        let count = try reader.readInt()
        for _ in 0..<max(0, count) {
            let index = try reader.readInt()
            let time = try reader.readTimestamp()
            guard positions.indices.contains(index) else { throw StateError("a gone file's position is out of range") }
            since[positions[index]] = time
        }
    }
}
