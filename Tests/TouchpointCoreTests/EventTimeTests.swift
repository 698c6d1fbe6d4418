import Testing
import TouchpointCore

struct EventTimeTests {
    private func at(_ minutes: Int64) -> Timestamp { Timestamp(milliseconds: minutes * 60_000) }

    @Test func timersFireInDueOrderThenKeyOrderAndOnlyOnce() {
        var timers = EventTimers()
        timers.schedule("b", at: at(10))
        timers.schedule("a", at: at(10))
        timers.schedule("c", at: at(5))
        timers.schedule("d", at: at(30))
        timers.schedule("c", at: at(20))  // rescheduled: the old entry must not fire
        timers.cancel("d")
        #expect(timers.fire(through: at(9)).isEmpty)
        #expect(timers.fire(through: at(20)).map(\.key) == ["a", "b", "c"])
        #expect(timers.fire(through: .endOfTime).isEmpty)
    }

    @Test func timersSurviveACheckpointWithTheirChanges() throws {
        var timers = EventTimers()
        timers.schedule("a", at: at(1))
        var snapshot = StateWriter()
        timers.writeAll(into: &snapshot)
        timers.schedule("b", at: at(2))
        timers.cancel("a")
        var changes = StateWriter()
        timers.writeChanges(into: &changes)
        var restored = EventTimers()
        try reading(snapshot.bytes) { try restored.restoreAll(from: &$0) }
        try reading(changes.bytes) { try restored.applyChanges(from: &$0) }
        #expect(restored.fire(through: .endOfTime).map(\.key) == ["b"])
    }

    private func barrier(_ statuses: [(String, SourceStatus)]) -> Barrier {
        Barrier(id: 1, positions: [], sources: statuses.map { SourceProgress(name: $0.0, status: $0.1) })
    }

    @Test func aPendingSourceHoldsEventTimeBackUntilItIsRead() {
        var tracker = WatermarkTracker(allowedLateness: .minutes(10))
        tracker.observe(source: "web", time: at(100))
        #expect(tracker.barrier(barrier([("web", .reading), ("pos", .pending)])) == nil)
        tracker.observe(source: "pos", time: at(50))
        #expect(tracker.barrier(barrier([("web", .done), ("pos", .reading)]))?.time == at(40))
        tracker.observe(source: "pos", time: at(45))
        // Never goes back: nothing new to write.
        #expect(tracker.barrier(barrier([("web", .done), ("pos", .reading)])) == nil)
        tracker.observe(source: "pos", time: at(200))
        #expect(tracker.barrier(barrier([("web", .done), ("pos", .reading)]))?.time == at(190))
        let final = tracker.barrier(barrier([("web", .done), ("pos", .done)]))
        #expect(final == WatermarkRecord(time: at(200), isFinal: true))
        #expect(final?.closesThrough == .endOfTime)
    }

    @Test func anIdleSourceDoesNotHoldBackOneThatDelivers() {
        var tracker = WatermarkTracker(allowedLateness: .zero)
        tracker.observe(source: "surveys", time: at(10))
        tracker.observe(source: "web", time: at(500))
        #expect(tracker.barrier(barrier([("surveys", .idle), ("web", .reading)]))?.time == at(500))
    }

    @Test func durationsReadAndWriteAsPeopleSayThem() {
        #expect(Duration(parsing: "48h") == .hours(48))
        #expect(Duration(parsing: "1h30m") == .minutes(90))
        #expect(Duration(parsing: "250ms") == Duration(milliseconds: 250))
        #expect(Duration(parsing: "2 days") == nil)
        #expect(Duration(parsing: "-5m") == nil)
        #expect(Duration.days(2).description == "2d")
        #expect(Duration.minutes(90).description == "1h30m")
    }
}
