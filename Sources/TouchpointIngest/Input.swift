import Glibc
import TouchpointCore
import TouchpointJSON

/// One input named on the command line, before it is opened: where to read, what its records are called and how
/// they are decoded.
package struct InputSpecification {
    /// The path as given on the command line (relative paths resolve against `StageIO.workingDirectory`); nil for
    /// stdin.
    package var path: String?
    /// The record's `source.name`: `--source`, else the file's stem, else `stdin`.
    package var sourceName: String
    /// A fresh decoder for this input; each input starts from its own header and state.
    package var format: any RecordFormat
    /// The options the format was made with, for the hint when its lines fail (`FormatDetection`).
    package var formatOptions: FormatOptions

    package init(
        path: String?, sourceName: String, format: any RecordFormat, formatOptions: FormatOptions = FormatOptions()
    ) {
        self.path = path
        self.sourceName = sourceName
        self.format = format
        self.formatOptions = formatOptions
    }

    /// The name of the input's format, as written in `source.format`.
    package var formatName: String { type(of: format).name }

    /// The provenance of a record that starts at `position` in this input.
    package func reference(at position: LinePosition) -> SourceReference {
        SourceReference(
            name: sourceName, format: formatName, file: path, line: position.number, offset: position.offset)
    }
}

/// An input being read: which file it is and how far its complete records reach.
///
/// This is the seam for resumable reading (follow mode, checkpoints): the identity (`device`, `inode`) and
/// `committedOffset` are exactly what a barrier records, and what a resumed reader would check and seek to.
/// `committedOffset` never counts a record that is still being assembled (a CSV field spanning lines), so a
/// restart from it repeats that record rather than losing it.
package struct Input {
    package let specification: InputSpecification
    /// The descriptor to read; stdin's is not owned and never closed.
    package let descriptor: Int32?
    package let device: UInt64?
    package let inode: UInt64?
    /// The fingerprint of the file's first bytes and how many it covers (regular files only).
    package var fingerprint: (hex: String, bytes: Int)?
    /// The file's size when opened (regular files only): a resume position past it means the file was truncated.
    package let size: Int?
    /// Whether the file starts with the gzip magic: its positions count inflated bytes, so a resume cannot seek.
    package var isCompressed = false
    /// Bytes consumed by complete records, dead letters, blank and header lines.
    package var committedOffset = 0
    /// Lines before `committedOffset`.
    package var committedLine = 0
    /// Whether the input has been read to its end.
    package var isDone = false
    /// A resume position reached by reading (gzip, a pipe): lines ending at or before it were committed already.
    package var skipThrough = 0
    /// Followed, and at the end of what has been written so far: the barrier says its source is `idle`.
    package var isIdle = false
    /// A followed file that was rotated away or truncated and read to its end: nothing will read it again, so
    /// barriers no longer list its position.
    package var isRetired = false

    private init(
        specification: InputSpecification, descriptor: Int32?, status: stat?, fingerprint: (hex: String, bytes: Int)?
    ) {
        self.specification = specification
        self.descriptor = descriptor
        device = status.map { UInt64($0.st_dev) }
        inode = status.map { UInt64($0.st_ino) }
        size = status.flatMap { $0.st_mode & S_IFMT == S_IFREG ? Int($0.st_size) : nil }
        self.fingerprint = fingerprint
    }

    /// Opens a file input read-only; the error is `strerror` text for `ingest: error: <path>: <problem>`.
    ///
    /// - Parameter actualPath: the file to open when it is not at the specification's path any more (a rotated
    ///   file found beside it on resume); records and positions still name the specification's path.
    package static func open(
        _ specification: InputSpecification, workingDirectory: String?, at actualPath: String? = nil
    ) -> Result<Input, InputError> {
        let path = actualPath ?? specification.path ?? "-"
        let resolved = workingDirectory.map { path.hasPrefix("/") ? path : "\($0)/\(path)" } ?? path
        let descriptor = Glibc.open(resolved, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(InputError(path: path, errno: errno)) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let error = InputError(path: path, errno: errno)
            Glibc.close(descriptor)
            return .failure(error)
        }
        let fingerprint = status.st_mode & S_IFMT == S_IFREG ? Self.fingerprint(of: descriptor) : nil
        var input = Input(
            specification: specification, descriptor: descriptor, status: status, fingerprint: fingerprint)
        var magic: (UInt8, UInt8) = (0, 0)
        if withUnsafeMutableBytes(of: &magic, { pread(descriptor, $0.baseAddress, 2, 0) }) == 2 {
            input.isCompressed = magic == (0x1F, 0x8B)
        }
        return .success(input)
    }

    /// The `SourcePosition` fingerprint of an open regular file, read with pread so the read offset stays put.
    static func fingerprint(of descriptor: Int32) -> (hex: String, bytes: Int)? {
        var prefix = [UInt8](repeating: 0, count: SourcePosition.fingerprintLimit)
        var count = 0
        while count < prefix.count {
            let read = prefix.withUnsafeMutableBytes {
                pread(descriptor, $0.baseAddress! + count, $0.count - count, off_t(count))
            }
            if read < 0 && errno == EINTR { continue }
            guard read > 0 else { break }
            count += read
        }
        return prefix.withUnsafeBufferPointer {
            (SourcePosition.fingerprint(of: UnsafeBufferPointer(rebasing: $0[..<count])), count)
        }
    }

    /// Whether `position` (from a restored barrier) is this very file read that far: same device and inode, same
    /// first bytes, and no shorter than the offset (contract §8). A position for stdin matches stdin.
    package func isSameFile(as position: SourcePosition) -> Bool {
        guard position.source == specification.sourceName, position.file == specification.path else { return false }
        guard specification.path != nil else { return true }
        guard position.device == device, position.inode == inode else { return false }
        return hasSameContent(as: position)
    }

    /// Whether this file starts with the bytes `position` fingerprinted and is no shorter than its offset: the test
    /// for a copy of it (logrotate's `copytruncate` copies to a new inode).
    package func hasSameContent(as position: SourcePosition) -> Bool {
        guard let fingerprint, let size, position.offset <= size || isCompressed else { return false }
        guard let expected = position.fingerprint, let covered = position.fingerprintBytes else { return false }
        if covered == fingerprint.bytes { return expected == fingerprint.hex }
        // The file grew past the bytes the fingerprint covered when it was taken: compare the same prefix.
        guard covered < fingerprint.bytes, let descriptor else { return false }
        var prefix = [UInt8](repeating: 0, count: covered)
        let read = prefix.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, covered, 0) }
        return read == covered && prefix.withUnsafeBufferPointer { SourcePosition.fingerprint(of: $0) } == expected
    }

    /// Takes the fingerprint again as a followed file grows towards `SourcePosition.fingerprintLimit`; false when
    /// the bytes it covered have changed (the file was truncated and written anew: a copytruncate that the follower
    /// saw only after the file grew past where it had read).
    package mutating func refreshFingerprint() -> Bool {
        guard let descriptor, let old = fingerprint, let new = Self.fingerprint(of: descriptor) else { return true }
        if new.bytes < old.bytes { return false }
        if new.bytes > old.bytes {
            var prefix = [UInt8](repeating: 0, count: old.bytes)
            let read = prefix.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, old.bytes, 0) }
            guard read == old.bytes, prefix.withUnsafeBufferPointer(SourcePosition.fingerprint(of:)) == old.hex else {
                return false
            }
            fingerprint = new
            return true
        }
        return new.hex == old.hex
    }

    /// Moves the read position of a regular file to `position`, for a resume.
    package mutating func seek(to position: SourcePosition) -> Bool {
        guard let descriptor, lseek(descriptor, off_t(position.offset), SEEK_SET) == off_t(position.offset) else {
            return false
        }
        committedOffset = position.offset
        committedLine = position.line ?? 0
        return true
    }

    /// Counts everything up to `offset` (`lines` lines) as consumed: what a barrier written now covers.
    @inline(__always)
    package mutating func commit(offset: Int, lines: Int) {
        committedOffset = offset
        committedLine = lines
    }

    /// Where reading continues: the committed offset and line.
    package var start: LinePosition { LinePosition(number: committedLine, offset: committedOffset) }

    /// Standard input; its identity is known only when it is a real descriptor (not memory in tests).
    package static func standardInput(_ specification: InputSpecification, source: any ByteSource) -> Input {
        guard let fileSource = source as? FileDescriptorSource else {
            return Input(specification: specification, descriptor: nil, status: nil, fingerprint: nil)
        }
        var status = stat()
        guard fstat(fileSource.descriptor, &status) == 0 else {
            return Input(specification: specification, descriptor: nil, status: nil, fingerprint: nil)
        }
        return Input(specification: specification, descriptor: nil, status: status, fingerprint: nil)
    }

    /// Closes an opened file.
    package func close() {
        if let descriptor, specification.path != nil { Glibc.close(descriptor) }
    }

    /// Where a barrier says this input is (`SourcePosition`).
    package var position: SourcePosition {
        SourcePosition(
            source: specification.sourceName, file: specification.path, device: device, inode: inode,
            fingerprint: fingerprint?.hex, fingerprintBytes: fingerprint?.bytes, offset: committedOffset,
            line: committedLine)
    }
}

/// A file ingest could not open or read.
package struct InputError: Error, CustomStringConvertible {
    package let path: String
    package let errno: Int32

    package var description: String { "\(path): \(String(cString: strerror(errno)))" }
}
