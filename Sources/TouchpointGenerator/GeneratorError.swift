/// Everything that can stop `touchpoint-gen`.
///
/// A usage error (status 2) names the flag and what is wrong with it; an I/O error (status 1) names the path and the
/// system's explanation. `description` is the text after `touchpoint-gen: error: `.
package enum GeneratorError: Error, CustomStringConvertible, Equatable {
    /// A bad command line: unknown flag, missing or malformed value.
    case usage(flag: String, problem: String)
    /// A file or directory could not be created or written.
    case io(path: String, problem: String)

    package var description: String {
        switch self {
        case .usage(let flag, let problem): return "\(flag): \(problem)"
        case .io(let path, let problem): return "\(path): \(problem)"
        }
    }

    /// The process exit status this error maps to (contract: 2 usage, 1 runtime).
    package var exitStatus: Int32 {
        switch self {
        case .usage: return 2
        case .io: return 1
        }
    }
}
