import Glibc

/// One row of the benchmark table.
struct Measurement {
    let name: String
    let bytes: Int
    let records: Int
    let seconds: Double
    let peakResidentKiB: Int

    var megabytesPerSecond: Double { Double(bytes) / seconds / 1_000_000 }
    var recordsPerSecond: Double { Double(records) / seconds }
}

/// Monotonic seconds, for timing only (never for stage logic).
func monotonicSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

/// Peak resident set of this process (`self`) or of its waited-for children, in KiB.
func peakResidentKiB(children: Bool = false) -> Int {
    var usage = rusage()
    getrusage(__rusage_who_t((children ? RUSAGE_CHILDREN : RUSAGE_SELF).rawValue), &usage)
    return usage.ru_maxrss
}

/// The best of `repetitions` runs: the least disturbed by the other core's work.
func best(of repetitions: Int, _ body: () throws -> Void) rethrows -> Double {
    var fastest = Double.infinity
    for _ in 0..<repetitions {
        let start = monotonicSeconds()
        try body()
        fastest = min(fastest, monotonicSeconds() - start)
    }
    return fastest
}
