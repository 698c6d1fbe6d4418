import TouchpointCore
import TouchpointJSON

/// How the physical lines of one input format become the `data` of ingest's records.
///
/// A format sees one line at a time, without its terminator (the `LineReader` has split it, dropped a CR before the
/// LF and, for the first line of a file, ingest has dropped a UTF-8 byte order mark). It answers with a `Decoded`:
/// a record, a line that continues a record (a CSV quoted field spanning lines: the format keeps what it has
/// seen), a line that carries no record (a CSV header), or an invalid record with a dead-letter reason.
///
/// On `.record` the format has appended the record's `data` to `data` as one minified JSON value; the driver wraps
/// it in the record envelope. Writing through instead of returning a `JSONValue` keeps the hot path free of
/// per-field `String`s (an NDJSON line is copied minified straight from the parser's tape). On any other outcome
/// the driver discards whatever the format appended, so a format may bail out halfway through writing.
///
/// A new format is one file in `Formats/` plus one line in `FormatRegistry.all`; its `///` comment is the user
/// documentation (grammar, edge cases, an example) and docs/FORMATS.md repeats it.
package protocol RecordFormat: SendableMetatype {
    /// The value of `--format` and of the record's `source.format`.
    static var name: String { get }
    /// One line for `ingest --help-formats` and docs/FORMATS.md.
    static var summary: String { get }
    /// File extensions (without the dot) that select this format when `--format` is not given.
    static var extensions: [String] { get }
    /// The `KEY=VALUE` options the format reads; any other name is a usage error (`FormatOptions.values(for:)`).
    static var options: [FormatOption] { get }
    /// The settings `FormatDetection` tries this format with, each with the label a warning shows ("syslog (RFC
    /// 3164)"); by default one, the format's name with no options.
    static var detectionVariants: [FormatVariant] { get }

    /// Reads the format's own options, rejecting unknown names and bad values with a `UsageError` that names the
    /// format and the option.
    init(options: FormatOptions) throws(UsageError)

    /// Decodes one physical line; see the type's comment for what each outcome means.
    mutating func decode(_ line: UnsafeBufferPointer<UInt8>, at position: LinePosition, into data: inout [UInt8])
        -> Decoded

    /// What is left of a record still being assembled when it cannot continue (end of the file, or an over-long
    /// line next): a dead letter for an unterminated CSV quote, or nil. Each file gets a fresh format value.
    mutating func finish(into data: inout [UInt8]) -> Decoded?

    /// Whether the last line left a record unfinished, so the next line belongs to it (even when blank).
    var isInsideRecord: Bool { get }

    /// Whether the format still waits for a header (a CSV file's first line): a reader resuming part-way through
    /// the file first feeds it the file's opening lines.
    var isAwaitingHeader: Bool { get }

    /// Whether the lines decoded so far are evidence of this format, for `FormatDetection`: false when they would
    /// decode almost any text (a CSV header of one column makes every later line a one-field row).
    var isDistinctive: Bool { get }
}

extension RecordFormat {
    package static var options: [FormatOption] { [] }
    package static var detectionVariants: [FormatVariant] { [FormatVariant(label: name)] }
    package mutating func finish(into data: inout [UInt8]) -> Decoded? { nil }
    package var isInsideRecord: Bool { false }
    package var isAwaitingHeader: Bool { false }
    package var isDistinctive: Bool { true }
}

/// One way `FormatDetection` tries a format: options, and the label a warning names it by.
package struct FormatVariant: Sendable {
    package let label: String
    package let options: [FormatOptionAssignment]

    package init(label: String, options: [FormatOptionAssignment] = []) {
        self.label = label
        self.options = options
    }
}

/// What became of one physical line.
package enum Decoded: Equatable, Sendable {
    /// A complete record; its `data` was appended to the output buffer.
    case record
    /// Several complete records from one line (a JSON array of events, an API page): their `data` were appended one
    /// after another, each ending at the given offset from where the format began appending.
    case records([Int])
    /// The line belongs to a record that continues on the next line.
    case incomplete
    /// The line carries no record (a CSV header).
    case skip
    /// The record (this line, with any lines before it that it continued) is unusable.
    case invalid(DeadLetterReason, String)
}
