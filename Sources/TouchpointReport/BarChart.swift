/// An inline SVG chart of horizontal bars, each split into coloured parts (one part: a plain bar chart).
struct BarChart {
    struct Bar {
        var label: String
        var parts: [Double]
    }

    var title: String
    var xTitle: String
    var partNames: [String]
    var bars: [Bar]
    /// The x axis's end; the largest bar when nil.
    var maximum: Double?
    var decimals = 0

    static let width = 760.0
    static let left = 200.0
    static let right = 40.0
    static let rowHeight = 24.0

    func svg(id: String) -> String {
        let legendHeight = partNames.count > 1 ? 24.0 : 0
        let height = 20 + legendHeight + Double(max(bars.count, 1)) * Self.rowHeight + 56
        let plotWidth = Self.width - Self.left - Self.right
        let top = 20 + legendHeight
        let plotBottom = top + Double(max(bars.count, 1)) * Self.rowHeight
        // Whole-number ticks: the axis ends at the next multiple of its four steps.
        let largest = maximum ?? (max(bars.map { $0.parts.reduce(0, +) }.max() ?? 1, 1) / 4).rounded(.up) * 4
        func n(_ value: Double) -> String { NumberText.fixed(value, 1) }
        func x(_ value: Double) -> Double { Self.left + plotWidth * min(value, largest) / largest }
        var svg = "<svg role=\"img\" aria-labelledby=\"\(id)-title\" viewBox=\"0 0 \(n(Self.width)) \(n(height))\""
        svg += " width=\"\(n(Self.width))\" height=\"\(n(height))\" xmlns=\"http://www.w3.org/2000/svg\">"
        svg += "<title id=\"\(id)-title\">\(HTMLText.escape(title))</title>"
        if partNames.count > 1 {
            for (index, name) in partNames.enumerated() {
                let legendX = Self.left + Double(index) * 150
                svg +=
                    "<rect x=\"\(n(legendX))\" y=\"6\" width=\"12\" height=\"12\" fill=\"\(ChartPalette.colour(index))\"/>"
                svg += "<text class=\"tick\" x=\"\(n(legendX + 18))\" y=\"16\">\(HTMLText.escape(name))</text>"
            }
        }
        for tick in 0...4 {
            let value = largest * Double(tick) / 4
            svg += "<line class=\"grid\" x1=\"\(n(x(value)))\" x2=\"\(n(x(value)))\" y1=\"\(n(top))\""
            svg += " y2=\"\(n(plotBottom))\"/><text class=\"tick\" x=\"\(n(x(value)))\" y=\"\(n(plotBottom + 16))\""
            svg += " text-anchor=\"middle\">\(NumberText.fixed(value, decimals))</text>"
        }
        for (row, bar) in bars.enumerated() {
            let barY = top + Double(row) * Self.rowHeight + 4
            svg += "<text class=\"tick\" x=\"\(n(Self.left - 8))\" y=\"\(n(barY + 12))\" text-anchor=\"end\">"
            svg += HTMLText.escape(bar.label) + "</text>"
            var start = 0.0
            for (index, part) in bar.parts.enumerated() where part > 0 {
                svg += "<rect x=\"\(n(x(start)))\" y=\"\(n(barY))\" width=\"\(n(x(start + part) - x(start)))\""
                svg += " height=\"\(n(Self.rowHeight - 8))\" fill=\"\(ChartPalette.colour(index))\"/>"
                start += part
            }
        }
        svg += "<line class=\"axis\" x1=\"\(n(Self.left))\" x2=\"\(n(Self.left))\" y1=\"\(n(top))\""
        svg += " y2=\"\(n(plotBottom))\"/>"
        svg += "<text class=\"axis-title\" x=\"\(n(Self.left + plotWidth / 2))\" y=\"\(n(plotBottom + 40))\""
        svg += " text-anchor=\"middle\">\(HTMLText.escape(xTitle))</text>"
        return svg + "</svg>\n"
    }
}
