/// The tables of a report page, read back as text cells: what the tests compare with their own computation.
enum HTMLTables {
    /// Rows of the table with `id`, header row first, each cell's text with tags removed and entities decoded.
    static func rows(_ html: String, id: String) -> [[String]]? {
        guard let start = html.range(of: "<table id=\"\(id)\">"),
            let end = html.range(of: "</table>", range: start.upperBound..<html.endIndex)
        else { return nil }
        let body = html[start.upperBound..<end.lowerBound]
        return body.components(separatedBy: "<tr>").dropFirst().map { row in
            row.components(separatedBy: "</t").dropLast().compactMap { cell -> String? in
                guard let open = cell.range(of: "<t", options: .backwards),
                    let close = cell.range(of: ">", range: open.upperBound..<cell.endIndex)
                else { return nil }
                return decode(String(cell[close.upperBound...]))
            }
        }
    }

    /// Data rows by their first cell.
    static func byLabel(_ html: String, id: String) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for row in (rows(html, id: id) ?? []).dropFirst() where !row.isEmpty { result[row[0]] = Array(row.dropFirst()) }
        return result
    }

    static func decode(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// The number a cell starts with ("12 (thin)" is 12).
    static func number(_ cell: String?) -> Double? {
        cell.flatMap { Double($0.split(separator: " ").first.map(String.init) ?? "") }
    }
}
