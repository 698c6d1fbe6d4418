import Glibc

/// How a child ended, decoded from a `waitpid` status.
package enum ChildTermination: Equatable, Sendable, CustomStringConvertible {
    case exited(status: Int32)
    case killed(signal: Int32)
    /// `waitpid` could not tell (someone else reaped the child, or SIGCHLD was ignored).
    case unknown

    /// Decodes a wait status (the WIFEXITED/WTERMSIG macros, which Swift does not import).
    package init(waitStatus: Int32) {
        let signal = waitStatus & 0x7F
        self = signal == 0 ? .exited(status: (waitStatus >> 8) & 0xFF) : .killed(signal: signal)
    }

    package var isSuccess: Bool { self == .exited(status: 0) }

    /// `exited with status 1`, `killed by signal 9 (SIGKILL)`.
    package var description: String {
        switch self {
        case .exited(let status): "exited with status \(status)"
        case .killed(let signal): "killed by signal \(signal)" + (Self.signalNames[signal].map { " (\($0))" } ?? "")
        case .unknown: "ended with an unknown status"
        }
    }

    /// `SIGTERM`, or `signal 42` for one without a name here.
    package static func name(ofSignal signal: Int32) -> String { signalNames[signal] ?? "signal \(signal)" }

    private static let signalNames: [Int32: String] = [
        SIGHUP: "SIGHUP", SIGINT: "SIGINT", SIGQUIT: "SIGQUIT", SIGILL: "SIGILL", SIGTRAP: "SIGTRAP",
        SIGABRT: "SIGABRT", SIGBUS: "SIGBUS", SIGFPE: "SIGFPE", SIGKILL: "SIGKILL", SIGSEGV: "SIGSEGV",
        SIGPIPE: "SIGPIPE", SIGALRM: "SIGALRM", SIGTERM: "SIGTERM", SIGXCPU: "SIGXCPU", SIGXFSZ: "SIGXFSZ",
    ]
}
