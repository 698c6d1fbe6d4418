import TouchpointJSON

/// Splits one connection's byte stream into frames: lines ended by LF (a CR before it dropped), or, when octet
/// counting is allowed (syslog), RFC 6587 octet-counted frames `LEN SP MSG`.
///
/// The framing is told apart at the start of every frame, as rsyslog's TCP input does: a frame that starts with a
/// digit 1-9, more digits and a space is octet-counted (`logger --octet-count`, rsyslog's `TCP_Framing="octet-
/// counted"`); anything else (`<PRI>…`, `logger -T`) runs to the next LF. A sender may mix both on one connection.
///
/// Memory is bounded: a frame longer than `maxFrameBytes` is not kept, only its first `prefixBytes` for the dead
/// letter, while the rest is counted and dropped (for an octet-counted one, exactly LEN bytes; for a line, up to its
/// LF). The buffer therefore holds at most one frame in the making plus the last chunk read.
package struct FrameSplitter {
    package enum Frame: Equatable {
        /// A complete frame: its bytes are `bytes[range]`, valid until the next `append`.
        case frame(Range<Int>, LinePosition)
        /// A frame over the limit: its first bytes and its full length.
        case tooLong(prefix: [UInt8], length: Int, LinePosition)
    }

    package let maxFrameBytes: Int
    package let allowsOctetCounting: Bool
    package let prefixBytes: Int
    /// Unconsumed bytes start at `start`; what is before it was returned already.
    package private(set) var bytes: [UInt8] = []
    private var start = 0
    /// The stream offset of `bytes[0]`.
    private var bufferOffset = 0
    /// Where the search for a LF goes on, so a long line arriving in many chunks is scanned once.
    private var scanned = 0
    private var frameCount = 0
    /// An over-long frame being dropped: what is kept of it, its length so far, and for an octet-counted one the
    /// bytes still to drop (nil: up to the next LF).
    private var discarding: (prefix: [UInt8], length: Int, position: LinePosition, remaining: Int?)?

    package init(maxFrameBytes: Int, allowsOctetCounting: Bool, prefixBytes: Int = 1024) {
        self.maxFrameBytes = maxFrameBytes
        self.allowsOctetCounting = allowsOctetCounting
        self.prefixBytes = min(prefixBytes, maxFrameBytes)
    }

    /// Bytes held: what `append` would keep if nothing more were consumed.
    package var heldByteCount: Int { bytes.count - start }

    /// Adds bytes read from the connection; frames returned before are no longer valid.
    package mutating func append(_ chunk: UnsafeRawBufferPointer) {
        if start > 0 {
            bytes.removeSubrange(0..<start)
            bufferOffset += start
            scanned -= start
            start = 0
        }
        // A connection that once sent a long line does not keep its buffer while it idles.
        if bytes.isEmpty && bytes.capacity > 1 << 18 { bytes = [] }
        bytes.append(contentsOf: chunk)
    }

    /// The next complete frame, or nil when more bytes are needed.
    package mutating func next() -> Frame? {
        while true {
            if discarding != nil {
                guard let dropped = dropDiscarded() else { return nil }
                return dropped
            }
            guard start < bytes.count else { return nil }
            let position = LinePosition(number: frameCount + 1, offset: bufferOffset + start)
            if allowsOctetCounting, bytes[start] >= UInt8(ascii: "1"), bytes[start] <= UInt8(ascii: "9") {
                switch octetCountedFrame(at: position) {
                case .complete(let frame): return frame
                case .dropping: continue
                case .incomplete: return nil
                case .notCounted: if isWaitingForLength { return nil }
                }
            }
            return lineFrame(at: position)
        }
    }

    /// Whether the bytes at `start` are digits that may still become an octet count once more bytes arrive.
    private var isWaitingForLength: Bool {
        var index = start
        while index < bytes.count, index - start < 10 {
            let byte = bytes[index]
            if byte == UInt8(ascii: " ") { return false }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return false }
            index += 1
        }
        return index == bytes.count && index - start < 10
    }

    private enum OctetCounted {
        /// The bytes at `start` are not `LEN SP`.
        case notCounted
        /// `LEN SP` and part of the frame: wait for the rest.
        case incomplete
        /// `LEN SP` with a LEN over the limit: the frame is being dropped.
        case dropping
        case complete(Frame)
    }

    /// The octet-counted frame at `start`, if the bytes there start one.
    private mutating func octetCountedFrame(at position: LinePosition) -> OctetCounted {
        var index = start
        var length = 0
        while index < bytes.count, index - start < 9, bytes[index] >= UInt8(ascii: "0"),
            bytes[index] <= UInt8(ascii: "9")
        {
            length = length * 10 + Int(bytes[index] - UInt8(ascii: "0"))
            index += 1
        }
        guard index < bytes.count, bytes[index] == UInt8(ascii: " ") else { return .notCounted }
        let frameStart = index + 1
        if length > maxFrameBytes {
            frameCount += 1
            // `dropDiscarded` keeps the prefix as the bytes go by: they may not all have arrived yet.
            discarding = ([], length, position, length)
            start = frameStart
            return .dropping
        }
        guard bytes.count - frameStart >= length else { return .incomplete }
        frameCount += 1
        start = frameStart + length
        scanned = start
        return .complete(.frame(frameStart..<start, position))
    }

    /// A frame that runs to the next LF, or nil when it has not arrived yet.
    private mutating func lineFrame(at position: LinePosition) -> Frame? {
        let searchFrom = max(start, scanned)
        guard let newline = bytes[searchFrom...].firstIndex(of: 0x0A) else {
            scanned = bytes.count
            if bytes.count - start > maxFrameBytes {
                frameCount += 1
                discarding = (Array(bytes[start..<start + prefixBytes]), bytes.count - start, position, nil)
                start = bytes.count
            }
            return nil
        }
        frameCount += 1
        let lineStart = start
        var lineEnd = newline
        if lineEnd > lineStart && bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
        start = newline + 1
        scanned = start
        if lineEnd - lineStart > maxFrameBytes {
            return .tooLong(
                prefix: Array(bytes[lineStart..<lineStart + prefixBytes]), length: lineEnd - lineStart, position)
        }
        return .frame(lineStart..<lineEnd, position)
    }

    /// Drops bytes of the over-long frame in hand; the frame once all of it has gone by, else nil.
    private mutating func dropDiscarded() -> Frame? {
        guard var dropping = discarding else { return nil }
        if let remaining = dropping.remaining {
            let taken = min(remaining, bytes.count - start)
            let kept = min(prefixBytes - dropping.prefix.count, taken)
            dropping.prefix += bytes[start..<start + kept]
            start += taken
            scanned = start
            dropping.remaining = remaining - taken
            guard dropping.remaining == 0 else {
                discarding = dropping
                return nil
            }
        } else {
            guard let newline = bytes[start...].firstIndex(of: 0x0A) else {
                dropping.length += bytes.count - start
                start = bytes.count
                scanned = start
                discarding = dropping
                return nil
            }
            dropping.length += newline - start
            start = newline + 1
            scanned = start
        }
        discarding = nil
        return .tooLong(prefix: dropping.prefix, length: dropping.length, dropping.position)
    }

    /// What is left when the stream ends: the bytes of a frame without its end (at most `maxFrameBytes`), or what
    /// was kept of an over-long one, with its length so far. Nil when every frame was complete.
    package mutating func remainder() -> (bytes: [UInt8], length: Int, position: LinePosition, isTooLong: Bool)? {
        if let dropping = discarding {
            discarding = nil
            return (dropping.prefix, dropping.length, dropping.position, true)
        }
        guard start < bytes.count else { return nil }
        let position = LinePosition(number: frameCount + 1, offset: bufferOffset + start)
        let rest = Array(bytes[start...])
        start = bytes.count
        return (rest, rest.count, position, false)
    }
}
