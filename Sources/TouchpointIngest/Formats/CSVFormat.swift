import Glibc
import TouchpointCore
import TouchpointJSON

/// Comma-separated values as in RFC 4180, with a header line.
///
/// The first non-blank line of each file is the header; it names the columns and is not a record. Every later row
/// becomes an object mapping each header name to that row's field, in header order, all values strings (an empty
/// field is `""`). Fields are separated by `,`; a field that starts with `"` is quoted: it may contain commas, line
/// breaks and doubled quotes (`""` stands for one `"`), and ends at a lone `"`, which must be followed by `,` or
/// the end of the line. A quote inside an unquoted field is kept literally. A record whose quoted field spans
/// several physical lines keeps `\n` for each line break (a CRLF inside a field becomes `\n` too) and carries the
/// line and offset of its first line. A UTF-8 byte order mark at the start of the file is dropped; CRLF line ends
/// are accepted.
///
/// Dead letters, reason `malformed_input`: a row with a different number of fields than the header, text after
/// a closing quote, a quoted field still open at the end of the file. `invalid_utf8`: a field that is not UTF-8.
/// `line_too_long`: a record spanning lines grows past `--max-line-bytes` (usually a stray quote; what follows is
/// read as new rows). Header names are used as they are; an empty name becomes `column_<n>` (1-based) and a repeated
/// name gets `_2`, `_3`, … so every key is distinct.
///
/// Options: `delimiter=CHAR` separates fields instead of `,` (one ASCII character other than `"`, or `tab`);
/// `header=false` says the file has no header line, so every line is a row: its columns are named by
/// `columns=NAME,...` (and a row must have that many fields), or, without `columns`, `column_1`, `column_2`, … by
/// position, for rows of any width. `columns` without `header=false` is a usage error: a header line would be
/// silently thrown away.
///
/// Example: the header `id,comment` and the row `R-1,"Great, ""fast"" service"` give
/// `"data":{"id":"R-1","comment":"Great, \"fast\" service"}`.
package struct CSVFormat: RecordFormat {
    package static let name = "csv"
    package static let summary =
        "RFC 4180 comma-separated values; the first line is the header; data maps header to field"
    package static let extensions = ["csv"]
    package static let options =
        [
            FormatOption("delimiter", value: "CHAR", help: "field separator: one ASCII character, or tab (default ,)")
        ] + headerOptions
    /// The options of every delimiter-separated format; `tsv` takes these and fixes the delimiter.
    static let headerOptions = [
        FormatOption("header", value: "true|false", help: "whether the first line names the columns (default true)"),
        FormatOption("columns", value: "NAME,...", help: "column names when header=false (default column_1, ...)"),
    ]

    private static let quote = UInt8(ascii: "\"")

    private let maxRecordBytes: Int
    /// The byte between fields: `,` unless the `delimiter` option says otherwise.
    private let delimiter: UInt8
    /// Whether the first line is a header; when it is not and no `columns` were given, keys are positional.
    private let hasHeader: Bool
    /// Each column's key, already written as a JSON string with its colon (`"name":`), back to back; nil until the
    /// header has been read.
    private var encodedKeys: [UInt8]?
    /// Where each column's encoded key ends in `encodedKeys`.
    private var encodedKeyEnds: [Int] = []
    /// Keys are `column_<n>` by position and a row may have any number of fields (`header=false`, no `columns`).
    private let isPositional: Bool
    /// The record's physical lines as read (joined by `\n`), unescaped in place: quoted fields are compacted
    /// towards their start, so a field is a range of this buffer and an unquoted field is never copied again.
    private var recordBytes: [UInt8] = []
    /// Each completed field's range in `recordBytes`.
    private var fieldStarts: [Int] = []
    private var fieldEnds: [Int] = []
    /// The last line ended inside a quoted field.
    private var isInQuotes = false
    /// While in quotes: where the open field's content starts, and how far its unescaped content reaches.
    private var openFieldStart = 0
    private var openFieldEnd = 0

    package init(options: FormatOptions) throws(UsageError) {
        let values = try options.values(for: Self.self)
        let delimiter: UInt8
        switch values.string("delimiter") {
        case nil: delimiter = UInt8(ascii: ",")
        case "tab", "\\t", "\t": delimiter = 0x09
        case let text?:
            let bytes = Array(text.utf8)
            guard bytes.count == 1, bytes[0] < 0x80, ![CSVFormat.quote, 0x0A, 0x0D].contains(bytes[0]) else {
                throw values.problem("delimiter", "\"\(text)\" is not one ASCII character (other than a quote) or tab")
            }
            delimiter = bytes[0]
        }
        try self.init(values, delimiter: delimiter, maxRecordBytes: options.maxRecordBytes)
    }

    /// A CSV decoder with the given delimiter that reads the header options from `values` (checked by the caller
    /// against its own format's option list): `tsv` is this with a tab.
    init(_ values: FormatOptionValues, delimiter: UInt8, maxRecordBytes: Int) throws(UsageError) {
        self.delimiter = delimiter
        self.maxRecordBytes = maxRecordBytes
        hasHeader = try values.boolean("header", default: true)
        let columns = values.list("columns")
        if let columns {
            guard !hasHeader else { throw values.problem("columns", "needs header=false (the header names them)") }
            (encodedKeys, encodedKeyEnds) = CSVFormat.keys(fromNames: columns)
        }
        isPositional = !hasHeader && columns == nil
        if isPositional { encodedKeys = [] }
        recordBytes.reserveCapacity(4096)
        fieldStarts.reserveCapacity(64)
        fieldEnds.reserveCapacity(64)
    }

    package var isInsideRecord: Bool { isInQuotes }

    package var isAwaitingHeader: Bool { encodedKeys == nil }

    package mutating func decode(
        _ line: UnsafeBufferPointer<UInt8>, at position: LinePosition, into data: inout [UInt8]
    ) -> Decoded {
        if let problem = split(line) { return problem }
        if isInQuotes { return .incomplete }
        if encodedKeys == nil {
            let names = zip(fieldStarts, fieldEnds).map { String(decoding: recordBytes[$0..<$1], as: UTF8.self) }
            (encodedKeys, encodedKeyEnds) = CSVFormat.keys(fromNames: names)
            return .skip
        }
        if isPositional {
            if encodedKeyEnds.count < fieldEnds.count { extendPositionalKeys(to: fieldEnds.count) }
        } else if fieldEnds.count != encodedKeyEnds.count {
            let names = hasHeader ? "the header has" : "columns names"
            return .invalid(.malformedInput, "row has \(fieldEnds.count) fields; \(names) \(encodedKeyEnds.count)")
        }
        let encodedKeys = self.encodedKeys ?? []
        return recordBytes.withUnsafeBufferPointer { record -> Decoded in
            // Unescaping removed only ASCII quotes, so the raw bytes are valid exactly when the fields are.
            if let invalidOffset = UTF8Validation.firstInvalidOffset(record) {
                let field = fieldStarts.lastIndex { $0 <= invalidOffset } ?? 0
                return .invalid(.invalidUTF8, "field \(field + 1) is not valid UTF-8")
            }
            encodedKeys.withUnsafeBufferPointer { keys in
                data.append(UInt8(ascii: "{"))
                var keyStart = 0
                for column in 0..<fieldEnds.count {
                    if column > 0 { data.append(UInt8(ascii: ",")) }
                    let keyEnd = encodedKeyEnds[column]
                    data.append(contentsOf: UnsafeBufferPointer(rebasing: keys[keyStart..<keyEnd]))
                    let field = UnsafeBufferPointer(rebasing: record[fieldStarts[column]..<fieldEnds[column]])
                    JSONEscapes.appendQuoted(bytes: field, to: &data)
                    keyStart = keyEnd
                }
                data.append(UInt8(ascii: "}"))
            }
            return .record
        }
    }

    package mutating func finish(into data: inout [UInt8]) -> Decoded? {
        guard isInQuotes else { return nil }
        isInQuotes = false
        return .invalid(.malformedInput, "quoted field not closed")
    }

    // MARK: - Splitting

    /// Splits one physical line into fields, continuing an open quoted field from the previous line. Leaves
    /// `isInQuotes` set when the line ends inside quotes; returns a dead-letter outcome on bad syntax.
    private mutating func split(_ line: UnsafeBufferPointer<UInt8>) -> Decoded? {
        var isQuoted = isInQuotes
        var index: Int
        if isInQuotes {
            index = recordBytes.count
            recordBytes.append(0x0A)
        } else {
            recordBytes.removeAll(keepingCapacity: true)
            fieldStarts.removeAll(keepingCapacity: true)
            fieldEnds.removeAll(keepingCapacity: true)
            index = 0
        }
        recordBytes.append(contentsOf: line)
        isInQuotes = false
        let count = recordBytes.count
        return recordBytes.withUnsafeMutableBufferPointer { bytes -> Decoded? in
            while true {
                if !isQuoted {
                    if index < count && bytes[index] == CSVFormat.quote {
                        isQuoted = true
                        index += 1
                        openFieldStart = index
                        openFieldEnd = index
                    } else {
                        let separator = CSVFormat.find(delimiter, in: bytes, from: index, to: count)
                        fieldStarts.append(index)
                        fieldEnds.append(separator ?? count)
                        guard let separator else { return nil }
                        index = separator + 1
                        continue
                    }
                }
                // Inside quotes: move each run up to a quote down to `openFieldEnd`; `""` stands for one quote.
                while true {
                    let closing = CSVFormat.find(CSVFormat.quote, in: bytes, from: index, to: count)
                    let runEnd = closing ?? count
                    if openFieldEnd != index, runEnd > index {
                        memmove(bytes.baseAddress! + openFieldEnd, bytes.baseAddress! + index, runEnd - index)
                    }
                    openFieldEnd += runEnd - index
                    guard let closing else {
                        guard count <= maxRecordBytes else {
                            return .invalid(
                                .lineTooLong, "record spanning lines is over the limit of \(maxRecordBytes) bytes")
                        }
                        isInQuotes = true
                        return nil
                    }
                    index = closing + 1
                    guard index < count && bytes[index] == CSVFormat.quote else { break }
                    bytes[openFieldEnd] = CSVFormat.quote
                    openFieldEnd += 1
                    index += 1
                }
                isQuoted = false
                fieldStarts.append(openFieldStart)
                fieldEnds.append(openFieldEnd)
                if index == count { return nil }
                guard bytes[index] == delimiter else {
                    return .invalid(.malformedInput, "field \(fieldEnds.count): text after the closing quote")
                }
                index += 1
            }
        }
    }

    @inline(__always)
    private static func find(
        _ byte: UInt8, in bytes: UnsafeMutableBufferPointer<UInt8>, from index: Int, to end: Int
    ) -> Int? {
        guard index < end, let base = bytes.baseAddress else { return nil }
        guard let found = memchr(base + index, Int32(byte), end - index) else { return nil }
        return UnsafeMutableRawPointer(base).distance(to: found)
    }

    /// JSON keys for the header's (or `columns`') names: empty names become `column_<n>`, repeats get `_2`, `_3`, …
    private static func keys(fromNames given: [String]) -> (keys: [UInt8], ends: [Int]) {
        var names: [String] = []
        for (column, given) in given.enumerated() {
            var name = given.isEmpty ? "column_\(column + 1)" : given
            if names.contains(name) {
                var suffix = 2
                while names.contains("\(name)_\(suffix)") { suffix += 1 }
                name = "\(name)_\(suffix)"
            }
            names.append(name)
        }
        var keys: [UInt8] = []
        var keyEnds: [Int] = []
        for name in names {
            JSONEscapes.appendQuoted(name, to: &keys)
            keys.append(UInt8(ascii: ":"))
            keyEnds.append(keys.count)
        }
        return (keys, keyEnds)
    }

    /// Adds `column_<n>` keys up to `count` columns (positional keys, `header=false` without `columns`); a file's
    /// widest row sets how many there are, so this runs a handful of times per file, not per row.
    private mutating func extendPositionalKeys(to count: Int) {
        var keys = encodedKeys ?? []
        for column in encodedKeyEnds.count..<count {
            JSONEscapes.appendQuoted("column_\(column + 1)", to: &keys)
            keys.append(UInt8(ascii: ":"))
            encodedKeyEnds.append(keys.count)
        }
        encodedKeys = keys
    }

    package var isDistinctive: Bool { encodedKeyEnds.count >= 2 }
}
