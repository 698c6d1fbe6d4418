import Glibc

/// Where a reader gets bytes: a file descriptor in production, memory in tests and benchmarks.
package protocol ByteSource {
    /// Reads up to `buffer.count` bytes; 0 means end of input.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(ByteStreamError) -> Int
    /// Whether a read would return without blocking (data or end of input is ready).
    mutating func isReadable() -> Bool
}

/// Where a writer puts bytes.
package protocol ByteSink: AnyObject {
    func write(_ bytes: UnsafeRawBufferPointer) throws(ByteStreamError)
}

package enum ByteStreamError: Error, Equatable, CustomStringConvertible {
    /// The reader of our output went away (EPIPE): a quiet end, not a failure (contract §7).
    case downstreamClosed
    /// A signal interrupted a blocking read; the caller decides whether to stop or read again.
    case interrupted
    case failed(operation: String, errno: Int32)
    /// The bytes read cannot be decoded as the stream they claim to be (a truncated or corrupt gzip file); the text
    /// names the file and says what and where. Bytes decoded before it were delivered.
    case invalidData(String)

    package var description: String {
        switch self {
        case .downstreamClosed: "downstream closed"
        case .interrupted: "interrupted"
        case .failed(let operation, let code): "\(operation): \(String(cString: strerror(code)))"
        case .invalidData(let text): text
        }
    }
}

/// A file descriptor as a `ByteSource`.
///
/// With a `wakeDescriptor` (the read end of a self-pipe a signal handler writes to), a blocking read waits on both
/// descriptors, so a stop signal that lands between the runner's last check and the read still wakes the stage at
/// once: the read throws `.interrupted` instead of sleeping until more input arrives.
package struct FileDescriptorSource: ByteSource {
    package let descriptor: Int32
    package let wakeDescriptor: Int32?

    package init(descriptor: Int32, wakeDescriptor: Int32? = nil) {
        self.descriptor = descriptor
        self.wakeDescriptor = wakeDescriptor
    }

    package mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(ByteStreamError) -> Int {
        if let wakeDescriptor {
            var descriptors = [
                pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0),
                pollfd(fd: wakeDescriptor, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&descriptors, 2, -1)
            if ready < 0 && errno == EINTR { throw .interrupted }
            if descriptors[1].revents != 0 && descriptors[0].revents == 0 { throw .interrupted }
        }
        let count = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
        if count >= 0 { return count }
        if errno == EINTR { throw .interrupted }
        if errno == EAGAIN {
            // A non-blocking descriptor handed to us by a parent: wait for it as a blocking one would.
            var pollDescriptor = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            _ = poll(&pollDescriptor, 1, -1)
            throw .interrupted
        }
        throw .failed(operation: "read", errno: errno)
    }

    package mutating func isReadable() -> Bool {
        var pollDescriptor = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&pollDescriptor, 1, 0) > 0
    }
}

/// Bytes in memory as a `ByteSource`, delivered in chunks of `chunkSize` to exercise partial reads.
package struct MemorySource: ByteSource {
    private let bytes: [UInt8]
    private var offset = 0
    private let chunkSize: Int

    package init(_ bytes: [UInt8], chunkSize: Int = .max) {
        self.bytes = bytes
        self.chunkSize = max(1, chunkSize)
    }

    package init(_ text: String, chunkSize: Int = .max) { self.init(Array(text.utf8), chunkSize: chunkSize) }

    package mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(ByteStreamError) -> Int {
        let count = min(buffer.count, chunkSize, bytes.count - offset)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { source in
            buffer.baseAddress!.copyMemory(from: source.baseAddress! + offset, byteCount: count)
        }
        offset += count
        return count
    }

    package mutating func isReadable() -> Bool { true }
}

/// A file descriptor as a `ByteSink`; EPIPE becomes `.downstreamClosed`.
package final class FileDescriptorSink: ByteSink {
    package let descriptor: Int32

    package init(descriptor: Int32) { self.descriptor = descriptor }

    package func write(_ bytes: UnsafeRawBufferPointer) throws(ByteStreamError) {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written >= 0 {
                offset += written
            } else if errno == EINTR {
                continue
            } else if errno == EPIPE {
                throw .downstreamClosed
            } else {
                throw .failed(operation: "write", errno: errno)
            }
        }
    }
}

/// Collects written bytes in memory, for tests and in-process pipelines.
package final class MemorySink: ByteSink {
    package private(set) var bytes: [UInt8] = []

    package init() {}

    package func write(_ bytes: UnsafeRawBufferPointer) throws(ByteStreamError) {
        self.bytes.append(contentsOf: bytes)
    }

    package var text: String { String(decoding: bytes, as: UTF8.self) }
}
