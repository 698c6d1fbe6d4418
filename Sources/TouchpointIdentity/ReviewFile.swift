import Glibc
import TouchpointCore
import TouchpointJSON

/// `--review FILE`: review records appended to a file of their own instead of being written in-stream.
///
/// Created 0600 with `O_NOFOLLOW` (reviews hold both sides' profile ids), opened at the first review, buffered, and
/// written and fsynced at every barrier and at the end, so that the reviews before a barrier are on disk before the
/// barrier is forwarded. A crash after a barrier and the replay that follows may append a review again: review ids
/// are derived from the event and the sides, so a reader keeps the first of each id.
final class ReviewFile {
    let path: String
    private var descriptor: Int32 = -1
    private var pending: [UInt8] = []

    init(path: String) {
        self.path = path
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    func append(_ record: ReviewRecord) throws(ByteStreamError) {
        JSONWriter.write(record.jsonValue, into: &pending)
        pending.append(UInt8(ascii: "\n"))
        if pending.count >= 1 << 16 { try flush(sync: false) }
    }

    /// Writes what is pending; with `sync`, fsyncs the file too (once it exists).
    func flush(sync: Bool) throws(ByteStreamError) {
        if !pending.isEmpty {
            if descriptor < 0 {
                do {
                    descriptor = try DurableFile.openForAppending(path)
                } catch {
                    throw .failed(operation: "\(path): open", errno: errno)
                }
            }
            var written = 0
            while written < pending.count {
                let count = pending.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, $0.count - written) }
                if count < 0 {
                    if errno == EINTR { continue }
                    throw .failed(operation: "\(path): write", errno: errno)
                }
                written += count
            }
            pending.removeAll(keepingCapacity: true)
        }
        if sync && descriptor >= 0 && fsync(descriptor) != 0 {
            throw .failed(operation: "\(path): fsync", errno: errno)
        }
    }
}
