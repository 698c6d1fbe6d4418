import Glibc

/// Files outside a state directory that a stage creates or reads: outputs, dead letters, configuration.
///
/// Every file a stage creates is opened with `O_NOFOLLOW` and mode 0600 (outputs and dead letters hold personal
/// data), so a symbolic link planted where the file should be is refused, never written through. State lives in a
/// `StateDirectory`, which adds `O_EXCL` and atomic replacement.
package enum DurableFile {
    /// Opens a file for appending (dead letters, outputs), creating it with mode 0600; a symbolic link is refused.
    package static func openForAppending(_ path: String) throws(StageFailure) -> Int32 {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            if errno == ELOOP { throw StageFailure("\(path): is a symbolic link; refusing to write through it") }
            throw failure("open", path)
        }
        return descriptor
    }

    /// Reads a whole file, or nil if it does not exist.
    package static func read(_ path: String) throws(StageFailure) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { return nil }
            throw failure("open", path)
        }
        defer { close(descriptor) }
        return try StateDirectory.readAll(descriptor, path: path)
    }

    private static func failure(_ operation: String, _ path: String) -> StageFailure {
        StageFailure("\(path): \(operation): \(String(cString: strerror(errno)))")
    }
}
