import Glibc

/// Files that must survive a crash or hold personal data (contract §4, §8).
package enum DurableFile {
    /// Replaces `path` atomically: write a temporary file beside it, fsync it, rename it over `path`, fsync the
    /// directory. After a crash, `path` holds either the old or the new contents, never a torn mix. New files are
    /// created with `permissions` (0600 by default: state files hold personal data).
    package static func write(_ bytes: [UInt8], to path: String, permissions: mode_t = 0o600) throws(StageFailure) {
        let temporaryPath = "\(path).tmp-\(getpid())"
        let descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, permissions)
        guard descriptor >= 0 else { throw failure("open", temporaryPath) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes {
                Glibc.write(descriptor, $0.baseAddress! + offset, bytes.count - offset)
            }
            if written < 0 && errno == EINTR { continue }
            guard written >= 0 else {
                let error = failure("write", temporaryPath)
                close(descriptor)
                unlink(temporaryPath)
                throw error
            }
            offset += written
        }
        guard fsync(descriptor) == 0 else {
            let error = failure("fsync", temporaryPath)
            close(descriptor)
            throw error
        }
        close(descriptor)
        guard rename(temporaryPath, path) == 0 else { throw failure("rename", path) }
        let directory = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
        let directoryDescriptor = open(directory.isEmpty ? "/" : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directoryDescriptor >= 0 {
            fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }

    /// Opens a file for appending (dead letters, logs), creating it with mode 0600.
    package static func openForAppending(_ path: String) throws(StageFailure) -> Int32 {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw failure("open", path) }
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
        var contents: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw failure("read", path) }
            if count == 0 { return contents }
            contents.append(contentsOf: chunk[0..<count])
        }
    }

    private static func failure(_ operation: String, _ path: String) -> StageFailure {
        StageFailure("\(path): \(operation): \(String(cString: strerror(errno)))")
    }
}
