import TouchpointCore
import TouchpointJSON

/// The normalize stage: turns each `record` into one canonical `event` through its source's mapping file.
///
/// Every other kind is forwarded unchanged. A record no mapping takes is a dead letter (`unknown_source`), one
/// whose envelope is broken is `invalid_record`, and whatever the mapping refuses keeps the mapping's reason; a
/// record a mapping's `drop` rule leaves out is filtered and counted by its reason.
///
/// normalize is where event time is first known, so it writes the stream's watermarks: it notes each event's time
/// per source and, before forwarding a barrier, writes a `watermark` record when event time has advanced
/// (`WatermarkTracker`). The tracker and each source's chosen mapping are its state, checkpointed at barriers
/// under `--state DIR`.
package struct Normalizer: StatefulStage {
    package static let name = "normalize"
    package static let stateFormat = "normalize/2"
    package static let defaultAllowedLateness = Duration.hours(1)
    package let ownedKinds = [RecordKind.record]
    package private(set) var watermarks: WatermarkTracker

    private let catalog: MappingCatalog
    private let selection: MappingSelection
    private let settings: MappingSettings
    private let diagnostics: Diagnostics?
    /// `--check --sample`: report fields missing from most events, not only from all.
    package var isDetailedReport = false
    /// The mapping each source uses, by source name, once decided.
    private var chosen: [String: Int] = [:]
    private var coverage: [String: SourceCoverage] = [:]
    private var reader = IngestRecordReader()
    private var variables: [Datum?] = []
    private var slotNodes: [SlotNode] = []

    /// - Parameter overrides: source name -> mapping name; every mapping name must be in the catalog.
    init(
        catalog: MappingCatalog, overrides: [String: String] = [:], defaultCountryCode: String = "1",
        allowedLateness: Duration = Normalizer.defaultAllowedLateness, diagnostics: Diagnostics? = nil,
        overrideAll: String? = nil, blocklist: IdentifierBlocklist = IdentifierRules.blocklist,
        emailRules: EmailRules = EmailRules()
    ) {
        watermarks = WatermarkTracker(allowedLateness: allowedLateness)
        self.catalog = catalog
        selection = MappingSelection(mappings: catalog.mappings, overrides: overrides, overrideAll: overrideAll)
        settings = MappingSettings(
            defaultCountryCode: defaultCountryCode, stages: catalog.stages, blocklist: blocklist, emailRules: emailRules
        )
        self.diagnostics = diagnostics
    }

    package mutating func process(_ record: InputRecord, into output: inout RecordOutput) throws(ByteStreamError)
        -> Disposition
    {
        let envelope: IngestEnvelope
        do {
            envelope = try reader.read(record.document)
        } catch {
            return .deadLetter(.invalidRecord, error.description)
        }
        let sourceName = envelope.source.name
        // The let values' storage is handed to the context and back, not copied per record.
        var context = MappingContext(
            document: record.document, data: envelope.data, source: envelope.source, received: envelope.received,
            variables: [])
        swap(&context.variables, &variables)
        swap(&context.slotNodes, &slotNodes)
        defer {
            swap(&context.variables, &variables)
            swap(&context.slotNodes, &slotNodes)
        }
        guard let index = mappingIndex(for: sourceName, &context) else {
            return .deadLetter(
                .unknownSource,
                "no mapping for source \"\(sourceName)\" and none recognises its records (mappings: "
                    + catalog.names.joined(separator: ", ") + "; use --map \(sourceName)=MAPPING or --mappings DIR)")
        }
        let mapping = catalog.mappings[index]
        context.use(mapping.slots)
        if context.variables.count < mapping.variables.count {
            context.variables = Array(repeating: nil, count: mapping.variables.count)
        }
        if coverage[sourceName] == nil {
            coverage[sourceName] = SourceCoverage(
                mapping: index, fields: mapping.coveredFields, reported: mapping.reportedFields)
        }
        coverage[sourceName]!.records += 1
        guard record.document.type(of: envelope.data) == .object else {
            coverage[sourceName]!.deadLettered += 1
            return .deadLetter(.invalidRecord, "field \"data\": not an object")
        }
        let outcome = try mapping.map(&context, settings: settings, into: &output)
        switch outcome {
        case .event(let time, let hasIdentifier, let present):
            coverage[sourceName]!.count(present: present, hasIdentifier: hasIdentifier)
            watermarks.observe(source: sourceName, time: time)
            return .processed
        case .dropped(let reason):
            coverage[sourceName]!.dropped[reason, default: 0] += 1
            return .filtered
        case .deadLetter(let reason, let detail):
            coverage[sourceName]!.deadLettered += 1
            return .deadLetter(reason, detail)
        }
    }

    private mutating func mappingIndex(for source: String, _ context: inout MappingContext) -> Int? {
        if let index = chosen[source] { return index }
        let choice: (index: Int, reason: MappingSelection.Reason)
        if let named = selection.byNaming(source) {
            choice = named
        } else {
            guard context.document.type(of: context.data) == .object,
                let index = selection.byShape(&context, mappings: catalog.mappings)
            else { return nil }
            choice = (index, .shape)
        }
        chosen[source] = choice.index
        diagnostics?.note(
            "source \"\(source)\": mapping \(catalog.mappings[choice.index].name) (chosen by \(choice.reason.rawValue))"
        )
        return choice.index
    }

    package mutating func barrier(_ barrier: Barrier, into output: inout RecordOutput) throws(ByteStreamError) {
        if let watermark = watermarks.barrier(barrier) { try output.emit(watermark.jsonValue) }
    }

    package mutating func finish(into output: inout RecordOutput) throws(StageFailure) {
        guard let diagnostics else { return }
        for line in report() { diagnostics.warning(line) }
        for source in coverage.keys.sorted() where !coverage[source]!.dropped.isEmpty {
            let reasons = coverage[source]!.dropped.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            diagnostics.note("\(source): filtered \(reasons.joined(separator: " "))")
        }
    }

    /// The coverage findings of this run, source by source.
    func report() -> [String] {
        coverage.keys.sorted().flatMap { source in
            coverage[source]!.findings(
                source: source, mapping: catalog.mappings[coverage[source]!.mapping], isDetailed: isDetailedReport)
        }
    }

    // MARK: - Checkpoints

    package mutating func writeSnapshot(into writer: inout StateWriter) {
        watermarks.write(into: &writer)
        let names = chosen.mapValues { catalog.mappings[$0].name }
        writer.write(sortedByKey: names) { $0.write($1) }
    }

    package mutating func restore(snapshot reader: inout StateReader) throws(StateError) {
        try watermarks.restore(from: &reader)
        chosen = [:]
        for _ in 0..<max(0, try reader.readInt()) {
            let source = try reader.readString()
            let name = try reader.readString()
            // A mapping gone since the checkpoint is chosen again from the records.
            if let index = catalog.mappings.firstIndex(where: { $0.name == name }) { chosen[source] = index }
        }
    }
}
