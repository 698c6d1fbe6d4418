/// The `kind` values the stages own (docs/CONTRACT.md §1). Any other kind is forwarded unchanged.
package enum RecordKind {
    /// ingest's output: one parsed input line plus where it came from.
    package static let record = "record"
    /// normalize's canonical touchpoint event.
    package static let event = "event"
    /// resolve-identity: profiles were merged into a survivor.
    package static let merge = "merge"
    /// alert's output: a rule fired for a customer.
    package static let alert = "alert"
    /// brand-level windowed figures.
    package static let aggregate = "aggregate"
    /// in-band control: everything before it is durable once it leaves the last stage.
    package static let barrier = "barrier"
    /// in-band control: event time that has passed; windows and timers up to it may close.
    package static let watermark = "watermark"
    /// an erasure request, and after resolve-identity the profiles it erased.
    package static let forget = "forget"
    /// a possible match or a refused merge, for a person to decide.
    package static let review = "review"
    /// what the dead-letter output carries; never written to stdout.
    package static let deadLetter = "dead_letter"
}

/// The journey stages of the canonical event's `stage` field (extendable: downstream treats unknown stages as
/// their own bucket).
package enum JourneyStage {
    package static let research = "research"
    package static let comparison = "comparison"
    package static let purchase = "purchase"
    package static let support = "support"
    /// Feedback and engagement that belongs to no buying step (a relationship survey, a newsletter open).
    package static let loyalty = "loyalty"
}

/// The version every executable reports.
package enum TouchpointVersion {
    package static let current = "0.1.0"
}
