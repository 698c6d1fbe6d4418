import CZlib
import TouchpointJSON

/// A byte source that inflates gzip data through the system zlib, and passes any other data through unchanged.
///
/// Whether the data is gzip is decided by its first two bytes, the gzip magic `1f 8b`, not by the file's name: a
/// rotated `web.log.2.gz` is inflated, and so is a compressed file without the suffix, while a plain file that
/// happens to be called `.gz` is read as it is. Wrapping every input in one costs nothing for plain data beyond the
/// two-byte look (reads then go straight to the base source).
///
/// A file of several gzip members, as `cat a.gz b.gz > c.gz` or `gzip -c a >> c.gz` make, inflates to the members'
/// data back to back, as `zcat` does; an empty member (`gzip < /dev/null`) contributes nothing. zlib reads each
/// member's header (`inflateInit2` with window bits 15 + 32) and checks its CRC-32 and length at its end.
///
/// Errors end the stream with `ByteStreamError.invalidData`, whose text names the file and says what happened and
/// where (`web.log.gz: gzip data is corrupt near compressed byte 812: invalid block type`); everything inflated
/// before the problem is returned first, and the error comes from the read after it. The cases: a file that ends
/// inside a member (truncated: `gzip data is truncated`), data zlib rejects (corrupt), and bytes after a complete
/// member that are not another member (a plain file appended to a gzip one: `zcat` warns "trailing garbage
/// ignored" and drops them; here they are an error, since ingest drops nothing silently). Corruption that still
/// inflates (a flipped bit in a literal) is caught only by the member's CRC at its end, after its bytes were
/// returned: the error then says the member's data was wrong, and the records already read from it stand.
package struct GzipSource<Base: ByteSource>: ByteSource {
    private var base: Base
    /// The file's name as errors show it.
    private let name: String
    private let inflater: Inflater
    private var mode = Mode.sniffing
    /// Compressed bytes read from `base` so far.
    private var compressedBytesRead = 0
    /// The base source has returned end of input.
    private var isBaseAtEnd = false
    /// The gzip member being inflated (1-based), for error texts.
    private var member = 1
    /// An error found after some output was already returned; thrown by the next read.
    private var pendingError: ByteStreamError?

    private enum Mode {
        /// Nothing read yet: the first two bytes decide.
        case sniffing
        /// Not gzip: bytes are passed through (first whatever the sniff read, then straight from `base`).
        case plain
        case inflating
        /// A member ended: the next bytes are another member, or the end.
        case betweenMembers
    }

    /// Wraps `base`; `name` is the file's path as error texts should show it.
    package init(_ base: Base, name: String, inputBufferBytes: Int = 1 << 16) {
        self.base = base
        self.name = name
        inflater = Inflater(inputBufferBytes: max(16, inputBufferBytes))
    }

    /// Whether the data turned out to be gzip; nil before the first read.
    package var isCompressed: Bool? {
        switch mode {
        case .sniffing: nil
        case .plain: false
        case .inflating, .betweenMembers: true
        }
    }

    package mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(ByteStreamError) -> Int {
        if let pendingError { throw pendingError }
        guard let output = buffer.baseAddress, buffer.count > 0 else { return 0 }
        if mode == .sniffing {
            try fillInput(atLeast: 2)
            let input = inflater.pendingInput
            let isGzip = input.count >= 2 && input[0] == 0x1F && input[1] == 0x8B
            if isGzip {
                guard inflater.begin() else { throw invalidData("zlib could not be initialized") }
                mode = .inflating
            } else {
                mode = .plain
            }
        }
        if mode == .plain {
            let input = inflater.pendingInput
            guard input.isEmpty else {
                let count = min(input.count, buffer.count)
                output.copyMemory(from: input.baseAddress!, byteCount: count)
                inflater.consume(count)
                return count
            }
            return try base.read(into: buffer)
        }
        return try inflate(into: output.assumingMemoryBound(to: UInt8.self), capacity: buffer.count)
    }

    package mutating func isReadable() -> Bool {
        pendingError != nil || !inflater.pendingInput.isEmpty || isBaseAtEnd || base.isReadable()
    }

    // MARK: - Inflating

    private mutating func inflate(into output: UnsafeMutablePointer<UInt8>, capacity: Int) throws(ByteStreamError)
        -> Int
    {
        var produced = 0
        while true {
            if mode == .betweenMembers {
                try fillInput(atLeast: 2)
                let input = inflater.pendingInput
                if input.isEmpty { return produced }
                guard input.count >= 2, input[0] == 0x1F, input[1] == 0x8B else {
                    return try fail(
                        "data after gzip member \(member) at compressed byte \(consumedOffset) is not gzip",
                        produced: produced)
                }
                inflater.reset()
                member += 1
                mode = .inflating
            }
            if inflater.pendingInput.isEmpty && !isBaseAtEnd { try fillInput(atLeast: 1) }
            let (status, written) = inflater.inflate(into: output + produced, capacity: capacity - produced)
            produced += written
            switch status {
            case Z_STREAM_END:
                mode = .betweenMembers
            case Z_OK:
                break
            case Z_BUF_ERROR where !(isBaseAtEnd && inflater.pendingInput.isEmpty):
                break
            case Z_BUF_ERROR:
                return try fail(
                    "gzip data is truncated: the file ends inside member \(member) after \(compressedBytesRead) "
                        + "compressed bytes", produced: produced)
            default:
                let reason = inflater.message ?? "zlib error \(status)"
                return try fail(
                    "gzip data is corrupt in member \(member) near compressed byte \(consumedOffset): \(reason)",
                    produced: produced)
            }
            if produced > 0 { return produced }
        }
    }

    /// Reads from `base` until `count` input bytes are pending or the base is at its end.
    private mutating func fillInput(atLeast count: Int) throws(ByteStreamError) {
        while inflater.pendingInput.count < count && !isBaseAtEnd {
            let space = inflater.compactedSpace()
            let read = try base.read(into: space)
            if read == 0 {
                isBaseAtEnd = true
            } else {
                inflater.added(read)
                compressedBytesRead += read
            }
        }
    }

    /// The offset in the compressed file of the first byte not yet consumed.
    private var consumedOffset: Int { compressedBytesRead - inflater.pendingInput.count }

    /// Ends the stream with an error: at once when nothing was produced by this read, else on the next read.
    private mutating func fail(_ text: String, produced: Int) throws(ByteStreamError) -> Int {
        let error = invalidData(text)
        pendingError = error
        if produced > 0 { return produced }
        throw error
    }

    private func invalidData(_ text: String) -> ByteStreamError { .invalidData("\(name): \(text)") }
}

