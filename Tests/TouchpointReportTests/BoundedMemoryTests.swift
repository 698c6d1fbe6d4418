import Foundation
import Testing
import TouchpointCore
import TouchpointJSON
import TouchpointReport
import TouchpointTesting

/// A stream with more profiles and paths than the bounds: the tables stop at their bounds, what passes them is
/// counted, and the page is still written.
@Suite struct BoundedMemoryTests {
    @Test func tablesStayWithinTheirBoundsOnALargeInput() throws {
        let stream = SyntheticStream(seed: 99, profiles: 5000, events: 40_000)
        var limits = ReportLimits()
        limits.profiles = 1000
        limits.paths = 300
        var model = ReportModel(limits: limits, customer: "p-3")
        var parser = JSONParser()
        for line in stream.lines {
            var bytes = Array(line.utf8)
            bytes.withUnsafeMutableBufferPointer { model.add(line: UnsafeBufferPointer($0), parser: &parser) }
        }
        #expect(model.events == 40_000)
        #expect(model.profilesFollowed == 1000)
        #expect(model.eventsNotFollowed > 0)
        #expect(model.paths.sortedRows.count == 300)
        #expect(model.paths.overflow.values.reduce(0, +) > 0)
        #expect((model.timeline?.entries.count ?? 0) <= limits.timelineEvents)
        let page = String(decoding: ReportPage(model: model).render(), as: UTF8.self)
        #expect(page.contains("were not followed in the funnel"))
        #expect(page.hasSuffix("</html>\n"))
    }
}
