import TouchpointCore
import TouchpointJSON

/// ingest's checkpointed state: the last barrier it wrote, which names every input's position (contract §4).
///
/// A restart restores the barrier the pipeline last committed and resumes every input from its position there,
/// never from "bytes read": what was read but not committed is read again, and downstream stages, restored to the
/// same barrier, see it as if for the first time.
struct IngestCheckpoint: CheckpointedState {
    static let stateFormat = "ingest/1"

    var barrier: Barrier?
    /// Since when the files of the barrier's positions that are gone have been missing; written after the barrier,
    /// so a snapshot from before it existed still reads (with no waits).
    var goneFiles = GoneFiles()

    mutating func writeSnapshot(into writer: inout StateWriter) {
        writer.write(barrier != nil)
        guard let barrier else { return }
        var bytes: [UInt8] = []
        JSONWriter.write(barrier.jsonValue, into: &bytes)
        bytes.withUnsafeBufferPointer { writer.write(bytes: $0) }
        goneFiles.write(into: &writer, positions: barrier.positions)
    }

    mutating func restore(snapshot reader: inout StateReader) throws(StateError) {
        guard try reader.readBool() else {
            barrier = nil
            return
        }
        let bytes = Array(try reader.readBytes())
        let restored: Barrier
        do {
            restored = try Barrier(JSONParser.parseValue(bytes))
        } catch {
            throw StateError("the checkpointed barrier is not readable: \(error)")
        }
        barrier = restored
        goneFiles = reader.isAtEnd ? GoneFiles() : try GoneFiles(reading: &reader, positions: restored.positions)
    }
}
