/// A stage's closing `counts:` note, read back from its stderr: `normalize: note: counts: in=120 out=118 …`.
///
/// The format is `StageCounters.summary` (Core): `key=value` pairs, then optionally the dead-letter reasons in
/// parentheses. Unknown keys are kept, so a stage may add figures without breaking the reader.
package struct StageCountLine: Equatable, Sendable {
    /// The figures in the order written: `in`, `out`, `dead_lettered`, `filtered`, `written`, …
    package var figures: [(key: String, value: Int)]
    /// The dead-letter reasons in the order written: `invalid_json`, …
    package var deadLetterReasons: [(reason: String, count: Int)]

    /// Parses `line` if it is `stage`'s count note (or, with `marker: "status"`, its status line); nil for any
    /// other line.
    package init?(_ line: String, stage: String, marker kind: String = "note: counts") {
        let marker = "\(stage): \(kind): "
        guard line.hasPrefix(marker) else { return nil }
        var figures: [(key: String, value: Int)] = []
        var reasons: [(reason: String, count: Int)] = []
        var isInReasons = false
        for token in line.dropFirst(marker.count).split(separator: " ") {
            var text = Substring(token)
            if text.hasPrefix("(") {
                isInReasons = true
                text = text.dropFirst()
            }
            let closesReasons = text.hasSuffix(")")
            if closesReasons { text = text.dropLast() }
            let parts = text.split(separator: "=", maxSplits: 1)
            if parts.count == 2, let value = Int(parts[1]) {
                if isInReasons {
                    reasons.append((String(parts[0]), value))
                } else {
                    figures.append((String(parts[0]), value))
                }
            }
            if closesReasons { isInReasons = false }
        }
        self.figures = figures
        deadLetterReasons = reasons
    }

    /// The figure named `key`, if the line has it.
    package subscript(key: String) -> Int? { figures.last { $0.key == key }?.value }

    package static func == (lhs: StageCountLine, rhs: StageCountLine) -> Bool {
        lhs.figures.elementsEqual(rhs.figures) { $0 == $1 }
            && lhs.deadLetterReasons.elementsEqual(rhs.deadLetterReasons) { $0 == $1 }
    }
}
