import Testing
import TouchpointJSON

/// Reads everything with the given chunk size and describes each line as text, so cases read as tables.
private func lines(_ input: String, chunkSize: Int = .max, maxLineBytes: Int = 1 << 20) -> [String] {
    var reader = LineReader(
        source: MemorySource(input, chunkSize: chunkSize), maxLineBytes: maxLineBytes, bufferBytes: 64)
    defer { reader.close() }
    var result: [String] = []
    while let line = try? reader.next() {
        switch line {
        case .line(let bytes, let position):
            result.append("\(position.number)@\(position.offset):\(String(decoding: bytes, as: UTF8.self))")
        case .tooLong(let prefix, let length, let position):
            result.append(
                "\(position.number)@\(position.offset):TOO LONG \(length) \(String(decoding: prefix, as: UTF8.self))")
        }
    }
    return result
}

struct LineReaderTests {
    @Test(arguments: [1, 2, 3, 7, 64, .max])
    func partialReadsGiveTheSameLines(chunkSize: Int) {
        let input = "{\"a\":1}\r\n\n{\"b\":2}\nlast-without-newline"
        #expect(
            lines(input, chunkSize: chunkSize) == [
                "1@0:{\"a\":1}", "2@9:", "3@10:{\"b\":2}", "4@18:last-without-newline",
            ])
    }

    @Test func emptyInputHasNoLines() {
        #expect(lines("").isEmpty)
        #expect(lines("\n") == ["1@0:"])
    }

    @Test(arguments: [1, 5, .max])
    func overLongLinesAreReportedAndSkipped(chunkSize: Int) {
        let long = String(repeating: "x", count: 300)
        let result = lines("ok\n\(long)\nnext\n", chunkSize: chunkSize, maxLineBytes: 100)
        #expect(result.count == 3)
        #expect(result[0] == "1@0:ok")
        #expect(result[1].hasPrefix("2@3:TOO LONG 300 xxx"))
        #expect(result[2] == "3@304:next")
    }

    @Test func overLongFinalLineWithoutNewline() {
        let result = lines("a\n" + String(repeating: "y", count: 500), chunkSize: 16, maxLineBytes: 50)
        #expect(result.count == 2)
        #expect(result[1].hasPrefix("2@2:TOO LONG 500 yyy"))
    }

    @Test func lineExactlyAtTheLimitIsKept() {
        let exact = String(repeating: "z", count: 100)
        #expect(lines(exact + "\r\n", maxLineBytes: 100) == ["1@0:" + exact])
    }

    @Test func idleRunsOnlyWhenTheSourceHasNothingReady() throws {
        struct SlowSource: ByteSource {
            var chunks: [[UInt8]]
            var isReady = false
            mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(ByteStreamError) -> Int {
                guard !chunks.isEmpty else { return 0 }
                let chunk = chunks.removeFirst()
                buffer.copyBytes(from: chunk)
                return chunk.count
            }
            mutating func isReadable() -> Bool { isReady }
        }
        var reader = LineReader(source: SlowSource(chunks: [Array("a\n".utf8), Array("b\n".utf8)]))
        defer { reader.close() }
        var idleCalls = 0
        while try reader.next(idle: { idleCalls += 1 }) != nil {}
        // One idle call before each of the three reads (two chunks and end of input).
        #expect(idleCalls == 3)
    }
}
