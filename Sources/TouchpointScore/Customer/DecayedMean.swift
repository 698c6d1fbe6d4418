import Glibc
import TouchpointCore

/// A mean in which each value's weight halves every `halfLife` of event time, measured back from the newest
/// value seen; order-independent by construction.
///
/// Weights are kept relative to `reference`, the newest event time added so far. A newer value moves the
/// reference forward and scales the sums down by 2^(−Δ/halfLife); an older (late) value enters with weight
/// 2^(−age/halfLife). Either way the sums equal Σ 2^(−(reference − tᵢ)/halfLife)·xᵢ and Σ 2^(…), so the mean
/// does not depend on arrival order (up to floating-point rounding).
package struct DecayedMean: Equatable, Sendable {
    package var weightedSum = 0.0
    package var totalWeight = 0.0
    package var reference: Timestamp?

    package init() {}

    /// The mean, or nil before the first value.
    package var value: Double? { totalWeight > 0 ? weightedSum / totalWeight : nil }

    package mutating func add(_ value: Double, at time: Timestamp, halfLife: Duration) {
        let weight = rebase(to: time, halfLife: halfLife)
        weightedSum += value * weight
        totalWeight += weight
    }

    /// Folds another mean in (a profile merge), as if its values had been added here.
    package mutating func absorb(_ other: DecayedMean, halfLife: Duration) {
        guard let otherReference = other.reference else { return }
        let weight = rebase(to: otherReference, halfLife: halfLife)
        weightedSum += other.weightedSum * weight
        totalWeight += other.totalWeight * weight
    }

    /// Moves the reference to `time` if it is newer; returns the weight of something at `time`.
    private mutating func rebase(to time: Timestamp, halfLife: Duration) -> Double {
        guard let current = reference else {
            reference = time
            return 1
        }
        if time > current {
            let factor = Self.decay(time - current, halfLife: halfLife)
            weightedSum *= factor
            totalWeight *= factor
            reference = time
            // A profile silent for decades must not underflow to 0/0: its old values are simply forgotten.
            if totalWeight < 1e-200 {
                weightedSum = 0
                totalWeight = 0
            }
            return 1
        }
        return Self.decay(current - time, halfLife: halfLife)
    }

    private static func decay(_ age: Duration, halfLife: Duration) -> Double {
        exp2(-Double(age.milliseconds) / Double(halfLife.milliseconds))
    }
}
