import Glibc
import TouchpointCore

/// Where the stage binaries are: next to the running `touchpoint` unless `--bin DIR` says otherwise.
///
/// The stages are installed (and built by SwiftPM) side by side with the supervisor, so the supervisor's own
/// directory is the right default, and `PATH` is never consulted: a pipeline file cannot make it run a different
/// `ingest` by changing the environment.
package enum ExecutableLocation {
    /// The directory of the running executable, from `/proc/self/exe`.
    package static func directoryOfRunningExecutable() throws(StageFailure) -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard count > 0 else {
            throw StageFailure("/proc/self/exe: \(String(cString: strerror(errno))) (pass --bin DIR)")
        }
        let path = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return PathName.directory(of: path)
    }
}

/// The few path manipulations the supervisor needs, on plain strings.
package enum PathName {
    /// `dirname(3)` semantics: `a/b` -> `a`, `b` -> `.`, `/b` -> `/`.
    package static func directory(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        let directory = trimmed[..<slash]
        return directory.isEmpty ? "/" : String(directory)
    }

    /// The canonical absolute path of an existing file or directory (`realpath(3)`).
    package static func absolute(_ path: String) throws(UsageError) -> String {
        guard let resolved = realpath(path, nil) else {
            throw UsageError("\(path): \(String(cString: strerror(errno)))")
        }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
