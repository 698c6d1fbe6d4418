import Foundation
import Testing
import TouchpointIngest
import TouchpointJSON
import TouchpointTesting

/// Files made by the real `gzip` binary in a temporary directory, read back through `GzipSource` at several input
/// chunk and output buffer sizes.
struct GzipSourceTests {
    /// Text lines, then pseudo-random bytes: more than one input buffer of compressed data, and parts zlib cannot
    /// shrink.
    static let original: [UInt8] = {
        var bytes = Array(
            (1...4_000).map {
                "203.0.113.\($0 % 255) - - [02/Oct/2026:14:33:10 +0000] \"GET /p/\($0) HTTP/1.1\" 200 \($0)\n"
            }
            .joined().utf8)
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        for _ in 0..<150_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            bytes.append(UInt8(truncatingIfNeeded: state >> 56))
        }
        return bytes
    }()

    /// (input chunk size, output buffer size) pairs: byte by byte, odd sizes, and what ingest uses.
    static let sizes = [(1, 7), (5, 1), (4096, 3), (65_536, 1 << 18)]

    /// Runs `script` with /bin/sh in a fresh directory holding `a` (the original) and `b` (a short text).
    static func make(_ script: String, file: String) throws -> [UInt8] {
        let directory = TemporaryDirectory(files: ["a": original, "b": Array("second member\n".utf8)])
        let result = try ChildProcess.run(
            URL(fileURLWithPath: "/bin/sh"), ["-c", script], directory: URL(fileURLWithPath: directory.path))
        #expect(result.status == 0, "\(script): \(result.errors)")
        return try [UInt8](Data(contentsOf: URL(fileURLWithPath: "\(directory.path)/\(file)")))
    }

    /// Everything `GzipSource` returns for `bytes`, and the error that ended it, if any.
    static func inflate(_ bytes: [UInt8], chunk: Int, output: Int) -> (bytes: [UInt8], error: String?) {
        var source = GzipSource(MemorySource(bytes, chunkSize: chunk), name: "web.log.gz")
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: output)
        while true {
            do {
                let count = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
                if count == 0 { return (result, nil) }
                result.append(contentsOf: buffer[0..<count])
            } catch {
                return (result, "\(error)")
            }
        }
    }

    @Test func oneMember() throws {
        let compressed = try Self.make("gzip -c a > a.gz", file: "a.gz")
        #expect(compressed.count < Self.original.count)
        for (chunk, output) in Self.sizes {
            let result = Self.inflate(compressed, chunk: chunk, output: output)
            #expect(result.error == nil)
            #expect(result.bytes == Self.original, "chunk \(chunk), output \(output)")
        }
    }

    @Test(arguments: [
        "gzip -c a > m.gz && gzip -c b >> m.gz",
        "gzip -c a > a.gz && gzip -c b > b.gz && cat a.gz b.gz > m.gz",
        "gzip -9c a > m.gz && gzip -c < /dev/null >> m.gz && gzip -1c b >> m.gz",
    ])
    func membersInflateBackToBackAsZcatDoes(script: String) throws {
        let compressed = try Self.make(script, file: "m.gz")
        let expected = Self.original + Array("second member\n".utf8)
        let zcat = try Self.make(script + " && zcat m.gz > out", file: "out")
        #expect(zcat == expected)
        for (chunk, output) in Self.sizes {
            let result = Self.inflate(compressed, chunk: chunk, output: output)
            #expect(result.error == nil)
            #expect(result.bytes == expected, "chunk \(chunk), output \(output)")
        }
    }

    @Test func anEmptyFileCompressedIsEmpty() throws {
        let compressed = try Self.make("gzip -c < /dev/null > e.gz", file: "e.gz")
        #expect(compressed.count > 2)
        for (chunk, output) in Self.sizes {
            let result = Self.inflate(compressed, chunk: chunk, output: output)
            #expect(result.error == nil)
            #expect(result.bytes.isEmpty)
        }
    }

    @Test func aTruncatedFileDeliversWhatItHasThenSaysSo() throws {
        let compressed = try Self.make("gzip -c a > a.gz", file: "a.gz")
        let cut = Array(compressed.prefix(compressed.count / 2))
        for (chunk, output) in Self.sizes {
            let result = Self.inflate(cut, chunk: chunk, output: output)
            #expect(
                result.error
                    == "web.log.gz: gzip data is truncated: the file ends inside member 1 after \(cut.count) compressed bytes"
            )
            #expect(result.bytes.count > 100_000, "chunk \(chunk), output \(output)")
            #expect(Array(Self.original.prefix(result.bytes.count)) == result.bytes)
        }
        // Cut inside the 8-byte trailer (CRC and length): all data is there, the check is not.
        let withoutTrailer = Array(compressed.dropLast(4))
        let result = Self.inflate(withoutTrailer, chunk: 4096, output: 1 << 18)
        #expect(result.bytes == Self.original)
        #expect(result.error?.contains("truncated") == true)
    }

    @Test func corruptDataIsAnErrorNamingTheFile() throws {
        let compressed = try Self.make("gzip -c a > a.gz", file: "a.gz")
        var corrupt = compressed
        // The header is 10 bytes (gzip -c of a file from stdin-like input: no name); break a block in the middle.
        for index in stride(from: corrupt.count / 2, to: corrupt.count / 2 + 64, by: 1) { corrupt[index] ^= 0xA5 }
        for (chunk, output) in Self.sizes {
            let result = Self.inflate(corrupt, chunk: chunk, output: output)
            let error = try #require(result.error)
            #expect(error.hasPrefix("web.log.gz: gzip data is corrupt in member 1 near compressed byte "))
            #expect(!result.bytes.isEmpty)
        }
        // A wrong CRC in the trailer: the data came through, then the check fails.
        var badCheck = compressed
        badCheck[badCheck.count - 8] ^= 0xFF
        let result = Self.inflate(badCheck, chunk: 4096, output: 1 << 18)
        #expect(result.bytes == Self.original)
        #expect(result.error?.hasSuffix("incorrect data check") == true)
    }

    @Test func aPlainFileAfterAGzipMemberIsAnErrorAfterTheMember() throws {
        let compressed = try Self.make("gzip -c a > a.gz && cat a.gz b > x.gz", file: "x.gz")
        // zcat drops such trailing bytes with a warning ("trailing garbage ignored"); ingest may not.
        for (chunk, output) in Self.sizes {
            let result = Self.inflate(compressed, chunk: chunk, output: output)
            #expect(result.bytes == Self.original)
            let expectedOffset = compressed.count - "second member\n".utf8.count
            #expect(
                result.error
                    == "web.log.gz: data after gzip member 1 at compressed byte \(expectedOffset) is not gzip")
        }
    }

    @Test(arguments: [Array("a plain file that is called .gz\n".utf8), [0x1F], [], [0x1F, 0x00, 0x41]])
    func dataWithoutTheMagicPassesThroughUnchanged(bytes: [UInt8]) {
        for (chunk, output) in Self.sizes {
            var source = GzipSource(MemorySource(bytes, chunkSize: chunk), name: "x.gz")
            #expect(source.isCompressed == nil)
            let result = Self.inflate(bytes, chunk: chunk, output: output)
            #expect(result.error == nil)
            #expect(result.bytes == bytes)
            var one = [UInt8](repeating: 0, count: 1)
            _ = try? one.withUnsafeMutableBytes { try source.read(into: $0) }
            #expect(source.isCompressed == false)
        }
    }

    @Test func aFileOfTheMagicAloneIsTruncated() {
        let result = Self.inflate([0x1F, 0x8B], chunk: 1, output: 16)
        #expect(result.bytes.isEmpty)
        #expect(result.error?.contains("truncated") == true)
    }

    @Test func linesReadThroughItAreTheOriginalLines() throws {
        // The way ingest reads: a LineReader over the source.
        let compressed = try Self.make("gzip -c a > t.gz", file: "t.gz")
        var reader = LineReader(source: GzipSource(MemorySource(compressed, chunkSize: 999), name: "t.gz"))
        defer { reader.close() }
        var count = 0
        while let line = try reader.next() {
            if case .line(let bytes, let position) = line, position.number <= 4_000 {
                count += 1
                #expect(String(decoding: bytes, as: UTF8.self).hasSuffix(" 200 \(position.number)"))
            }
        }
        #expect(count == 4_000)
    }
}
