/// The journey stages the funnel follows, in funnel order.
package enum FunnelStage: Int, CaseIterable, Sendable {
    case research, comparison, purchase, support

    package var name: String { ["research", "comparison", "purchase", "support"][rawValue] }

    init?(name: String) {
        guard let index = Self.allCases.firstIndex(where: { $0.name == name }) else { return nil }
        self = Self.allCases[index]
    }
}

/// The channels of the contract (§2), kept as bits per profile; any other channel is not split out in the funnel.
package enum FunnelChannels {
    package static let names = ["web", "mobile", "store", "call_center", "email", "chat", "social", "survey"]

    static func index(of name: String) -> Int? { names.firstIndex(of: name) }
}

/// The funnel's figures, from every followed profile's stages reached.
///
/// Stages are taken as reached, not in the order the events arrived: channels deliver out of order (a POS export a
/// day late), so "reached comparison and then purchase" would depend on arrival. A profile goes on from a stage
/// when it reached the next one too.
package struct FunnelFigures: Equatable, Sendable {
    /// Profiles that reached each stage.
    package var reached = [Int](repeating: 0, count: 4)
    /// Profiles that reached the stage and the next one.
    package var wentOn = [Int](repeating: 0, count: 3)
    /// By channel index, then stage: profiles that reached the stage on that channel, and of those went on.
    package var reachedOn = [[Int]](repeating: [Int](repeating: 0, count: 4), count: FunnelChannels.names.count)
    package var wentOnFrom = [[Int]](repeating: [Int](repeating: 0, count: 3), count: FunnelChannels.names.count)

    init() {}

    init(_ profiles: some Sequence<ProfileState>) {
        for profile in profiles {
            for stage in 0..<4 where profile.reached(stage) {
                reached[stage] += 1
                let goesOn = stage < 3 && profile.reached(stage + 1)
                if goesOn { wentOn[stage] += 1 }
                for channel in 0..<FunnelChannels.names.count where profile.reached(stage, on: channel) {
                    reachedOn[channel][stage] += 1
                    if goesOn { wentOnFrom[channel][stage] += 1 }
                }
            }
        }
    }
}
