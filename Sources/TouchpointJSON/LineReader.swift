import Glibc

/// Splits a byte stream into lines without copying them, for NDJSON, CSV and log input alike.
///
/// Lines end at `\n`; a `\r` before it is dropped (CRLF files). A last line without `\n` is still a line at end of
/// input. A line longer than `maxLineBytes` is reported as `.tooLong` with its first bytes, and the rest of it is
/// skipped as it streams by, so a 2 GiB line without a newline costs a bounded buffer, not an out-of-memory.
///
/// Before every read that could block, the reader asks the source whether data is ready and, if not, calls the
/// `idle` closure: that is where stages flush their output, so a live tail sees each record within milliseconds
/// while a batch run over a large file fills whole buffers (contract §7).
package struct LineReader<Source: ByteSource> {
    package enum Line {
        /// A complete line, without its terminator. The bytes are valid until the next call to `next`.
        case line(UnsafeBufferPointer<UInt8>, LinePosition)
        /// A line over the limit: its first `prefix.count` bytes and its full length.
        case tooLong(prefix: [UInt8], length: Int, LinePosition)
    }

    package var source: Source
    package let maxLineBytes: Int
    /// How many bytes of an over-long line are kept for its dead letter (at most `maxLineBytes`).
    package let tooLongPrefixBytes: Int
    private var buffer: UnsafeMutableRawBufferPointer
    private var start = 0
    private var end = 0
    private var isAtEnd = false
    private var lineNumber = 0
    /// Byte offset in the stream of `buffer[0]`.
    private var bufferOffset = 0
    /// Whether the line just returned was the input's last and had no `\n`: in a pipeline, the mark of a writer that
    /// died mid-line.
    package private(set) var isUnterminatedFinalLine = false
    /// Bytes of an over-long line discarded so far; its prefix is `tooLongPrefix`.
    private var discarding: (prefix: [UInt8], length: Int, position: LinePosition)?

    /// - Parameter start: where the source's first byte is in the stream, for a reader resumed part-way (offsets and
    ///   line numbers continue from it).
    package init(
        source: Source, maxLineBytes: Int = 1 << 20, bufferBytes: Int = 1 << 18, tooLongPrefixBytes: Int = 1024,
        start: LinePosition = LinePosition(number: 0, offset: 0)
    ) {
        self.source = source
        bufferOffset = start.offset
        lineNumber = start.number
        self.maxLineBytes = max(1, maxLineBytes)
        // Never keep more of an over-long line than a line may have.
        self.tooLongPrefixBytes = min(tooLongPrefixBytes, self.maxLineBytes)
        // Room for one maximal line plus its CR LF, or a large batch of short ones.
        let capacity = max(bufferBytes, self.maxLineBytes + 2)
        buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
    }

    /// Frees the buffer. A struct cannot free it in deinit, and the reader lives as long as its stage, so the owner
    /// calls this once when done (the runner does).
    package mutating func close() {
        buffer.deallocate()
        buffer = UnsafeMutableRawBufferPointer(start: nil, count: 0)
    }

    /// The stream offset just past the last line returned: where a resumed reader would start.
    package var consumedOffset: Int { bufferOffset + start }

    /// How many lines have been returned, counting from the start position's line number.
    package var consumedLineCount: Int { lineNumber }

    /// Whether a complete line is already buffered, so `next` will not read.
    package var hasBufferedLine: Bool {
        UnsafeRawBufferPointer(rebasing: buffer[start..<end]).firstIndex(of: 0x0A) != nil
    }

    /// The next line, or nil at end of input. `idle` runs before any read that would block.
    package mutating func next(idle: () throws(ByteStreamError) -> Void = {}) throws(ByteStreamError) -> Line? {
        while true {
            if let newline = findNewline() {
                let lineStart = start
                start = newline + 1
                lineNumber += 1
                let position = LinePosition(number: lineNumber, offset: bufferOffset + lineStart)
                if var discarded = discarding {
                    discarding = nil
                    discarded.length += newline - lineStart
                    return .tooLong(prefix: discarded.prefix, length: discarded.length, discarded.position)
                }
                var lineEnd = newline
                if lineEnd > lineStart && buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                if lineEnd - lineStart > maxLineBytes {
                    let prefixEnd = lineStart + min(tooLongPrefixBytes, lineEnd - lineStart)
                    return .tooLong(prefix: Array(buffer[lineStart..<prefixEnd]), length: lineEnd - lineStart, position)
                }
                return .line(bytes(lineStart, lineEnd), position)
            }
            if isAtEnd {
                guard start < end || discarding != nil else { return nil }
                return finalUnterminatedLine()
            }
            try fill(idle: idle)
        }
    }

    private func findNewline() -> Int? {
        guard start < end else { return nil }
        let base = buffer.baseAddress!
        guard let found = memchr(base + start, 0x0A, end - start) else { return nil }
        return base.distance(to: UnsafeMutableRawPointer(found))
    }

    private func bytes(_ from: Int, _ to: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: buffer.baseAddress!.assumingMemoryBound(to: UInt8.self) + from, count: to - from)
    }

    private mutating func finalUnterminatedLine() -> Line {
        isUnterminatedFinalLine = true
        let lineStart = start
        start = end
        lineNumber += 1
        if var discarded = discarding {
            discarding = nil
            discarded.length += end - lineStart
            return .tooLong(prefix: discarded.prefix, length: discarded.length, discarded.position)
        }
        var lineEnd = end
        if lineEnd > lineStart && buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
        let position = LinePosition(number: lineNumber, offset: bufferOffset + lineStart)
        if lineEnd - lineStart > maxLineBytes {
            let prefixEnd = lineStart + min(tooLongPrefixBytes, lineEnd - lineStart)
            return .tooLong(prefix: Array(buffer[lineStart..<prefixEnd]), length: lineEnd - lineStart, position)
        }
        return .line(bytes(lineStart, lineEnd), position)
    }

    /// Makes room and reads once. A partial line already over the limit is moved to `discarding`.
    private mutating func fill(idle: () throws(ByteStreamError) -> Void) throws(ByteStreamError) {
        let pending = end - start
        if pending > maxLineBytes + 1 {
            // No newline within the limit: remember the head, drop the bytes, keep scanning for the end.
            if discarding == nil {
                let prefixEnd = start + min(tooLongPrefixBytes, pending)
                discarding = (
                    Array(buffer[start..<prefixEnd]), 0,
                    LinePosition(number: lineNumber + 1, offset: bufferOffset + start)
                )
            }
            discarding!.length += pending
            bufferOffset += end
            start = 0
            end = 0
        } else if discarding != nil {
            discarding!.length += pending
            bufferOffset += end
            start = 0
            end = 0
        } else if start > 0 {
            buffer.baseAddress!.copyMemory(from: buffer.baseAddress! + start, byteCount: pending)
            bufferOffset += start
            start = 0
            end = pending
        }
        if !source.isReadable() { try idle() }
        let count: Int
        do {
            count = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[end...]))
        } catch .interrupted {
            throw .interrupted
        }
        if count == 0 { isAtEnd = true } else { end += count }
    }
}

/// Where a line came from in its stream: 1-based line number and 0-based byte offset of its first byte.
package struct LinePosition: Equatable, Sendable {
    package let number: Int
    package let offset: Int

    package init(number: Int, offset: Int) {
        self.number = number
        self.offset = offset
    }
}
