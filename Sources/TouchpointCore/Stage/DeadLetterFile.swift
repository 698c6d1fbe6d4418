import Glibc
import TouchpointJSON

/// The `--dead-letters FILE` as a checkpoint sees it: the descriptor `DeadLetterLedger` measures and cuts back,
/// and a way to push the dead letters still buffered into it first.
///
/// Only a regular file has one: a pipe, a terminal or `/dev/null` cannot be measured or cut, so dead letters written
/// there are not made exactly-once.
package final class DeadLetterFile {
    /// The file as given, for messages.
    package let path: String
    package let descriptor: Int32
    private let buffer: OutputBuffer

    package init(path: String, descriptor: Int32, buffer: OutputBuffer) {
        self.path = path
        self.descriptor = descriptor
        self.buffer = buffer
    }

    /// Whether `descriptor` is a regular file (the only kind a ledger can keep).
    package static func isRegularFile(_ descriptor: Int32) -> Bool {
        var status = stat()
        return fstat(descriptor, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
    }

    /// Writes every buffered dead letter to the file and fsyncs it: when this returns, the file's size counts them
    /// all, after a crash too.
    package func flushDurably() throws(StageFailure) {
        do {
            try buffer.flush()
        } catch {
            throw StageFailure("\(path): \(error)")
        }
        guard fsync(descriptor) == 0 else { throw StageFailure("\(path): fsync: \(String(cString: strerror(errno)))") }
    }
}
