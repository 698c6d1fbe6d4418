import TouchpointJSON

/// The last committed barrier of a pipeline: the file `committed` in its state directory (contract §4, "Commit").
///
/// Shape: `{"barrier":12,"output":{"offset":48213}}`, with `"end_of_input":true` when the barrier is the end of an
/// input that carried no barriers at all (hand-made NDJSON), so the next run's new input is not mistaken for a replay. Written by the committer (the last stage run with `--commit`,
/// or `touchpoint commit`) after barrier 12 has been written to its output and flushed; read by every stage on start
/// to choose the state it restores, and at every checkpoint to prune what the commit made obsolete. `output.offset`
/// is the committer's output file length at that moment, when its output is a regular file: what follows it was
/// written but never committed, and is recognised by id when the restarted pipeline writes it again.
package struct CommitMarker: Equatable, Sendable {
    package static let fileName = "committed"

    package var barrier: Int
    package var outputOffset: Int?
    package var isEndOfInput: Bool

    package init(barrier: Int, outputOffset: Int? = nil, isEndOfInput: Bool = false) {
        self.barrier = barrier
        self.outputOffset = outputOffset
        self.isEndOfInput = isEndOfInput
    }

    /// The marker in `directory`, or nil when nothing was ever committed there.
    package static func read(from directory: StateDirectory) throws(StageFailure) -> CommitMarker? {
        guard let bytes = try directory.read(fileName) else { return nil }
        let value: JSONValue
        do {
            value = try JSONParser.parseValue(bytes)
        } catch {
            throw StageFailure("\(directory.path)/\(fileName): not JSON: \(error)")
        }
        guard let barrier = value["barrier"]?.intValue, barrier >= 0 else {
            throw StageFailure("\(directory.path)/\(fileName): \"barrier\" is missing or not a non-negative integer")
        }
        return CommitMarker(
            barrier: barrier, outputOffset: value["output"]?["offset"]?.intValue,
            isEndOfInput: value["end_of_input"]?.boolValue ?? false)
    }

    /// Replaces the marker atomically and durably.
    package func write(to directory: StateDirectory) throws(StageFailure) {
        var object = JSONObject()
        object.append("barrier", .int(barrier))
        if let outputOffset { object.append("output", ["offset": .int(outputOffset)]) }
        if isEndOfInput { object.append("end_of_input", .bool(true)) }
        var bytes: [UInt8] = []
        JSONWriter.write(.object(object), into: &bytes)
        bytes.append(0x0A)
        try directory.replace(Self.fileName, with: bytes)
    }
}
