import TouchpointJSON

/// The per-record logic of a stage; `StageRunner` does everything else (contract §1, §4, §6, §7).
///
/// A stage sees only records of the kinds it owns. It writes zero or more records to `output` and says what
/// became of its input. A problem with one record is a value (`.deadLetter`), not a thrown error: `throw` means
/// the process cannot go on (state could not be made durable).
package protocol Stage {
    /// The stage's name as it appears in dead letters and diagnostics (the executable's name).
    static var name: String { get }
    /// Kinds this stage processes; all others are forwarded unchanged and in order.
    var ownedKinds: [String] { get }
    /// Handles one owned record.
    mutating func process(_ record: InputRecord, into output: inout RecordOutput) throws(ByteStreamError)
        -> Disposition
    /// Makes state durable as of this barrier; the runner forwards the barrier after this returns.
    mutating func barrier(_ barrier: Barrier) throws(StageFailure)
    /// End of input: emit what is still pending, make state durable.
    mutating func finish(into output: inout RecordOutput) throws(StageFailure)
    /// A signal stopped the stage before end of input: make state durable, emit nothing more. A requirement (not
    /// only an extension method) so the generic runner calls the stage's own implementation.
    mutating func suspend() throws(StageFailure)
}

extension Stage {
    package mutating func barrier(_ barrier: Barrier) throws(StageFailure) {}
    package mutating func finish(into output: inout RecordOutput) throws(StageFailure) {}
}

/// What became of one owned input record.
package enum Disposition: Equatable {
    /// Turned into output (one record or several).
    case processed
    /// Dropped on purpose, by rule or flag.
    case filtered
    /// Unusable: goes to the dead-letter output with its original bytes.
    case deadLetter(DeadLetterReason, String)
}

/// One input line that parsed as a JSON object with a `kind`; valid only during the `process` call.
package struct InputRecord {
    package let document: JSONDocument
    package let kind: String
    package let position: LinePosition

    package var bytes: UnsafeBufferPointer<UInt8> { document.bytes }

    /// The record materialized as a value, for stages that rewrite it.
    package var value: JSONValue { document.value(document.root) }
}

/// The stage cannot continue: exit 1 with this message.
package struct StageFailure: Error, CustomStringConvertible {
    package let message: String

    package init(_ message: String) { self.message = message }

    package var description: String { message }
}
