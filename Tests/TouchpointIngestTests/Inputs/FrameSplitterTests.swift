import Testing
import TouchpointIngest
import TouchpointJSON

/// `FrameSplitter` on streams cut into chunks of every size: newline frames, RFC 6587 octet-counted frames, both on
/// one connection, over-long frames of each kind, and what is left when the stream ends.
struct FrameSplitterTests {
    /// Feeds `stream` in chunks of `chunkSize` and describes every frame (`text@line:offset`, `TOO_LONG(prefix,
    /// length)@line:offset`), then what `remainder` gives (`REST(text,length)@…` or `REST_TOO_LONG…`).
    static func split(
        _ stream: String, chunkSize: Int, maxFrameBytes: Int = 64, octetCounting: Bool = true, prefixBytes: Int = 4
    ) -> [String] {
        var splitter = FrameSplitter(
            maxFrameBytes: maxFrameBytes, allowsOctetCounting: octetCounting, prefixBytes: prefixBytes)
        let bytes = Array(stream.utf8)
        var frames: [String] = []
        var index = 0
        while index < bytes.count {
            let chunk = Array(bytes[index..<min(bytes.count, index + chunkSize)])
            index += chunk.count
            chunk.withUnsafeBytes { splitter.append($0) }
            while let frame = splitter.next() {
                switch frame {
                case .frame(let range, let position):
                    let text = String(decoding: splitter.bytes[range], as: UTF8.self)
                    frames.append("\(text)@\(position.number):\(position.offset)")
                case .tooLong(let prefix, let length, let position):
                    frames.append(
                        "TOO_LONG(\(String(decoding: prefix, as: UTF8.self)),\(length))@\(position.number):"
                            + "\(position.offset)")
                }
            }
        }
        if let rest = splitter.remainder() {
            frames.append(
                "\(rest.isTooLong ? "REST_TOO_LONG" : "REST")(\(String(decoding: rest.bytes, as: UTF8.self)),"
                    + "\(rest.length))@\(rest.position.number):\(rest.position.offset)")
        }
        return frames
    }

    static let chunkSizes = [1, 2, 3, 7, 64, 4096]

    @Test(arguments: chunkSizes)
    func linesAreSplitAtNewlinesWithACarriageReturnDropped(chunkSize: Int) {
        #expect(
            Self.split("a\r\nbb\n\nccc\n", chunkSize: chunkSize) == ["a@1:0", "bb@2:3", "@3:6", "ccc@4:7"])
    }

    @Test(arguments: chunkSizes)
    func octetCountedFramesAndLinesMixOnOneConnection(chunkSize: Int) {
        // logger --octet-count sends no newline; a frame may hold one; the next frame may be a plain line.
        let stream = "5 <13>a11 <13>b\nc d e<14>plain line\n3 xyz"
        #expect(
            Self.split(stream, chunkSize: chunkSize)
                == ["<13>a@1:0", "<13>b\nc d e@2:7", "<14>plain line@3:21", "xyz@4:36"])
    }

    @Test(arguments: chunkSizes)
    func digitsWithoutASpaceStartALine(chunkSize: Int) {
        // A syslog file line without PRI starts with a date, an NDJSON value may be a number.
        #expect(
            Self.split("2026-12-02 x\n42\n12345678901 y\n", chunkSize: chunkSize)
                == ["2026-12-02 x@1:0", "42@2:13", "12345678901 y@3:16"])
    }

    @Test(arguments: chunkSizes)
    func withoutOctetCountingALengthIsPartOfTheLine(chunkSize: Int) {
        #expect(Self.split("5 hello\n", chunkSize: chunkSize, octetCounting: false) == ["5 hello@1:0"])
    }

    @Test(arguments: chunkSizes)
    func anOverLongLineIsDroppedToItsNewlineKeepingItsPrefixAndLength(chunkSize: Int) {
        let long = String(repeating: "x", count: 100)
        #expect(
            Self.split("ok\n\(long)\nnext\n", chunkSize: chunkSize, maxFrameBytes: 10)
                == ["ok@1:0", "TOO_LONG(xxxx,100)@2:3", "next@3:104"])
    }

    @Test(arguments: chunkSizes)
    func anOverLongOctetCountedFrameIsDroppedByItsLength(chunkSize: Int) {
        let long = String(repeating: "y", count: 30)
        #expect(
            Self.split("30 \(long)2 ok", chunkSize: chunkSize, maxFrameBytes: 10)
                == ["TOO_LONG(yyyy,30)@1:0", "ok@2:33"])
    }

    @Test(arguments: chunkSizes)
    func whatIsLeftAtTheEndIsTheRemainder(chunkSize: Int) {
        #expect(Self.split("a\n{\"n\":", chunkSize: chunkSize) == ["a@1:0", "REST({\"n\":,5)@2:2"])
        #expect(Self.split("9 <13>ab", chunkSize: chunkSize) == ["REST(9 <13>ab,8)@1:0"])
        #expect(Self.split("a\n", chunkSize: chunkSize) == ["a@1:0"])
    }

    @Test func anOverLongLineCutOffByTheEndIsARemainderThatIsTooLong() {
        let long = String(repeating: "z", count: 50)
        #expect(Self.split(long, chunkSize: 7, maxFrameBytes: 10) == ["REST_TOO_LONG(zzzz,50)@1:0"])
    }

    @Test func theBufferHoldsOneFrameInTheMakingAndNotTheWholeStream() {
        var splitter = FrameSplitter(maxFrameBytes: 1 << 20, allowsOctetCounting: false)
        let chunk = Array(String(repeating: "{\"n\":1}\n", count: 1000).utf8)
        for _ in 0..<100 {
            chunk.withUnsafeBytes { splitter.append($0) }
            while splitter.next() != nil {}
        }
        #expect(splitter.heldByteCount == 0)
        #expect(splitter.bytes.count <= chunk.count)
    }
}
