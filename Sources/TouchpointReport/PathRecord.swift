import TouchpointJSON

/// `touchpoint paths` output: one `path` record per (segment, path) row (docs/CONTRACT.md §7 "Paths").
package enum PathRecord {
    package static let kind = "path"
    package static let fieldNames = ["kind", "segment", "path", "count", "outcomes", "favourable_rate", "ci95"]

    package static func value(_ row: PathRow) -> JSONValue {
        var outcomes = JSONObject()
        for outcome in PathOutcome.allCases where row.outcomes[outcome.rawValue] > 0 {
            outcomes[outcome.name] = .number(JSONNumber(row.outcomes[outcome.rawValue]))
        }
        var record = JSONObject([
            ("kind", .string(kind)), ("segment", .string(row.segment)), ("path", .array(row.path.map { .string($0) })),
            ("count", .number(JSONNumber(row.count))), ("outcomes", .object(outcomes)),
        ])
        if let rate = JSONNumber.rounded(row.favourableShare, places: 3) { record["favourable_rate"] = .number(rate) }
        if let interval = row.favourableInterval, let low = JSONNumber.rounded(interval.low, places: 3),
            let high = JSONNumber.rounded(interval.high, places: 3)
        {
            record["ci95"] = .array([.number(low), .number(high)])
        }
        return .object(record)
    }

    /// Every row as NDJSON, in `PathTable.sortedRows` order.
    package static func write(_ table: PathTable, into output: inout [UInt8]) {
        for row in table.sortedRows {
            JSONWriter.write(value(row), into: &output)
            output.append(0x0A)
        }
    }
}
