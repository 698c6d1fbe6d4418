import Glibc
import TouchpointCore
import TouchpointJSON

/// Reads the pipeline's output once, from a file or stdin (`-`), line by line into a `ReportModel`.
enum ReportInput {
    /// The stages' own default line limit (contract §6): a longer line is counted as not a record.
    static let maxLineBytes = 1 << 20

    static func read(_ path: String?, io: StageIO, into model: inout ReportModel) throws(StageFailure) {
        if let path, path != "-" {
            let descriptor = open(io.resolvedPath(path), O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw StageFailure("\(path): \(String(cString: strerror(errno)))") }
            defer { close(descriptor) }
            try read(FileDescriptorSource(descriptor: descriptor), name: path, into: &model)
        } else {
            try read(io.input, name: "stdin", into: &model)
        }
    }

    static func read<Source: ByteSource>(_ source: Source, name: String, into model: inout ReportModel)
        throws(StageFailure)
    {
        var reader = LineReader(source: source, maxLineBytes: maxLineBytes)
        defer { reader.close() }
        var parser = JSONParser()
        while true {
            let next: LineReader<Source>.Line?
            do {
                next = try reader.next()
            } catch {
                throw StageFailure("\(name): \(error)")
            }
            switch next {
            case nil: return
            case .line(let bytes, _)?: model.add(line: bytes, parser: &parser)
            case .tooLong?: model.addUnreadableLine()
            }
        }
    }
}
