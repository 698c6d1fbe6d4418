/// What a group's figure usually is: an exponentially weighted mean and variance over its past windows.
///
/// With weight α for the newest window, d = x − mean: mean += α·d, variance = (1 − α)·(variance + α·d²), the
/// usual incremental form, so a baseline is three numbers however long the history. A window departs from it when
/// the baseline has seen `baseline_min_windows` windows and |x − mean| exceeds `anomaly_sd` standard deviations.
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

    package func isDeparture(_ value: Double, settings: AggregateSettings) -> Bool {
        guard windows >= settings.baselineMinWindows else { return false }
        let deviation = abs(value - mean)
        // A flat baseline (every window the same) has no spread to measure a departure by: it is not judged.
        guard variance > 1e-12 else { return false }
        return deviation > settings.anomalySD * variance.squareRoot()
    }

    package mutating func add(_ value: Double, alpha: Double) {
        guard windows > 0 else {
            windows = 1
            mean = value
            return
        }
        let difference = value - mean
        mean += alpha * difference
        variance = (1 - alpha) * (variance + alpha * difference * difference)
        windows += 1
    }
}
