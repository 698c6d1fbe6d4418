/// A strict RFC 4180 reader for the tests: quoted fields may hold commas, doubled quotes and line breaks; a quote
/// inside an unquoted field, or text after a closing quote, is an error. Independent of the generator's writer.
enum CSVReader {
    struct MalformedCSV: Error, CustomStringConvertible {
        let line: Int
        let problem: String
        var description: String { "line \(line): \(problem)" }
    }

    /// The rows of `text` (header included), each a list of fields.
    static func rows(_ text: String) throws -> [[String]] {
        let bytes = Array(text.utf8)
        var rows: [[String]] = []
        var row: [String] = []
        var field: [UInt8] = []
        var index = 0
        var line = 1
        var atFieldStart = true
        func endField() {
            row.append(String(decoding: field, as: UTF8.self))
            field.removeAll()
        }
        while index < bytes.count {
            let byte = bytes[index]
            if atFieldStart && byte == UInt8(ascii: "\"") {
                index += 1
                var closed = false
                while index < bytes.count {
                    if bytes[index] == UInt8(ascii: "\"") {
                        if index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\"") {
                            field.append(UInt8(ascii: "\""))
                            index += 2
                            continue
                        }
                        closed = true
                        index += 1
                        break
                    }
                    if bytes[index] == 0x0A { line += 1 }
                    field.append(bytes[index])
                    index += 1
                }
                guard closed else { throw MalformedCSV(line: line, problem: "unterminated quoted field") }
                guard index == bytes.count || bytes[index] == UInt8(ascii: ",") || bytes[index] == 0x0A else {
                    throw MalformedCSV(line: line, problem: "text after a closing quote")
                }
                atFieldStart = false
                continue
            }
            switch byte {
            case UInt8(ascii: ","):
                endField()
                atFieldStart = true
            case 0x0A:
                endField()
                rows.append(row)
                row = []
                line += 1
                atFieldStart = true
            case UInt8(ascii: "\""):
                throw MalformedCSV(line: line, problem: "quote inside an unquoted field")
            default:
                field.append(byte)
                atFieldStart = false
            }
            index += 1
        }
        if !row.isEmpty || !field.isEmpty {
            throw MalformedCSV(line: line, problem: "last record not terminated by a line break")
        }
        return rows
    }
}
