/// Which mapping reads a source's records: `--map SOURCE=MAPPING`, else the mapping named like the source, else
/// one that lists the source under `select.sources`, else the first whose `select.shape` the source's first record
/// fits, the most specific shape first. Decided once per source, and kept in the checkpoint so a restart decides
/// the same.
struct MappingSelection: Sendable {
    enum Reason: String, Sendable {
        case flag = "--map"
        case name = "its name"
        case listed = "select.sources"
        case shape = "the shape of its first record"
    }

    let overrides: [String: String]
    /// Every source to one mapping (`--check FILE --sample RECORDS`).
    private let overrideAll: Int?
    private let byName: [String: Int]
    private let listed: [String: Int]
    /// Mappings with a shape, most specific first.
    private let shaped: [Int]

    init(mappings: [Mapping], overrides: [String: String], overrideAll: String? = nil) {
        self.overrides = overrides
        self.overrideAll = overrideAll.flatMap { name in mappings.firstIndex { $0.name == name } }
        var byName: [String: Int] = [:]
        var listed: [String: Int] = [:]
        for (index, mapping) in mappings.enumerated() {
            byName[mapping.name] = index
            for source in mapping.sources where listed[source] == nil { listed[source] = index }
        }
        self.byName = byName
        self.listed = listed
        shaped = mappings.indices.filter { mappings[$0].shape != nil }.sorted {
            (mappings[$0].shape!.specificity, mappings[$1].name) > (mappings[$1].shape!.specificity, mappings[$0].name)
        }
    }

    /// The mapping for a source known by name alone, without looking at a record.
    func byNaming(_ source: String) -> (index: Int, reason: Reason)? {
        if let overrideAll { return (overrideAll, .flag) }
        if let name = overrides[source], let index = byName[name] { return (index, .flag) }
        if let index = byName[source] { return (index, .name) }
        if let index = listed[source] { return (index, .listed) }
        return nil
    }

    /// The mapping whose shape the record fits.
    func byShape(_ context: inout MappingContext, mappings: [Mapping]) -> Int? {
        shaped.first { mappings[$0].shape!.holds(&context) }
    }
}
