import Testing

@testable import TouchpointSupervisor

struct StageCountLineTests {
    @Test func readsFiguresAndReasons() throws {
        let line = try #require(
            StageCountLine(
                "normalize: note: counts: in=120 out=118 dead_lettered=2 filtered=0 written=130 blank_lines=1 "
                    + "(invalid_json=1 line_too_long=1)", stage: "normalize"))
        #expect(line["in"] == 120)
        #expect(line["written"] == 130)
        #expect(line["dead_lettered"] == 2)
        #expect(line.figures.map(\.key) == ["in", "out", "dead_lettered", "filtered", "written", "blank_lines"])
        #expect(line.deadLetterReasons.map(\.reason) == ["invalid_json", "line_too_long"])
        #expect(line.deadLetterReasons.map(\.count) == [1, 1])
    }

    @Test func singleReason() throws {
        let line = try #require(
            StageCountLine("score: note: counts: in=3 dead_lettered=1 (invalid_record=1)", stage: "score"))
        #expect(line.deadLetterReasons.map(\.reason) == ["invalid_record"])
    }

    @Test(arguments: [
        "normalize: note: something else",
        "score: note: counts: in=1",
        "[normalize] normalize: note: counts: in=1",
        "normalize: error: counts do not reconcile: in=1",
    ])
    func ignoresOtherLines(_ text: String) {
        #expect(StageCountLine(text, stage: "normalize") == nil)
    }
}
