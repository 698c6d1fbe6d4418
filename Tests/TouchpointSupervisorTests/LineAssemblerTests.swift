import Testing

@testable import TouchpointSupervisor

struct LineAssemblerTests {
    /// Feeds `chunks` and returns the lines delivered, the unterminated tail included.
    private func lines(_ chunks: [String], maxLineBytes: Int = 1 << 20) -> [String] {
        var assembler = LineAssembler(maxLineBytes: maxLineBytes)
        var lines: [String] = []
        for chunk in chunks {
            Array(chunk.utf8).withUnsafeBytes { bytes in
                assembler.append(bytes) { lines.append(String(decoding: $0, as: UTF8.self)) }
            }
        }
        assembler.finish { lines.append(String(decoding: $0, as: UTF8.self)) }
        return lines
    }

    @Test(arguments: [
        (["a\nb\n"], ["a", "b"]),
        (["a", "b\nc", "\n"], ["ab", "c"]),
        (["\n\n"], ["", ""]),
        (["tail without newline"], ["tail without newline"]),
        (["x\n", "", "y"], ["x", "y"]),
        ([String](), [String]()),
    ])
    func splitsChunksIntoLines(chunks: [String], expected: [String]) {
        #expect(lines(chunks) == expected)
    }

    @Test func cutsOverLongLinesIntoBoundedPieces() {
        #expect(lines(["abcdefg", "h\nij\n"], maxLineBytes: 3) == ["abc", "def", "gh", "ij"])
    }
}
