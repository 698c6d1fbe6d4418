/// Two aligned columns, as every `--help` and `--help-…` listing prints them: one builder, so they all look alike.
package enum HelpTable {
    /// One line per row: `indent` spaces, the label padded to `labelWidth` (default: the widest label) plus two
    /// spaces, the text. Tables printed in pieces (a row, then its sub-rows) share one width by passing it.
    package static func render(_ rows: [(label: String, text: String)], indent: Int = 0, labelWidth: Int? = nil)
        -> String
    {
        let width = (labelWidth ?? rows.map(\.label.count).max() ?? 0) + 2
        var text = ""
        for row in rows {
            text += String(repeating: " ", count: indent) + row.label
            text += String(repeating: " ", count: width - row.label.count) + row.text + "\n"
        }
        return text
    }
}
