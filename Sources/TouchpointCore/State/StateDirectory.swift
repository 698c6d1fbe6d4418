import Glibc

/// A folder of state files, every operation relative to one open descriptor of it (contract §4, §8).
///
/// State holds personal data and decides what a restart replays, so it is written the careful way everywhere:
/// - the folder is created 0700 and opened once; files are named relative to it (`openat`), never by a path a
///   planted symbolic link could redirect;
/// - every file is opened with `O_NOFOLLOW`; new files with `O_CREAT | O_EXCL` and mode 0600, so an existing file
///   or link is never written through;
/// - a replacement is written to a fresh temporary name, fsynced, renamed over the target and the folder fsynced,
///   so after a crash the target holds the old or the new bytes, never a mix; temporaries a crash left behind
///   (`*.tmp-*`) are removed when the folder is opened to write (`init(path:)`; `existing(path:)` opens one to read
///   only, changing nothing).
package final class StateDirectory {
    /// The folder as given, for messages.
    package let path: String
    private let descriptor: Int32
    private var temporaryCounter = 0

    /// Opens the folder, creating it (and missing parents) with mode 0700.
    package init(path: String) throws(StageFailure) {
        self.path = path
        try Self.makeDirectories(path)
        descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Self.failure("open", path) }
        for name in (try? entries()) ?? [] where name.contains(".tmp-") { unlinkat(descriptor, name, 0) }
    }

    /// Opens an existing folder to read only: nothing is created, and temporaries are left alone (a stage running
    /// on the folder may be writing one). Nil when the folder does not exist.
    package static func existing(path: String) throws(StageFailure) -> StateDirectory? {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { return nil }
            throw failure("open", path)
        }
        return StateDirectory(descriptor: descriptor, path: path)
    }

    private init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    deinit { close(descriptor) }

    /// An existing subfolder, opened to read only: none is created and its mode is left as it is. Nil when it does
    /// not exist; a symbolic link in its place is refused.
    package func existingSubdirectory(_ name: String) throws(StageFailure) -> StateDirectory? {
        let folder = openat(descriptor, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard folder >= 0 else {
            if errno == ENOENT { return nil }
            if errno == ELOOP || errno == ENOTDIR {
                throw StageFailure("\(path)/\(name): not a directory (a symbolic link or a file is in its place)")
            }
            throw Self.failure("open", "\(path)/\(name)")
        }
        return StateDirectory(descriptor: folder, path: "\(path)/\(name)")
    }

    /// A subfolder, created 0700 if missing; a symbolic link in its place is refused.
    package func subdirectory(_ name: String) throws(StageFailure) -> StateDirectory {
        if mkdirat(descriptor, name, 0o700) != 0 && errno != EEXIST { throw Self.failure("mkdir", "\(path)/\(name)") }
        var status = stat()
        guard fstatat(descriptor, name, &status, AT_SYMLINK_NOFOLLOW) == 0 else {
            throw Self.failure("stat", "\(path)/\(name)")
        }
        guard status.st_mode & S_IFMT == S_IFDIR else {
            throw StageFailure("\(path)/\(name): not a directory (a symbolic link or a file is in its place)")
        }
        // The folder is this program's: personal data in it is readable by its owner only.
        if status.st_mode & 0o077 != 0 { fchmodat(descriptor, name, 0o700, 0) }
        return try StateDirectory(path: "\(path)/\(name)")
    }

    // MARK: - Whole files

    /// The file's bytes, or nil when it does not exist. A symbolic link is refused.
    package func read(_ name: String) throws(StageFailure) -> [UInt8]? {
        let file = openat(descriptor, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard file >= 0 else {
            if errno == ENOENT { return nil }
            throw Self.failure("open", "\(path)/\(name)")
        }
        defer { close(file) }
        return try Self.readAll(file, path: "\(path)/\(name)")
    }

    /// Replaces `name` with `bytes` atomically and durably (temporary, fsync, rename, fsync the folder).
    package func replace(_ name: String, with bytes: [UInt8]) throws(StageFailure) {
        let (temporary, file) = try createTemporary(for: name)
        do throws(StageFailure) {
            try Self.writeAll(bytes, to: file, path: "\(path)/\(temporary)")
            guard fsync(file) == 0 else { throw Self.failure("fsync", "\(path)/\(temporary)") }
        } catch {
            close(file)
            unlinkat(descriptor, temporary, 0)
            throw error
        }
        close(file)
        guard renameat(descriptor, temporary, descriptor, name) == 0 else {
            let failure = Self.failure("rename", "\(path)/\(name)")
            unlinkat(descriptor, temporary, 0)
            throw failure
        }
        try synchronize()
    }

    /// Flushes the folder itself, so renames and new names in it survive a crash.
    package func synchronize() throws(StageFailure) {
        guard fsync(descriptor) == 0 else { throw Self.failure("fsync", path) }
    }

    package func remove(_ name: String) {
        unlinkat(descriptor, name, 0)
    }

    /// Names in the folder, sorted (so every listing-driven decision is deterministic).
    package func entries() throws(StageFailure) -> [String] {
        let copy = openat(descriptor, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard copy >= 0, let stream = fdopendir(copy) else { throw Self.failure("opendir", path) }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    // MARK: - Append-only files

    /// Opens `name` for appending; created with `O_EXCL` and 0600 when missing. Never follows a link.
    package func openForAppending(_ name: String) throws(StageFailure) -> AppendOnlyFile {
        var file = openat(descriptor, name, O_WRONLY | O_APPEND | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        if file < 0 && errno == EEXIST {
            file = openat(descriptor, name, O_WRONLY | O_APPEND | O_NOFOLLOW | O_CLOEXEC)
        }
        guard file >= 0 else { throw Self.failure("open", "\(path)/\(name)") }
        return AppendOnlyFile(descriptor: file, path: "\(path)/\(name)")
    }

    /// Cuts `name` back to `length` bytes (the part after it belongs to barriers that were never committed).
    package func truncate(_ name: String, to length: Int) throws(StageFailure) {
        let file = openat(descriptor, name, O_WRONLY | O_NOFOLLOW | O_CLOEXEC)
        guard file >= 0 else { throw Self.failure("open", "\(path)/\(name)") }
        defer { close(file) }
        guard ftruncate(file, off_t(length)) == 0, fsync(file) == 0 else {
            throw Self.failure("truncate", "\(path)/\(name)")
        }
    }

    // MARK: - Locking

    /// Holds an exclusive lock on `name` for the life of the returned descriptor: two processes writing one state
    /// folder would corrupt it, so the second one is refused with the holder named.
    package func lock(_ name: String) throws(StageFailure) -> Int32 {
        let file = openat(descriptor, name, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard file >= 0 else { throw Self.failure("open", "\(path)/\(name)") }
        guard flock(file, LOCK_EX | LOCK_NB) == 0 else {
            close(file)
            throw StageFailure("\(path): state folder in use by another process (lock \(name) is held)")
        }
        return file
    }

    // MARK: - Helpers

    private func createTemporary(for name: String) throws(StageFailure) -> (String, Int32) {
        for _ in 0..<100 {
            temporaryCounter += 1
            var now = timespec()
            clock_gettime(CLOCK_MONOTONIC, &now)
            let temporary = "\(name).tmp-\(getpid())-\(temporaryCounter)-\(now.tv_nsec)"
            let file = openat(
                descriptor, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if file >= 0 { return (temporary, file) }
            guard errno == EEXIST else { throw Self.failure("open", "\(path)/\(temporary)") }
        }
        throw StageFailure("\(path): no free temporary name for \(name)")
    }

    private static func makeDirectories(_ path: String) throws(StageFailure) {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += component
            if mkdir(prefix, 0o700) != 0 && errno != EEXIST { throw failure("mkdir", prefix) }
            prefix += "/"
        }
    }

    static func readAll(_ file: Int32, path: String) throws(StageFailure) -> [UInt8] {
        var contents: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(file, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw failure("read", path) }
            if count == 0 { return contents }
            contents.append(contentsOf: chunk[0..<count])
        }
    }

    static func writeAll(_ bytes: [UInt8], to file: Int32, path: String) throws(StageFailure) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.write(file, $0.baseAddress! + offset, bytes.count - offset) }
            if written < 0 && errno == EINTR { continue }
            guard written >= 0 else { throw failure("write", path) }
            offset += written
        }
    }

    static func failure(_ operation: String, _ path: String) -> StageFailure {
        StageFailure("\(path): \(operation): \(String(cString: strerror(errno)))")
    }
}

/// A file written only at its end, such as a checkpoint log.
package final class AppendOnlyFile {
    package let path: String
    private let descriptor: Int32

    init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    deinit { close(descriptor) }

    /// Appends and fsyncs: when this returns, the bytes survive a crash.
    package func appendDurably(_ bytes: [UInt8]) throws(StageFailure) {
        try StateDirectory.writeAll(bytes, to: descriptor, path: path)
        guard fdatasync(descriptor) == 0 else { throw StateDirectory.failure("fsync", path) }
    }
}
