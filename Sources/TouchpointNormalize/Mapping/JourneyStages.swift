import TouchpointCore

/// The journey stage of an event type, for mappings that do not set `event.stage`: a file
/// (`Builtin/stages/journey-stages.json`), extendable by a user's file of the same shape.
struct JourneyStages: Sendable {
    private(set) var byType: [String: String]
    private(set) var fallback: String

    init(byType: [String: String] = [:], fallback: String = JourneyStage.research) {
        self.byType = byType
        self.fallback = fallback
    }

    func stage(of type: String) -> String { byType[type] ?? fallback }

    /// Adds a file's entries: `{"journey_stages": {"default": "research", "types": {"purchase": "purchase"}}}`.
    mutating func merge(_ file: ConfigFile) throws(ConfigError) {
        let spec = try file.root.required("journey_stages")
        try spec.checkKeys(["default", "types"])
        if let fallback = try spec.optional("default") { self.fallback = try fallback.string() }
        for (type, stage) in try spec.optional("types")?.members() ?? [] { byType[type] = try stage.string() }
    }
}
