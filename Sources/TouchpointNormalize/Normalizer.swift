import TouchpointCore
import TouchpointJSON

/// The normalize stage: turns each `record` into one canonical `event` through its source's channel mapping.
///
/// Stateless: barriers pass straight through (the runner forwards them). Every other kind is forwarded unchanged.
/// A record whose source has no mapping is a dead letter (`unknown_source`), one whose envelope is broken is
/// `invalid_record`, and whatever the mapping refuses keeps the mapping's reason.
package struct Normalizer: Stage {
    package static let name = "normalize"
    package let ownedKinds = [RecordKind.record]

    /// One instance per registered mapping, by mapping name.
    private let mappings: [String: any ChannelMapping]
    /// `--map SOURCE=MAPPING` choices, by source name.
    private let overrides: [String: String]
    /// Reads each record off the tape, reusing what consecutive records share.
    private var reader = IngestRecordReader()

    /// - Parameter overrides: source name -> mapping name; every mapping name must be registered.
    package init(configuration: MappingConfiguration, overrides: [String: String] = [:]) {
        var mappings: [String: any ChannelMapping] = [:]
        for mapping in MappingRegistry.all { mappings[mapping.name] = mapping.init(configuration: configuration) }
        self.mappings = mappings
        self.overrides = overrides
    }

    package mutating func process(_ record: InputRecord, into output: inout RecordOutput) throws(ByteStreamError)
        -> Disposition
    {
        let ingestRecord: IngestRecord
        do {
            ingestRecord = try reader.read(record.document)
        } catch {
            return .deadLetter(.invalidRecord, error.description)
        }
        let sourceName = ingestRecord.source.name
        guard let mapping = mappings[overrides[sourceName] ?? sourceName] else {
            return .deadLetter(
                .unknownSource,
                "no mapping for source \"\(sourceName)\" (mappings: \(MappingRegistry.names.joined(separator: ", ")); "
                    + "use --map \(sourceName)=MAPPING)")
        }
        switch mapping.map(ingestRecord) {
        case .event(let event):
            try output.emit(event)
            return .processed
        case .deadLetter(let reason, let detail):
            return .deadLetter(reason, detail)
        }
    }
}
