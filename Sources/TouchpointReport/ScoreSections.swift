/// The sections on answers and sentiment: weekly NPS, CSAT and CES, sentiment by channel, expectations.
enum ScoreSections {
    static let weekAxis = "Week starting (Monday, UTC)"

    static func writeWeekly(_ model: ReportModel, into html: inout HTMLText) {
        let weeks = model.weeks
        let minimum = model.limits.minimumSample
        let scores = weeks.map { model.weekScores[$0] ?? WeekScores() }
        html.markup("<h2 id=\"scores\">NPS, CSAT and CES per week</h2>\n")
        let labels = weeks.map(\.label)
        let nps = scores.map { week in
            week.nps.map { LineChart.Point(value: $0, interval: week.npsInterval, isThin: week.npsAnswers < minimum) }
        }
        html.markup(
            LineChart(
                title: "NPS per week with 95% interval", xTitle: weekAxis, yTitle: "NPS (−100 to 100)",
                categories: labels, series: [.init(name: "NPS", points: nps)], yRange: (-100, 100)
            ).svg(id: "chart-nps"))
        let csat = scores.map { week in
            week.csatShare.map {
                LineChart.Point(
                    value: $0 * 100,
                    interval: week.csatInterval.map { Interval(low: $0.low * 100, high: $0.high * 100) },
                    isThin: week.csatAnswers < minimum)
            }
        }
        html.markup(
            LineChart(
                title: "CSAT per week with 95% interval", xTitle: weekAxis, yTitle: "CSAT satisfied (%)",
                categories: labels, series: [.init(name: "CSAT %", points: csat)], yRange: (0, 100)
            ).svg(id: "chart-csat"))
        let ces = scores.map { week in
            week.ces.value.map { LineChart.Point(value: $0, interval: week.ces.interval, isThin: week.ces.n < minimum) }
        }
        html.markup(
            LineChart(
                title: "Mean CES per week with 95% interval", xTitle: weekAxis,
                yTitle: "Mean CES (1 to 7, higher is easier)",
                categories: labels, series: [.init(name: "CES", points: ces)], yRange: (1, 7), yDecimals: 1
            ).svg(id: "chart-ces"))
        html.markup("<p class=\"note\">Hollow markers: fewer than \(minimum) answers (thin).</p>\n")
        let rows = zip(weeks, scores).map { week, figures -> [String] in
            [
                week.label, ReportPage.figure(figures.nps, 1), ReportPage.interval(figures.npsInterval, 1),
                ReportPage.sample(figures.npsAnswers, minimum: minimum),
                ReportPage.figure(figures.csatShare.map { $0 * 100 }, 1),
                ReportPage.interval(figures.csatInterval, 1, scale: 100),
                ReportPage.sample(figures.csatAnswers, minimum: minimum), ReportPage.figure(figures.ces.value, 2),
                ReportPage.interval(figures.ces.interval?.clamped(to: 1...7), 2),
                ReportPage.sample(figures.ces.n, minimum: minimum),
            ]
        }
        html.table(
            id: "weekly-scores", caption: "NPS, CSAT and CES per week",
            headers: [
                "week", "NPS", "NPS 95% CI", "NPS n", "CSAT %", "CSAT 95% CI", "CSAT n", "mean CES", "CES 95% CI",
                "CES n",
            ], rows: rows)
    }

    static func writeSentiment(_ model: ReportModel, into html: inout HTMLText) {
        let weeks = model.weeks
        let minimum = model.limits.minimumSample
        let byChannel = model.channelWeeks.filter { $0.value.values.contains { $0.sentiment.n > 0 } }
        let channels = byChannel.keys.sorted()
        html.markup("<h2 id=\"sentiment\">Sentiment by channel per week</h2>\n")
        let series = channels.map { channel in
            LineChart.Series(
                name: channel,
                points: weeks.map { week in
                    byChannel[channel]?[week].flatMap { figures in
                        figures.sentiment.value.map {
                            LineChart.Point(value: $0, interval: nil, isThin: figures.sentiment.n < minimum)
                        }
                    }
                })
        }
        html.markup(
            LineChart(
                title: "Mean text sentiment per channel and week", xTitle: weekAxis,
                yTitle: "Mean sentiment (−1 to 1)", categories: weeks.map(\.label), series: series, yRange: (-1, 1),
                yDecimals: 1
            ).svg(id: "chart-sentiment"))
        var rows: [[String]] = []
        for channel in model.channelWeeks.keys.sorted() {
            for week in weeks {
                guard let figures = model.channelWeeks[channel]?[week] else { continue }
                var flags: [String] = []
                if figures.anomaliesBelow > 0 { flags.append("\(figures.anomaliesBelow) below baseline") }
                if figures.anomaliesAbove > 0 { flags.append("\(figures.anomaliesAbove) above baseline") }
                rows.append([
                    channel + " " + week.label, ReportPage.figure(figures.sentiment.value, 2),
                    ReportPage.interval(figures.sentiment.interval?.clamped(to: -1...1), 2),
                    ReportPage.sample(figures.sentiment.n, minimum: minimum),
                    flags.isEmpty ? "–" : flags.joined(separator: ", "),
                ])
            }
        }
        html.markup(
            "<p class=\"note\">Anomalies: windows of score's channel aggregates whose sentiment departed from its baseline.</p>\n"
        )
        html.table(
            id: "channel-sentiment", caption: "Sentiment by channel and week",
            headers: ["channel and week", "mean sentiment", "95% CI", "n", "anomalous windows"], rows: rows)
    }

    static func writeExpectations(_ model: ReportModel, into html: inout HTMLText) {
        let measures = model.expectationCounts.keys.sorted()
        let minimum = model.limits.minimumSample
        html.markup("<h2 id=\"expectations\">Expectation versus performance</h2>\n")
        let bars = measures.map { name -> BarChart.Bar in
            let counts = model.expectationCounts[name]!
            let n = Double(max(counts.n, 1))
            return BarChart.Bar(
                label: name,
                parts: [
                    Double(counts.exceeded) / n * 100, Double(counts.met) / n * 100, Double(counts.missed) / n * 100,
                ])
        }
        html.markup(
            BarChart(
                title: "Share of events exceeding, meeting and missing each expectation",
                xTitle: "Share of measured events (%)", partNames: ["exceeded", "met", "missed"], bars: bars,
                maximum: 100
            ).svg(id: "chart-expectations"))
        let rows = measures.map { name -> [String] in
            let counts = model.expectationCounts[name]!
            func share(_ count: Int) -> String { NumberText.percent(Double(count) / Double(max(counts.n, 1))) }
            return [
                name, share(counts.exceeded), share(counts.met), share(counts.missed),
                ReportPage.interval(.wilson(successes: counts.missed, n: counts.n), 1, scale: 100),
                ReportPage.sample(counts.n, minimum: minimum),
            ]
        }
        html.table(
            id: "expectations", caption: "Expectation outcomes per measure",
            headers: ["measure", "exceeded %", "met %", "missed %", "missed 95% CI", "n"], rows: rows)
    }
}
