/// The executables a pipeline file may name: the five stages, and nothing else.
///
/// A pipeline file is configuration that may come from anyone who can write to /etc, so the supervisor never runs
/// an arbitrary program from it: the first word of a line must be one of these names, and the binary is looked up
/// in the supervisor's own directory (or `--bin DIR`), never on `PATH`.
package enum StageExecutable: String, CaseIterable, Sendable {
    case ingest
    case normalize
    case resolveIdentity = "resolve-identity"
    case score
    case alert

    /// The names, in pipeline order, for help text and messages.
    package static var names: [String] { allCases.map(\.rawValue) }
}
