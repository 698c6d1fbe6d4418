/// An HTML document being written: text is escaped on the way in, markup is not.
struct HTMLText {
    private(set) var bytes: [UInt8] = []

    mutating func markup(_ text: String) { bytes.append(contentsOf: text.utf8) }

    mutating func text(_ text: String) { bytes.append(contentsOf: Self.escape(text).utf8) }

    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }

    /// A table with a caption, a header row and rows whose first cell heads the row; `id` is what tests read.
    mutating func table(id: String, caption: String, headers: [String], rows: [[String]]) {
        markup("<table id=\"\(id)\">\n<caption>")
        text(caption)
        markup("</caption>\n<thead><tr>")
        for header in headers {
            markup("<th scope=\"col\">")
            text(header)
            markup("</th>")
        }
        markup("</tr></thead>\n<tbody>\n")
        for row in rows {
            markup("<tr>")
            for (index, cell) in row.enumerated() {
                markup(index == 0 ? "<th scope=\"row\">" : "<td>")
                text(cell)
                markup(index == 0 ? "</th>" : "</td>")
            }
            markup("</tr>\n")
        }
        if rows.isEmpty { markup("<tr><td colspan=\"\(headers.count)\">no data</td></tr>\n") }
        markup("</tbody>\n</table>\n")
    }
}
