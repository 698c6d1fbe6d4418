import Glibc

/// Finds the program a user named on a command line, once, before anything runs: so a misspelt command is a usage
/// error at start, not a failure at every use.
///
/// A name with a slash is a path (relative ones against `workingDirectory`, as every path flag); a bare name is
/// looked up in `PATH` the way `execvp` would (`/usr/local/bin:/usr/bin:/bin` when it is unset). Only a regular file
/// this process may execute is taken. The supervisor never uses this: it runs its sibling binaries by full path.
package enum ExecutableSearch {
    /// The path to run for `name`, or nil when there is no such executable.
    package static func find(_ name: String, workingDirectory: String?) -> String? {
        guard !name.isEmpty else { return nil }
        if name.contains("/") {
            let path = name.hasPrefix("/") || workingDirectory == nil ? name : workingDirectory! + "/" + name
            return isExecutableFile(path) ? path : nil
        }
        let searchPath = getenv("PATH").map { String(cString: $0) } ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in searchPath.split(separator: ":", omittingEmptySubsequences: false) {
            let path = (directory.isEmpty ? "." : String(directory)) + "/" + name
            if isExecutableFile(path) { return path }
        }
        return nil
    }

    private static func isExecutableFile(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFREG && access(path, X_OK) == 0
    }
}
