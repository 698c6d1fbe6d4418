import TouchpointJSON

/// An in-band checkpoint marker (contract §4).
///
/// Wire shape: `{"kind":"barrier","id":7,"positions":[{"source":"pos","file":"pos.csv","device":2049,
/// "inode":131,"offset":4096}]}`. `id` increases monotonically per ingest run; `positions` are where every record
/// before the barrier came from. A stateful stage makes its state durable as of the barrier before forwarding it;
/// once the barrier leaves the last stage, sources may resume from its positions.
package struct Barrier: Equatable, Sendable {
    package var id: Int
    package var positions: [JSONValue]

    package init(id: Int, positions: [JSONValue]) {
        self.id = id
        self.positions = positions
    }

    package init(_ value: JSONValue) throws(RecordError) {
        guard let id = value["id"]?.intValue, id >= 0 else {
            throw RecordError(field: "id", problem: "missing or not a non-negative integer")
        }
        self.id = id
        positions = value["positions"]?.arrayValue ?? []
    }

    package var jsonValue: JSONValue {
        ["kind": .string(RecordKind.barrier), "id": .int(id), "positions": .array(positions)]
    }
}
