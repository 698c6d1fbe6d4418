import Testing

@testable import TouchpointScore

/// The baseline a window is judged against: plain statistics while the history is short, and a departure measured
/// against the larger of the baseline's spread and the window's own sampling error.
struct BaselineTests {
    static let settings = ScoreSettings.builtin.aggregates

    static func baseline(_ values: [Double]) -> Baseline {
        var baseline = Baseline()
        for value in values { baseline.add(value, alpha: settings.baselineAlpha) }
        return baseline
    }

    @Test func aShortHistoryHasItsPlainMeanAndSampleVariance() {
        let baseline = Self.baseline([10, 12, 9, 11, 10])
        #expect(abs(baseline.mean - 10.4) < 1e-9)
        #expect(abs(baseline.variance - 1.3) < 1e-9)
    }

    @Test func ordinaryNoiseAfterAShortHistoryIsNoDeparture() {
        // Weighted from nothing, the variance after these five would be about 0.4 and 13 would be 4 sd away.
        let baseline = Self.baseline([10, 12, 9, 11, 10])
        #expect(!baseline.isDeparture(13, standardError: 0, settings: Self.settings))
        #expect(baseline.isDeparture(16, standardError: 0, settings: Self.settings))
    }

    @Test func aWindowsOwnSamplingErrorWidensWhatCountsAsADeparture() {
        // Five identical windows have no spread; a rate from few answers still has its sampling error.
        let baseline = Self.baseline([20, 20, 20, 20, 20])
        #expect(!baseline.isDeparture(45, standardError: 10, settings: Self.settings))
        #expect(baseline.isDeparture(55, standardError: 10, settings: Self.settings))
        #expect(!baseline.isDeparture(55, standardError: 0, settings: Self.settings), "no spread, no error: not judged")
    }
}
