/// Alerts by owner and rule, and the oldest waiting: what is waiting for each department.
enum AlertSection {
    static func write(_ alerts: AlertQueues, into html: inout HTMLText) {
        html.markup("<h2 id=\"alerts\">Alerts by owner and rule</h2>\n")
        let owners = alerts.counts.keys.sorted()
        html.markup(
            BarChart(
                title: "Alerts per owner", xTitle: "Alerts", partNames: ["alerts"],
                bars: owners.map { .init(label: $0, parts: [Double(alerts.counts[$0]!.values.reduce(0, +))]) }
            ).svg(id: "chart-alerts"))
        var rows: [[String]] = []
        for owner in owners {
            for (rule, count) in alerts.counts[owner]!.sorted(by: { $0.key < $1.key }) {
                rows.append([owner + " " + rule, "\(count)"])
            }
        }
        html.table(
            id: "alerts", caption: "Alerts per owner and rule", headers: ["owner and rule", "alerts"], rows: rows)
        html.table(
            id: "oldest-alerts",
            caption: "The oldest alerts (the stream does not say when one is handled: all count as open)",
            headers: ["raised (event time)", "owner", "rule", "severity", "summary", "id"],
            rows: alerts.oldest.map { ["\($0.time)", $0.owner, $0.rule, $0.severity, $0.summary, $0.id] })
    }
}

/// `--customer`: the single customer view.
enum CustomerSection {
    static func write(_ timeline: CustomerTimeline, into html: inout HTMLText) {
        html.markup("<h2 id=\"customer\">Customer ")
        html.text(timeline.customer)
        html.markup("</h2>\n")
        if timeline.profiles.count > 1 {
            html.markup("<p class=\"note\">")
            html.text("Merged profiles: " + timeline.profiles.sorted().joined(separator: ", "))
            html.markup("</p>\n")
        }
        html.table(
            id: "customer-state", caption: "State after the newest event", headers: ["figure", "value"],
            rows: timeline.state.map { [$0.key, $0.value] })
        if timeline.dropped > 0 {
            html.markup("<p class=\"note\">\(timeline.dropped) older entries are not shown.</p>\n")
        }
        html.table(
            id: "customer-timeline", caption: "Timeline (event time, UTC)",
            headers: ["time", "what", "channel or owner", "stage or severity", "detail", "id"],
            rows: timeline.entries.map { ["\($0.time)", $0.what, $0.channel, $0.stage, $0.detail, $0.id] })
    }
}
