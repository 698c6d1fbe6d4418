import TouchpointCore

/// What the report keeps per profile: a few bytes, for the funnel and churn-risk crossings.
struct ProfileState {
    /// Per stage 16 bits: bit 0 "reached", bit 1 + channel "reached on that channel" (`FunnelChannels`).
    private var stageBits: UInt64 = 0
    var isChurnRiskHigh = false

    mutating func markReached(_ stage: Int, channel: Int?) {
        stageBits |= 1 << UInt64(stage * 16)
        if let channel { stageBits |= 1 << UInt64(stage * 16 + 1 + channel) }
    }

    /// Folds an absorbed profile in, as score folds its state into the survivor's.
    mutating func absorb(_ other: ProfileState) {
        stageBits |= other.stageBits
        isChurnRiskHigh = isChurnRiskHigh || other.isChurnRiskHigh
    }

    func reached(_ stage: Int) -> Bool { stageBits & (1 << UInt64(stage * 16)) != 0 }
    func reached(_ stage: Int, on channel: Int) -> Bool { stageBits & (1 << UInt64(stage * 16 + 1 + channel)) != 0 }
}

/// The followed profiles: a bounded table (`ReportLimits.profiles`); events of profiles past it are counted.
struct ProfileTable {
    private(set) var states: [String: ProfileState] = [:]
    private(set) var eventsNotFollowed = 0
    private(set) var profilesNotFollowed = 0
    private var refused: Set<String> = []
    let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// Runs `change` on the profile's state, or counts the event when the table is full and the profile new.
    mutating func update(_ id: String, _ change: (inout ProfileState) -> Void) {
        if states[id] == nil && states.count >= capacity {
            eventsNotFollowed += 1
            // Counting distinct refused profiles would grow without bound too: it is exact up to the table's size.
            if refused.count < capacity, refused.insert(id).inserted { profilesNotFollowed += 1 }
            return
        }
        change(&states[id, default: ProfileState()])
    }

    /// A `merge`: the absorbed profiles' state goes to the survivor, which keeps their slots.
    mutating func merge(survivor: String, absorbed: [String]) {
        for id in absorbed where id != survivor {
            guard let state = states.removeValue(forKey: id) else { continue }
            states[survivor, default: ProfileState()].absorb(state)
        }
    }
}
