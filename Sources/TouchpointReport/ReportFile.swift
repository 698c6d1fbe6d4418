import Glibc
import TouchpointCore

/// Writes a whole file in place of `path`: a temporary beside it (mkstemp: O_EXCL, 0600, since a customer's page
/// holds personal data), fsynced, then renamed over, so a reader sees the old page or the new one, never half.
enum ReportFile {
    static func replace(_ path: String, with bytes: [UInt8]) throws(StageFailure) {
        // mkstemp: a fresh name per call (two writers in one process, as two demo runs in a test, must not meet),
        // created O_EXCL and 0600, which never follows a link planted in its place.
        var template = Array((path + ".tmp-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        if descriptor >= 0 { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
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
