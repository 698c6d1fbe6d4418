/// Numbers as the page prints them: fixed decimals, a real minus sign never, and the same digits on every run.
enum NumberText {
    /// `value` rounded half away from zero to `places` decimals, written with a `.`; "−0" is written "0".
    static func fixed(_ value: Double, _ places: Int) -> String {
        guard value.isFinite else { return "–" }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = Int64((abs(value) * scale).rounded(.toNearestOrAwayFromZero))
        var digits = String(scaled)
        if places > 0 {
            if digits.count <= places { digits = String(repeating: "0", count: places - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -places))
        }
        return value < 0 && scaled != 0 ? "-" + digits : digits
    }

    /// A share in 0…1 as a percentage with one decimal.
    static func percent(_ share: Double) -> String { fixed(share * 100, 1) }
}
