import Glibc
import TouchpointCore

/// Writes a whole file in place of `path`: a temporary beside it (O_EXCL|O_NOFOLLOW, 0600, since a customer's page
/// holds personal data), fsynced, then renamed over, so a reader sees the old page or the new one, never half.
enum ReportFile {
    static func replace(_ path: String, with bytes: [UInt8]) throws(StageFailure) {
        let temporary = path + ".tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw StageFailure("\(temporary): \(String(cString: strerror(errno)))") }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, $0.count - written) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                let message = String(cString: strerror(errno))
                close(descriptor)
                unlink(temporary)
                throw StageFailure("\(path): \(message)")
            }
            written += count
        }
        let synced = fsync(descriptor) == 0
        close(descriptor)
        guard synced, rename(temporary, path) == 0 else {
            let message = String(cString: strerror(errno))
            unlink(temporary)
            throw StageFailure("\(path): \(message)")
        }
    }
}
