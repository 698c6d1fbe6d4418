import Glibc
import TouchpointJSON

/// One followed file (one generation of a path: the file between two rotations) as a byte source that never reports
/// end of input on its own.
///
/// At the end of the bytes written so far, `read` throws `.interrupted` instead of returning 0: the line reader keeps
/// a partial last line in its buffer, and the follower reads on when more arrives, so a line is never delivered torn.
/// Only when the follower has decided that nothing more can come (the file was rotated away and read to its end, or
/// it was truncated) does `finish()` make `read` return 0, and a last line without a newline is then delivered as a
/// line, as at the end of a batch file.
///
/// A class, because the follower decides while the line reader owns the source.
final class FollowedFileSource: ByteSource {
    let descriptor: Int32
    /// The file offset of the next byte `read` returns.
    private(set) var readOffset: Int
    private var isFinished = false

    init(descriptor: Int32, offset: Int) {
        self.descriptor = descriptor
        readOffset = offset
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ByteStreamError) -> Int {
        while true {
            let count = pread(descriptor, buffer.baseAddress, buffer.count, off_t(readOffset))
            if count > 0 {
                readOffset += count
                return count
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw .failed(operation: "read", errno: errno)
            }
            if isFinished { return 0 }
            throw .interrupted
        }
    }

    /// Always true: a read never blocks, and the follower flushes before it waits.
    func isReadable() -> Bool { true }

    /// No more bytes will be read: the next read at the end returns end of input.
    func finish() { isFinished = true }

    /// The file's size now, or nil if `fstat` fails.
    var size: Int? {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return nil }
        return Int(status.st_size)
    }

    /// Whether bytes past `readOffset` are there to read.
    var hasUnreadBytes: Bool { (size ?? 0) > readOffset }
}
