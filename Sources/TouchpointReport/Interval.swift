import Glibc

/// A 95% confidence interval, in the unit of the figure it bounds.
package struct Interval: Equatable, Sendable {
    package var low: Double
    package var high: Double

    /// z for a two-sided 95% interval.
    static let z = 1.959964

    /// Wilson's score interval for `successes` out of `n`, as a share in 0…1; it stays inside 0…1 and is honest for
    /// small n and shares near 0 or 1, where the normal approximation is not.
    /// The interval cut to the scale the figure lives on: a normal approximation from a few answers can reach past
    /// it (a mean sentiment of −0.46 from two texts, ± 0.9), and a value off the scale means nothing to a reader.
    package func clamped(to range: ClosedRange<Double>) -> Interval {
        Interval(
            low: min(max(low, range.lowerBound), range.upperBound),
            high: max(min(high, range.upperBound), range.lowerBound))
    }

    package static func wilson(successes: Int, n: Int) -> Interval? {
        guard n > 0 else { return nil }
        let count = Double(n)
        let share = Double(successes) / count
        let z2 = z * z
        let centre = (share + z2 / (2 * count)) / (1 + z2 / count)
        let half = z / (1 + z2 / count) * (share * (1 - share) / count + z2 / (4 * count * count)).squareRoot()
        return Interval(low: max(0, centre - half), high: min(1, centre + half))
    }

    /// NPS (−100…100) from promoter, passive and detractor counts: each answer scores +1, 0 or −1, so the
    /// variance of the mean is that of a trinomial, (p + d − (p − d)²) / n.
    package static func nps(promoters: Int, detractors: Int, n: Int) -> Interval? {
        guard n > 1 else { return nil }
        let count = Double(n)
        let p = Double(promoters) / count
        let d = Double(detractors) / count
        let score = p - d
        let half = z * ((p + d - score * score) / count).squareRoot()
        return Interval(low: max(-100, 100 * (score - half)), high: min(100, 100 * (score + half)))
    }
}

/// A running mean and sample variance (Welford), for CES and sentiment.
package struct RunningMean: Equatable, Sendable {
    package private(set) var n = 0
    private var mean = 0.0
    private var squares = 0.0

    package init() {}

    package mutating func add(_ value: Double) {
        n += 1
        let delta = value - mean
        mean += delta / Double(n)
        squares += delta * (value - mean)
    }

    package var value: Double? { n > 0 ? mean : nil }

    /// mean ± z·s/√n; the normal approximation, so a thin sample's interval is marked thin where it is shown.
    package var interval: Interval? {
        guard n > 1 else { return nil }
        let half = Interval.z * (squares / Double(n - 1) / Double(n)).squareRoot()
        return Interval(low: mean - half, high: mean + half)
    }
}
