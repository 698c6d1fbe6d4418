import Testing

@testable import TouchpointSupervisor

struct LineAssemblerTests {
    /// Feeds `chunks` and returns the lines delivered, the unterminated tail included.
    private func lines(
        _ chunks: [String], maxLineBytes: Int = 1 << 20, overlongLines: LineAssembler.OverlongLines = .split
    ) -> [String] {
        var assembler = LineAssembler(maxLineBytes: maxLineBytes, overlongLines: overlongLines)
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

    @Test func splitsOverLongLinesIntoBoundedPieces() {
        #expect(lines(["abcdefg", "h\nij\n"], maxLineBytes: 3) == ["abc", "def", "gh", "ij"])
        #expect(lines(["abcdef\n"], maxLineBytes: 3) == ["abc", "def"])
    }

    @Test(arguments: [
        (["abcdefgh\nij\n"], ["abcd [cut: 4 more bytes]", "ij"]),
        (["abc", "defg", "hij", "\nk"], ["abcd [cut: 6 more bytes]", "k"]),
        (["abcd\n"], ["abcd"]),
        (["abcde"], ["abcd [cut: 1 more bytes]"]),
        // Never half a character: "é" is two bytes, "€" three; the cut steps back to a whole one.
        (["abcé\n"], ["abc [cut: 2 more bytes]"]),
        (["a€x\n"], ["a€ [cut: 1 more bytes]"]),
        (["ab€\n"], ["ab [cut: 3 more bytes]"]),
    ])
    func cutsOverLongLinesOnceAndSaysSo(chunks: [String], expected: [String]) {
        #expect(lines(chunks, maxLineBytes: 4, overlongLines: .cut) == expected)
    }
}
