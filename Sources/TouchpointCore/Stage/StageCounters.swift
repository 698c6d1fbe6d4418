/// What a stage did with its input, reported on stderr at exit and checked to reconcile (contract §6):
/// `input == forwarded + processed + filtered + deadLettered + replayed`.
package struct StageCounters: Equatable, Sendable {
    /// Lines that carried a record (blank lines are not records and are counted apart).
    package var input = 0
    /// Records of kinds the stage does not own (and barriers), passed on unchanged.
    package var forwarded = 0
    /// Records the stage owned and turned into output.
    package var processed = 0
    /// Records the stage dropped on purpose, by rule or flag.
    package var filtered = 0
    /// Records that went to the dead-letter output, by reason.
    package var deadLettered: [DeadLetterReason: Int] = [:]
    /// Input a restored stage had already applied before its restart (a source that replays from its start), up to
    /// the restored barrier: skipped, since the state holds it.
    package var replayed = 0
    package var blankLines = 0
    /// Output lines not written because the committer's output already held them from before a restart.
    package var replayedOutput = 0
    /// Records written to stdout, including extra records a stage adds (merges, alerts).
    package var written = 0

    package init() {}

    package var deadLetteredTotal: Int { deadLettered.values.reduce(0, +) }

    /// Whether every input record is accounted for exactly once.
    package var isReconciled: Bool { input == forwarded + processed + filtered + deadLetteredTotal + replayed }

    /// One line: `in=120 out=118 dead_lettered=2 filtered=0 written=130 (invalid_json=2)`.
    package var summary: String {
        var text = "in=\(input) out=\(forwarded + processed) dead_lettered=\(deadLetteredTotal) filtered=\(filtered)"
        text += " written=\(written)"
        if replayed > 0 { text += " replayed=\(replayed)" }
        if replayedOutput > 0 { text += " replayed_output=\(replayedOutput)" }
        if blankLines > 0 { text += " blank_lines=\(blankLines)" }
        let reasons = DeadLetterReason.allCases.compactMap { reason in
            deadLettered[reason].map { "\(reason.rawValue)=\($0)" }
        }
        if !reasons.isEmpty { text += " (" + reasons.joined(separator: " ") + ")" }
        return text
    }
}
