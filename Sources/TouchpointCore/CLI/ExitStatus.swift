import Glibc

/// How a process ends (STYLE C6): 0 done (also `--help`, downstream closed, stopped by signal), 1 cannot go on,
/// 2 usage or configuration error.
package enum ExitStatus: Int32, Sendable {
    case success = 0
    case failure = 1
    case usage = 2

    /// The only call to `exit` in the project; only executables call it.
    package func terminateProcess() -> Never {
        exit(rawValue)
    }
}

/// A bad flag, value or configuration file: exit 2 with a one-line message naming it.
package struct UsageError: Error, Equatable, CustomStringConvertible {
    package let message: String

    package init(_ message: String) { self.message = message }

    package var description: String { message }
}
