import TouchpointCore
import TouchpointJSON

/// How the records of one raw source become canonical events (docs/CONTRACT.md §2).
///
/// A mapping reads a record's `data` (the channel's own fields, as ingest decoded them) and builds one `Event`:
/// id, event time, channel, type, journey stage, normalized identifiers, traits, text, metrics, and every other
/// field kept in `properties`. A record it cannot use is a value, not an error: `.deadLetter` with a reason
/// (`invalid_field` for a missing or unparseable timestamp, `invalid_record` for data that is not an object) and a
/// detail naming the field.
///
/// A new mapping is one file in `Channels/` plus one line in `MappingRegistry.all`; its `///` comment documents
/// which field goes where, and docs/stages/normalize.md summarizes it.
package protocol ChannelMapping: SendableMetatype {
    /// The name `--map SOURCE=NAME` uses; by default a record whose `source.name` equals it uses this mapping.
    static var name: String { get }
    /// One line for `normalize --help-mappings`.
    static var summary: String { get }

    init(configuration: MappingConfiguration)

    func map(_ record: IngestRecord) -> MappingResult
}

/// What a mapping made of one record.
package enum MappingResult: Equatable {
    case event(Event)
    case deadLetter(DeadLetterReason, String)

    /// Runs a mapping body written with `throw` for its dead letters.
    package static func catching(_ body: () throws(MappingFailure) -> Event) -> MappingResult {
        do {
            return .event(try body())
        } catch {
            return .deadLetter(error.reason, error.detail)
        }
    }
}

/// A record a mapping cannot turn into an event: the dead-letter reason and a detail naming the field.
package struct MappingFailure: Error, Equatable {
    package let reason: DeadLetterReason
    package let detail: String

    package init(_ reason: DeadLetterReason, _ detail: String) {
        self.reason = reason
        self.detail = detail
    }
}

/// Settings every mapping receives.
package struct MappingConfiguration: Sendable {
    /// The country calling code for phone numbers written without one (`--default-country-code`).
    package var defaultCountryCode: String

    package init(defaultCountryCode: String = "1") {
        self.defaultCountryCode = defaultCountryCode
    }
}
