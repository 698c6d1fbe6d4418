/// An inline SVG line chart over weeks: one line per series, a 95% band, hollow markers on thin samples.
struct LineChart {
    struct Point {
        var value: Double
        var interval: Interval?
        var isThin: Bool
    }

    struct Series {
        var name: String
        var points: [Point?]
    }

    var title: String
    var xTitle: String
    var yTitle: String
    var categories: [String]
    var series: [Series]
    var yRange: (low: Double, high: Double)
    var yDecimals = 0

    static let width = 760.0
    static let height = 280.0
    static let left = 70.0
    static let right = 150.0
    static let top = 20.0
    static let bottom = 60.0

    func svg(id: String) -> String {
        let plotWidth = Self.width - Self.left - Self.right
        let plotHeight = Self.height - Self.top - Self.bottom
        let span = max(yRange.high - yRange.low, 1e-9)
        func x(_ index: Int) -> Double {
            categories.count < 2
                ? Self.left + plotWidth / 2 : Self.left + plotWidth * Double(index) / Double(categories.count - 1)
        }
        func y(_ value: Double) -> Double {
            Self.top + plotHeight * (1 - (min(max(value, yRange.low), yRange.high) - yRange.low) / span)
        }
        func n(_ value: Double) -> String { NumberText.fixed(value, 1) }
        var svg = "<svg role=\"img\" aria-labelledby=\"\(id)-title\" viewBox=\"0 0 \(n(Self.width)) \(n(Self.height))\""
        svg += " width=\"\(n(Self.width))\" height=\"\(n(Self.height))\" xmlns=\"http://www.w3.org/2000/svg\">"
        svg += "<title id=\"\(id)-title\">\(HTMLText.escape(title))</title>"
        // Axes, grid and tick labels.
        for tick in 0...4 {
            let value = yRange.low + span * Double(tick) / 4
            svg += "<line class=\"grid\" x1=\"\(n(Self.left))\" x2=\"\(n(Self.left + plotWidth))\""
            svg += " y1=\"\(n(y(value)))\" y2=\"\(n(y(value)))\"/>"
            svg += "<text class=\"tick\" x=\"\(n(Self.left - 6))\" y=\"\(n(y(value) + 4))\" text-anchor=\"end\">"
            svg += NumberText.fixed(value, yDecimals) + "</text>"
        }
        let labelEvery = max(1, (categories.count + 7) / 8)
        for (index, category) in categories.enumerated() where index % labelEvery == 0 {
            svg += "<text class=\"tick\" x=\"\(n(x(index)))\" y=\"\(n(Self.top + plotHeight + 16))\""
            svg += " text-anchor=\"middle\">\(HTMLText.escape(category))</text>"
        }
        svg += "<line class=\"axis\" x1=\"\(n(Self.left))\" x2=\"\(n(Self.left))\" y1=\"\(n(Self.top))\""
        svg += " y2=\"\(n(Self.top + plotHeight))\"/>"
        svg += "<line class=\"axis\" x1=\"\(n(Self.left))\" x2=\"\(n(Self.left + plotWidth))\""
        svg += " y1=\"\(n(Self.top + plotHeight))\" y2=\"\(n(Self.top + plotHeight))\"/>"
        svg += "<text class=\"axis-title\" x=\"\(n(Self.left + plotWidth / 2))\" y=\"\(n(Self.height - 14))\""
        svg += " text-anchor=\"middle\">\(HTMLText.escape(xTitle))</text>"
        svg += "<text class=\"axis-title\" transform=\"translate(16 \(n(Self.top + plotHeight / 2))) rotate(-90)\""
        svg += " text-anchor=\"middle\">\(HTMLText.escape(yTitle))</text>"
        for (seriesIndex, line) in series.enumerated() {
            let colour = ChartPalette.colour(seriesIndex)
            // The band: upper edge left to right, lower edge back, per run of points that have an interval.
            var runs: [[(Int, Interval)]] = [[]]
            for (index, point) in line.points.enumerated() {
                if let interval = point?.interval {
                    runs[runs.count - 1].append((index, interval))
                } else {
                    runs.append([])
                }
            }
            for run in runs where run.count > 1 {
                let upper = run.map { "\(n(x($0.0))),\(n(y($0.1.high)))" }
                let lower = run.reversed().map { "\(n(x($0.0))),\(n(y($0.1.low)))" }
                svg +=
                    "<polygon class=\"band\" fill=\"\(colour)\" points=\"\((upper + lower).joined(separator: " "))\"/>"
            }
            var segments: [[String]] = [[]]
            for (index, point) in line.points.enumerated() {
                if let point {
                    segments[segments.count - 1].append("\(n(x(index))),\(n(y(point.value)))")
                } else {
                    segments.append([])
                }
            }
            for segment in segments where segment.count > 1 {
                svg += "<polyline class=\"line\" stroke=\"\(colour)\" points=\"\(segment.joined(separator: " "))\"/>"
            }
            for (index, point) in line.points.enumerated() {
                guard let point else { continue }
                svg += "<circle cx=\"\(n(x(index)))\" cy=\"\(n(y(point.value)))\" r=\"4\" stroke=\"\(colour)\""
                svg += " fill=\"\(point.isThin ? "#ffffff" : colour)\"/>"
            }
            let legendY = Self.top + 14 + Double(seriesIndex) * 18
            svg += "<rect x=\"\(n(Self.width - Self.right + 14))\" y=\"\(n(legendY - 9))\" width=\"12\" height=\"12\""
            svg += " fill=\"\(colour)\"/><text class=\"tick\" x=\"\(n(Self.width - Self.right + 32))\""
            svg += " y=\"\(n(legendY + 2))\">\(HTMLText.escape(line.name))</text>"
        }
        return svg + "</svg>\n"
    }
}
