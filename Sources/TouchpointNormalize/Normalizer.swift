import TouchpointCore
import TouchpointJSON

/// The normalize stage: turns each `record` into one canonical `event` through its source's channel mapping.
///
/// Every other kind is forwarded unchanged. A record whose source has no mapping is a dead letter
/// (`unknown_source`), one whose envelope is broken is `invalid_record`, and whatever the mapping refuses keeps the
/// mapping's reason.
///
/// normalize is where event time is first known, so it writes the stream's watermarks: it notes each event's time
/// per source and, before forwarding a barrier, writes a `watermark` record when event time has advanced
/// (`WatermarkTracker`). That tracker is its only state, checkpointed at barriers under `--state DIR`.
package struct Normalizer: StatefulStage {
    package static let name = "normalize"
    package static let stateFormat = "normalize/1"
    package static let defaultAllowedLateness = Duration.hours(1)
    package let ownedKinds = [RecordKind.record]
    package private(set) var watermarks: WatermarkTracker

    /// One instance per registered mapping, by mapping name.
    private let mappings: [String: any ChannelMapping]
    /// `--map SOURCE=MAPPING` choices, by source name.
    private let overrides: [String: String]
    /// Reads each record off the tape, reusing what consecutive records share.
    private var reader = IngestRecordReader()

    /// - Parameter overrides: source name -> mapping name; every mapping name must be registered.
    package init(
        configuration: MappingConfiguration, overrides: [String: String] = [:],
        allowedLateness: Duration = Normalizer.defaultAllowedLateness
    ) {
        watermarks = WatermarkTracker(allowedLateness: allowedLateness)
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
            watermarks.observe(source: sourceName, time: event.time)
            try output.emit(event)
            return .processed
        case .deadLetter(let reason, let detail):
            return .deadLetter(reason, detail)
        }
    }

    package mutating func barrier(_ barrier: Barrier, into output: inout RecordOutput) throws(ByteStreamError) {
        if let watermark = watermarks.barrier(barrier) { try output.emit(watermark.jsonValue) }
    }

    // MARK: - Checkpoints

    package mutating func writeSnapshot(into writer: inout StateWriter) { watermarks.write(into: &writer) }

    package mutating func restore(snapshot reader: inout StateReader) throws(StateError) {
        try watermarks.restore(from: &reader)
    }
}
