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

    package init(path: String?, sourceName: String, format: any RecordFormat) {
        self.path = path
        self.sourceName = sourceName
        self.format = format
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
    /// Bytes consumed by complete records, dead letters, blank and header lines.
    package var committedOffset = 0

    private init(specification: InputSpecification, descriptor: Int32?, device: UInt64?, inode: UInt64?) {
        self.specification = specification
        self.descriptor = descriptor
        self.device = device
        self.inode = inode
    }

    /// Opens a file input read-only; the error is `strerror` text for `ingest: error: <path>: <problem>`.
    package static func open(_ specification: InputSpecification, workingDirectory: String?) -> Result<
        Input, InputError
    > {
        let path = specification.path ?? "-"
        let resolved = workingDirectory.map { path.hasPrefix("/") ? path : "\($0)/\(path)" } ?? path
        let descriptor = Glibc.open(resolved, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(InputError(path: path, errno: errno)) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let error = InputError(path: path, errno: errno)
            Glibc.close(descriptor)
            return .failure(error)
        }
        return .success(
            Input(
                specification: specification, descriptor: descriptor, device: UInt64(status.st_dev),
                inode: UInt64(status.st_ino)))
    }

    /// Standard input; its identity is known only when it is a real descriptor (not memory in tests).
    package static func standardInput(_ specification: InputSpecification, source: any ByteSource) -> Input {
        guard let fileSource = source as? FileDescriptorSource else {
            return Input(specification: specification, descriptor: nil, device: nil, inode: nil)
        }
        var status = stat()
        guard fstat(fileSource.descriptor, &status) == 0 else {
            return Input(specification: specification, descriptor: nil, device: nil, inode: nil)
        }
        return Input(
            specification: specification, descriptor: nil, device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
    }

    /// Closes an opened file.
    package func close() {
        if let descriptor, specification.path != nil { Glibc.close(descriptor) }
    }

    /// The barrier position: `{"source":"pos","file":"sample/pos.csv","device":2049,"inode":131,"offset":4096}`
    /// (`file` absent for stdin, `device`/`inode` absent when unknown).
    package var position: JSONValue {
        var object = JSONObject()
        object.append("source", .string(specification.sourceName))
        if let path = specification.path { object.append("file", .string(path)) }
        if let device { object.append("device", .number(JSONNumber(Int(truncatingIfNeeded: device)))) }
        if let inode { object.append("inode", .number(JSONNumber(Int(truncatingIfNeeded: inode)))) }
        object.append("offset", .int(committedOffset))
        return .object(object)
    }
}

/// A file ingest could not open or read.
package struct InputError: Error, CustomStringConvertible {
    package let path: String
    package let errno: Int32

    package var description: String { "\(path): \(String(cString: strerror(errno)))" }
}
