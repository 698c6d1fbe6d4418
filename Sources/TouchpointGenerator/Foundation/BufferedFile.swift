#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One output file behind a 1 MiB byte buffer, written with `write(2)`.
///
/// Renderers append whole lines to `buffer` and then call `lineCompleted()`; the buffer goes to the file once it
/// passes 1 MiB. Memory therefore stays flat however many records are written, and each `write` is large.
package struct BufferedFile {
    /// Where the bytes go, for error messages.
    package let path: String
    /// Pending bytes; append complete lines only.
    package var buffer: [UInt8]
    /// Bytes written to the file so far (flushed), for the summary.
    package private(set) var writtenByteCount = 0
    private var descriptor: Int32

    /// The flush threshold: large enough that system calls are rare, small enough to stay in cache.
    package static let capacity = 1 << 20

    /// Creates (or truncates) the file.
    package init(path: String) throws(GeneratorError) {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw GeneratorError.io(path: path, problem: Self.lastErrorText()) }
        buffer = []
        buffer.reserveCapacity(Self.capacity + (1 << 16))
    }

    /// Call after appending one complete line: writes the buffer out once it is full.
    @inline(__always)
    package mutating func lineCompleted() throws(GeneratorError) {
        if buffer.count >= Self.capacity { try flush() }
    }

    /// Writes every pending byte, retrying short writes and `EINTR`.
    package mutating func flush() throws(GeneratorError) {
        var offset = 0
        let total = buffer.count
        let descriptor = descriptor
        var failure: Int32 = 0
        buffer.withUnsafeBytes { raw in
            while offset < total {
                let written = write(descriptor, raw.baseAddress! + offset, total - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        if failure != 0 { throw GeneratorError.io(path: path, problem: Self.errorText(failure)) }
        writtenByteCount += total
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and closes; the file is complete only when this returns without throwing.
    package mutating func close() throws(GeneratorError) {
        try flush()
        guard descriptor >= 0 else { return }
        let result = closeDescriptor(descriptor)
        descriptor = -1
        if result != 0 { throw GeneratorError.io(path: path, problem: Self.lastErrorText()) }
    }

    /// Closes without flushing, after an earlier failure (so no descriptor leaks).
    package mutating func abandon() {
        guard descriptor >= 0 else { return }
        _ = closeDescriptor(descriptor)
        descriptor = -1
    }

    private static func lastErrorText() -> String { errorText(errno) }

    private static func errorText(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}

/// `close(2)`, reachable from inside `BufferedFile`, whose own `close()` hides the C function.
private func closeDescriptor(_ descriptor: Int32) -> Int32 {
    close(descriptor)
}
