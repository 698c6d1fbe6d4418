/// The sections on journeys: the funnel, favourable and unfavourable paths, effort.
enum JourneySections {
    static func writeFunnel(_ model: ReportModel, into html: inout HTMLText) {
        let funnel = model.funnel
        html.markup("<h2 id=\"funnel\">Journey funnel</h2>\n")
        html.markup(
            "<p class=\"note\">Profiles by journey stage reached (any order: channels arrive out of order). A profile goes on from a stage when it also reached the next.</p>\n"
        )
        html.markup(
            BarChart(
                title: "Profiles reaching each journey stage", xTitle: "Profiles", partNames: ["profiles"],
                bars: FunnelStage.allCases.map { .init(label: $0.name, parts: [Double(funnel.reached[$0.rawValue])]) }
            ).svg(id: "chart-funnel"))
        let rows = FunnelStage.allCases.map { stage -> [String] in
            let reached = funnel.reached[stage.rawValue]
            guard stage.rawValue < 3 else { return [stage.name, "\(reached)", "–", "–", "–"] }
            let wentOn = funnel.wentOn[stage.rawValue]
            return [
                stage.name, "\(reached)", "\(wentOn)", "\(reached - wentOn)",
                reached > 0 ? NumberText.percent(Double(reached - wentOn) / Double(reached)) : "–",
            ]
        }
        html.table(
            id: "funnel", caption: "Funnel: profiles per stage and drop-off to the next stage",
            headers: ["stage", "profiles", "went on", "dropped off", "drop-off %"], rows: rows)
        var channelRows: [[String]] = []
        for (index, channel) in FunnelChannels.names.enumerated() {
            for stage in 0..<3 where funnel.reachedOn[index][stage] > 0 {
                let reached = funnel.reachedOn[index][stage]
                let wentOn = funnel.wentOnFrom[index][stage]
                channelRows.append([
                    channel + " " + FunnelStage(rawValue: stage)!.name, "\(reached)", "\(wentOn)",
                    "\(reached - wentOn)", NumberText.percent(Double(reached - wentOn) / Double(reached)),
                ])
            }
        }
        html.table(
            id: "funnel-channels", caption: "Drop-off per channel: profiles that reached a stage on the channel",
            headers: ["channel and stage", "profiles", "went on", "dropped off", "drop-off %"], rows: channelRows)
    }

    static func pathText(_ path: [String]) -> String {
        path.isEmpty ? "(first touchpoint)" : path.joined(separator: " → ")
    }

    static func writePaths(_ model: ReportModel, into html: inout HTMLText) {
        let rows = model.paths.sortedRows
        let segments = Array(Set(rows.map(\.segment))).sorted()
        let shown = 5
        html.markup("<h2 id=\"paths\">Favourable and unfavourable paths per segment</h2>\n")
        html.markup(
            "<p class=\"note\">The last \(PathTable.steps) touchpoints (channel:type) before an outcome. Favourable: a promoter answer, a repeat purchase, a resolved ticket. Unfavourable: a detractor answer, churn risk crossing \(NumberText.fixed(PathOutcome.highChurnRisk, 2)), a repeated contact within 7 days. The favourable rate is favourable outcomes over outcomes after the path.</p>\n"
        )
        for (index, segment) in segments.enumerated() {
            let ofSegment = rows.filter { $0.segment == segment }
            for favourable in [true, false] {
                let ranked = ofSegment.filter { (favourable ? $0.favourable : $0.unfavourable) > 0 }.sorted {
                    let a = favourable ? $0.favourable : $0.unfavourable
                    let b = favourable ? $1.favourable : $1.unfavourable
                    return a != b ? a > b : $0.path.lexicographicallyPrecedes($1.path)
                }.prefix(shown)
                let word = favourable ? "favourable" : "unfavourable"
                html.table(
                    id: "paths-\(index)-\(word)", caption: "Segment \(segment): most common \(word) paths",
                    headers: ["path", "outcomes after it", word, "favourable rate %", "95% CI", "outcomes"],
                    rows: ranked.map { row in
                        [
                            pathText(row.path), ReportPage.sample(row.count, minimum: model.limits.minimumSample),
                            "\(favourable ? row.favourable : row.unfavourable)",
                            NumberText.percent(row.favourableShare),
                            ReportPage.interval(row.favourableInterval, 1, scale: 100),
                            PathOutcome.allCases.filter { row.outcomes[$0.rawValue] > 0 }.map {
                                "\($0.name) \(row.outcomes[$0.rawValue])"
                            }.joined(separator: ", "),
                        ]
                    })
            }
        }
        if segments.isEmpty { html.markup("<p>No outcomes in the input.</p>\n") }
    }

    /// Column headings of the drivers after `repeat_contact`, which has its own columns.
    private static let driverHeaders = [
        "channel_hop": "channel hops", "transfer": "transfers", "abandoned_call": "abandoned calls",
        "repeated_information": "asked again for information",
    ]

    static func writeEffort(_ model: ReportModel, into html: inout HTMLText) {
        let effort = model.effortFigures
        let minimum = model.limits.minimumSample
        let drivers = effort.driverNames
        html.markup("<h2 id=\"effort\">Effort: repeat contacts, channel hops and the other drivers</h2>\n")
        html.markup(
            "<p class=\"note\">The effort drivers as score marked them on each event (score.effort_drivers), on the event's channel. A support contact is a support-stage event other than a ticket's update, or one score marked a repeat contact or a channel hop. Repeat contact: score saw another contact of the customer in the 7 days before it. Channel hop: that contact was on another channel.</p>\n"
        )
        let channels = effort.channels.keys.sorted()
        html.markup(
            BarChart(
                title: "Support contacts per channel: first, repeat", xTitle: "Support contacts",
                partNames: ["first contacts", "repeat contacts"],
                bars: channels.map { name in
                    let figures = effort.channels[name]!
                    return .init(
                        label: name, parts: [Double(figures.contacts - figures.repeats), Double(figures.repeats)])
                }
            ).svg(id: "chart-effort"))
        func row(_ name: String, _ figures: EffortFigures.ChannelEffort) -> [String] {
            [
                name, ReportPage.sample(figures.contacts, minimum: minimum), "\(figures.repeats)",
                NumberText.percent(Double(figures.repeats) / Double(max(figures.contacts, 1))),
                ReportPage.interval(.wilson(successes: figures.repeats, n: figures.contacts), 1, scale: 100),
            ] + drivers.indices.dropFirst().map { "\(figures.count(of: $0))" }
        }
        html.table(
            id: "effort", caption: "Support contacts and the events score marked with each effort driver, per channel",
            headers: ["channel", "contacts", "repeat contacts", "repeat %", "repeat 95% CI"]
                + drivers.dropFirst().map { Self.driverHeaders[$0] ?? String($0.map { $0 == "_" ? " " : $0 }) },
            rows: channels.map { row($0, effort.channels[$0]!) } + [row("all channels", effort.total)])
    }
}
