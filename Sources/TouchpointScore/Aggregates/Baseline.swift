/// What a group's figure usually is: an exponentially weighted mean and variance over its past windows.
///
/// With weight α for the newest window, d = x − mean: mean += α·d, variance = (1 − α)·(variance + α·d²), the
/// usual incremental form, so a baseline is three numbers however long the history. For its first ⌈1/α⌉ windows
/// the mean and variance are the plain ones (Welford's update): the weighted variance starts from nothing and would
/// call ordinary noise a departure for weeks. A window departs from the baseline when the baseline has seen
/// `baseline_min_windows` windows and |x − mean| exceeds `anomaly_sd` times the larger of the baseline's spread and
/// the window's own sampling error (its interval's half-width over 1.96; √mean for a count): a handful of answers
/// that swing a rate by chance is not an anomaly.
package struct Baseline: Equatable, Sendable {
    package var windows = 0
    package var mean = 0.0
    package var variance = 0.0

    package init() {}

    package init(windows: Int, mean: Double, variance: Double) {
        self.windows = windows
        self.mean = mean
        self.variance = variance
    }

    package func isDeparture(_ value: Double, standardError: Double, settings: AggregateSettings) -> Bool {
        guard windows >= settings.baselineMinWindows else { return false }
        let deviation = abs(value - mean)
        let spread = max(variance.squareRoot(), standardError)
        // A flat baseline with no sampling error either has nothing to measure a departure by: it is not judged.
        guard spread > 1e-6 else { return false }
        return deviation > settings.anomalySD * spread
    }

    package mutating func add(_ value: Double, alpha: Double) {
        guard windows > 0 else {
            windows = 1
            mean = value
            return
        }
        let difference = value - mean
        if Double(windows) < (1 / alpha).rounded(.up) {
            // Plain mean and (sample) variance while the history is short.
            let count = Double(windows + 1)
            let squares = variance * Double(max(windows - 1, 0)) + difference * difference * (count - 1) / count
            mean += difference / count
            variance = squares / (count - 1)
        } else {
            mean += alpha * difference
            variance = (1 - alpha) * (variance + alpha * difference * difference)
        }
        windows += 1
    }
}
