import TouchpointCore

/// The channel mappings normalize knows: the only list (STYLE C4).
///
/// `--map` names, the default source-name match and `normalize --help-mappings` are derived from it.
package enum MappingRegistry {
    package static let all: [any ChannelMapping.Type] = [
        WebMapping.self,
        PointOfSaleMapping.self,
        TicketsMapping.self,
        SurveysMapping.self,
        SocialMapping.self,
        CallsMapping.self,
        SegmentMapping.self,
    ]

    /// The mapping registered under `name`.
    package static func mapping(named name: String) -> (any ChannelMapping.Type)? {
        all.first { $0.name == name }
    }

    /// The registered names, in registry order.
    package static var names: [String] { all.map { $0.name } }

    /// `normalize --help-mappings`: one line per mapping, name then summary, in registry order.
    package static var helpText: String { HelpTable.render(all.map { ($0.name, $0.summary) }) }
}
