#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Creating the output directory, like `mkdir -p`, with the system's own error text.
package enum OutputDirectory {
    /// Creates `path` and any missing parents; succeeds if it already is a directory.
    package static func create(_ path: String) throws(GeneratorError) {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += component
            if mkdir(prefix, 0o755) != 0 {
                let code = errno
                var status = stat()
                guard code == EEXIST, stat(prefix, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else {
                    let reason = code == EEXIST ? "exists and is not a directory" : String(cString: strerror(code))
                    throw GeneratorError.io(path: prefix, problem: "cannot create directory: \(reason)")
                }
            }
            prefix += "/"
        }
    }
}
