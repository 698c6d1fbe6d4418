/// Deterministic pseudo-random numbers: xoshiro256** seeded through splitmix64.
///
/// The generator must write byte-identical files for the same flags on every run, so it never touches
/// `SystemRandomNumberGenerator`. It uses only integer arithmetic and IEEE `+ - * /` on `Double` (never `log` or
/// `exp`, whose last bit may differ between C libraries), so the output is also the same on every machine.
package struct RandomSource: Sendable {
    private var state0: UInt64
    private var state1: UInt64
    private var state2: UInt64
    private var state3: UInt64

    /// A source for one purpose (`stream`) and one entity (`index`).
    ///
    /// Streams are independent: the draws made for person 17 do not shift when person 3 draws one number more,
    /// which keeps a change in one part of the model from reshuffling everything else.
    package init(seed: UInt64, stream: RandomStream, index: UInt64 = 0) {
        let base = RandomSource.mix(RandomSource.mix(seed ^ 0x746F_7563_6870_6F69) ^ stream.rawValue)
        self.init(seed: RandomSource.mix(base ^ index))
    }

    /// A source from a single 64-bit seed, as handed out by `nextSeed()` for a child entity.
    package init(seed: UInt64) {
        var splitMix = seed
        func nextSplitMix() -> UInt64 {
            splitMix = splitMix &+ 0x9E37_79B9_7F4A_7C15
            return RandomSource.mix(splitMix)
        }
        state0 = nextSplitMix()
        state1 = nextSplitMix()
        state2 = nextSplitMix()
        state3 = nextSplitMix()
        if state0 | state1 | state2 | state3 == 0 { state0 = 1 }
    }

    /// The splitmix64 finalizer. It is a bijection on `UInt64`, so distinct inputs always give distinct outputs:
    /// identifiers derived through it never collide.
    @inline(__always)
    package static func mix(_ value: UInt64) -> UInt64 {
        var mixed = value
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    /// The next 64 random bits.
    @inline(__always)
    package mutating func next() -> UInt64 {
        let result = ((state1 &* 5) << 7 | (state1 &* 5) >> 57) &* 9
        let shifted = state1 << 17
        state2 ^= state0
        state3 ^= state1
        state1 ^= state2
        state0 ^= state3
        state2 ^= shifted
        state3 = state3 << 45 | state3 >> 19
        return result
    }

    /// A seed for a child source, so an entity's own draws stay independent of how many its children make.
    @inline(__always)
    package mutating func nextSeed() -> UInt64 { next() }

    /// A uniform integer in `0..<bound` (multiply-high; the bias is below 2^-40 for our bounds).
    @inline(__always)
    package mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        return Int(UInt64(bound).multipliedFullWidth(by: next()).high)
    }

    /// A uniform integer in `low...high`.
    @inline(__always)
    package mutating func between(_ low: Int, _ high: Int) -> Int {
        low + below(high - low + 1)
    }

    /// A uniform `Int64` in `low...high`, for times in seconds.
    @inline(__always)
    package mutating func between(_ low: Int64, _ high: Int64) -> Int64 {
        low + Int64(below(Int(high - low + 1)))
    }

    /// A uniform `Double` in `[0, 1)` built from 53 random bits.
    @inline(__always)
    package mutating func unit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// True with the given probability.
    @inline(__always)
    package mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    /// One element, uniformly.
    @inline(__always)
    package mutating func pick<Element>(_ elements: [Element]) -> Element {
        elements[below(elements.count)]
    }

    /// An index chosen with the given integer weights (at least one must be positive).
    package mutating func weighted(_ weights: [Int]) -> Int {
        var total = 0
        for weight in weights { total += weight }
        var remaining = below(total)
        for (index, weight) in weights.enumerated() {
            if remaining < weight { return index }
            remaining -= weight
        }
        return weights.count - 1
    }

    /// A count with the given mean: the sum of `4 * mean` rounded-up coin flips, a binomial that stands in for a
    /// Poisson draw without needing `exp`.
    package mutating func count(mean: Double) -> Int {
        guard mean > 0 else { return 0 }
        let trials = max(4, Int(mean * 4) + 1)
        let probability = mean / Double(trials)
        var result = 0
        for _ in 0..<trials where chance(probability) { result += 1 }
        return result
    }

    /// Shuffles in place (Fisher–Yates), for choosing distinct households.
    package mutating func shuffle<Element>(_ elements: inout [Element]) {
        guard elements.count > 1 else { return }
        for index in stride(from: elements.count - 1, to: 0, by: -1) {
            elements.swapAt(index, below(index + 1))
        }
    }
}

/// The purposes random numbers are drawn for; each gets its own independent stream.
package enum RandomStream: UInt64, Sendable {
    case households = 1
    case people = 2
    case incidents = 3
    case planning = 4
    case identifiers = 5
    case campaigns = 6
    case rendering = 7
}
