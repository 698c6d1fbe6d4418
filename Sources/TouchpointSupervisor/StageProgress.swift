/// What a stage's latest `status:` line said (`--status-every`), with when it came, for `touchpoint status` and
/// the metrics: `normalize: status: in=1200 out=1198 dead_lettered=2 filtered=0 written=1210 barrier=12
/// watermark=2026-10-02T10:00:00.000Z`.
package struct StageProgress: Sendable {
    package var figures: StageCountLine
    package var barrier: Int?
    /// The watermark as the stage wrote it (RFC 3339).
    package var watermark: String?
    /// Monotonic seconds when the line came.
    package var receivedAt: Double
    /// Records in per second between this line and the one before it.
    package var rate: Double?
    /// Monotonic seconds when `barrier` was first seen: how long the stage has been at its last barrier.
    package var barrierSince: Double?

    /// Parses `line` if it is `program`'s status line or its closing counts.
    package init?(_ line: String, program: String, receivedAt: Double, previous: StageProgress?) {
        guard
            let figures = StageCountLine(line, stage: program, marker: "status")
                ?? StageCountLine(line, stage: program)
        else { return nil }
        self.figures = figures
        // A counts line has no barrier or watermark: those stay as the last status line said.
        barrier = figures["barrier"] ?? previous?.barrier
        watermark =
            line.split(separator: " ").first { $0.hasPrefix("watermark=") }.map { String($0.dropFirst(10)) }
            ?? previous?.watermark
        self.receivedAt = receivedAt
        if let previous, let before = previous.figures["in"], let now = figures["in"], receivedAt > previous.receivedAt
        {
            rate = Double(max(0, now - before)) / (receivedAt - previous.receivedAt)
        }
        barrierSince = previous.flatMap { $0.barrier == barrier ? $0.barrierSince : nil } ?? receivedAt
    }
}