/// zlib's inflate state and the compressed input buffer. A class: `z_stream` must not move once initialized (zlib
/// keeps a pointer back to it), and its memory is freed in `deinit`.
private final class Inflater {
    private let stream: UnsafeMutablePointer<z_stream>
    private let input: UnsafeMutablePointer<UInt8>
    private let inputCapacity: Int
    /// Pending input is `input[start..<end]`; zlib's `next_in`/`avail_in` point at it while inflating.
    private var start = 0
    private var end = 0
    private var isStarted = false

    init(inputBufferBytes: Int) {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        inputCapacity = inputBufferBytes
        input = .allocate(capacity: inputBufferBytes)
    }

    deinit {
        if isStarted { inflateEnd(stream) }
        stream.deinitialize(count: 1)
        stream.deallocate()
        input.deallocate()
    }

    var pendingInput: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: input + start, count: end - start) }

    func consume(_ count: Int) { start += count }

    /// Moves pending input to the front and returns the free space after it.
    func compactedSpace() -> UnsafeMutableRawBufferPointer {
        if start > 0 {
            if end > start { input.update(from: input + start, count: end - start) }
            end -= start
            start = 0
        }
        return UnsafeMutableRawBufferPointer(start: input + end, count: inputCapacity - end)
    }

    func added(_ count: Int) { end += count }

    /// Initializes zlib for gzip (window bits 15 + 32: automatic header detection, here always gzip).
    func begin() -> Bool {
        guard CZlib_inflateInit2(stream, 15 + 32) == Z_OK else { return false }
        isStarted = true
        return true
    }

    /// Prepares for the next member.
    func reset() { inflateReset(stream) }

    /// One `inflate` call from the pending input into `output`; zlib's status and the bytes written.
    func inflate(into output: UnsafeMutablePointer<UInt8>, capacity: Int) -> (status: Int32, written: Int) {
        let available = end - start
        stream.pointee.next_in = input + start
        stream.pointee.avail_in = uInt(available)
        stream.pointee.next_out = output
        stream.pointee.avail_out = uInt(min(capacity, Int(UInt32.max)))
        let status = CZlib.inflate(stream, Z_NO_FLUSH)
        start += available - Int(stream.pointee.avail_in)
        let written = min(capacity, Int(UInt32.max)) - Int(stream.pointee.avail_out)
        return (status, written)
    }

    /// zlib's text for the last error, if it gave one.
    var message: String? { stream.pointee.msg.map { String(cString: $0) } }
}
