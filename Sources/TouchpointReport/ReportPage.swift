import TouchpointCore

/// The report as one self-contained HTML page: inline CSS and SVG, no script, no network, no clock.
///
/// Every chart has a table with the same numbers under it; the tests read those tables back.
package struct ReportPage {
    let model: ReportModel

    package init(model: ReportModel) { self.model = model }

    static let style = """
        body{font-family:system-ui,sans-serif;margin:2em auto;max-width:60em;color:#111;line-height:1.4}
        h1{font-size:1.6em}h2{margin-top:2em;border-bottom:1px solid #999}
        table{border-collapse:collapse;margin:0.5em 0 1.5em;font-size:0.9em}
        th,td{border:1px solid #bbb;padding:0.2em 0.5em;text-align:right}th[scope=row]{text-align:left}
        caption{text-align:left;font-weight:bold;padding:0.3em 0}
        .thin{color:#D55E00}.note{font-size:0.9em;color:#333}
        svg .grid{stroke:#ddd}svg .axis{stroke:#333}svg .tick{font-size:11px}svg .axis-title{font-size:12px}
        svg .band{opacity:0.18}svg .line{fill:none;stroke-width:2}
        """

    package func render() -> [UInt8] {
        var html = HTMLText()
        html.markup("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        html.markup("<title>Touchpoint report</title>\n<style>\n\(Self.style)\n</style>\n</head>\n<body>\n")
        html.markup("<h1>Touchpoint report</h1>\n<p class=\"note\">")
        if let first = model.firstTime, let last = model.lastTime {
            html.text("Events from \(first) to \(last) (event time, UTC). ")
        }
        html.text(
            "\(model.events) events, \(model.profilesFollowed) profiles followed, \(model.alerts.total) alerts. "
                + "Figures from fewer than \(model.limits.minimumSample) answers are marked thin; intervals are 95%.")
        if model.eventsNotFollowed > 0 {
            html.text(
                " \(model.eventsNotFollowed) events of profiles past the bound of \(model.limits.profiles) were not followed in the funnel and the churn-risk crossings."
            )
        }
        if model.unreadableLines > 0 { html.text(" \(model.unreadableLines) lines were not records and were skipped.") }
        html.markup("</p>\n")
        if let timeline = model.timeline { CustomerSection.write(timeline, into: &html) }
        ScoreSections.writeWeekly(model, into: &html)
        ScoreSections.writeSentiment(model, into: &html)
        JourneySections.writeFunnel(model, into: &html)
        JourneySections.writePaths(model, into: &html)
        ScoreSections.writeExpectations(model, into: &html)
        JourneySections.writeEffort(model, into: &html)
        AlertSection.write(model.alerts, into: &html)
        html.markup("</body>\n</html>\n")
        return html.bytes
    }

    static func figure(_ value: Double?, _ places: Int) -> String { value.map { NumberText.fixed($0, places) } ?? "–" }

    static func interval(_ interval: Interval?, _ places: Int, scale: Double = 1) -> String {
        guard let interval else { return "–" }
        return NumberText.fixed(interval.low * scale, places) + " to " + NumberText.fixed(interval.high * scale, places)
    }

    static func sample(_ n: Int, minimum: Int) -> String { n > 0 && n < minimum ? "\(n) (thin)" : "\(n)" }
}
