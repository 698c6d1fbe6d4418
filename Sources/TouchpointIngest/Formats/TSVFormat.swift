import TouchpointCore
import TouchpointJSON

/// Tab-separated values: the `csv` format with a tab between fields, and a header line.
///
/// Everything `csv` says holds with `\t` in place of `,`: the first non-blank line names the columns, every later
/// row maps each name to its field (all strings), a field that starts with `"` is quoted and may hold tabs, line
/// breaks and doubled quotes, and the same rows are dead letters. Spreadsheet exports ("Text (Tab delimited)") quote
/// this way. Backslash escapes such as `\t` and `\N` (PostgreSQL `COPY`, MySQL `SELECT … INTO OUTFILE`) are not
/// decoded: they come through as written.
///
/// Options: `header=false` and `columns=NAME,...` as for `csv`; the delimiter is always a tab.
///
/// Example: the header `id<TAB>comment` and the row `R-1<TAB>fast, friendly` give
/// `"data":{"id":"R-1","comment":"fast, friendly"}`.
package struct TSVFormat: RecordFormat {
    package static let name = "tsv"
    package static let summary = "tab-separated values: csv with a tab delimiter; the first line is the header"
    package static let extensions = ["tsv", "tab"]
    package static let options = CSVFormat.headerOptions

    private var csv: CSVFormat

    package init(options: FormatOptions) throws(UsageError) {
        csv = try CSVFormat(options.values(for: Self.self), delimiter: 0x09, maxRecordBytes: options.maxRecordBytes)
    }

    package var isInsideRecord: Bool { csv.isInsideRecord }
    package var isDistinctive: Bool { csv.isDistinctive }

    package mutating func decode(
        _ line: UnsafeBufferPointer<UInt8>, at position: LinePosition, into data: inout [UInt8]
    ) -> Decoded {
        csv.decode(line, at: position, into: &data)
    }

    package mutating func finish(into data: inout [UInt8]) -> Decoded? { csv.finish(into: &data) }
}
