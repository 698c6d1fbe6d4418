import Foundation
import Testing
import TouchpointCore
import TouchpointJSON
import TouchpointReport
import TouchpointTesting

/// `touchpoint report`: the page's numbers are the input's, its bytes are the same every time, and it is HTML.
@Suite struct ReportPageTests {
    static let stream = SyntheticStream(seed: 12, profiles: 400, events: 6000)

    /// Runs the command in-process on `input`; the page's text, or nil with the command's stderr recorded.
    static func report(_ input: String, _ extra: [String] = []) throws -> (
        html: String, status: TouchpointCore.ExitStatus, errors: String
    ) {
        let directory = try TemporaryDirectory()
        let inputPath = try directory.write("in.ndjson", input)
        let (io, _, errors) = StageIO.memory(input: "")
        let status = ReportCommand.run(
            ["report", inputPath, "--output", directory.path + "/report.html"] + extra, io: io)
        let html = (try? directory.read("report.html")) ?? ""
        return (html, status, errors.text)
    }

    @Test func weeklyScoresAgreeWithTheInput() throws {
        let html = try Self.report(Self.stream.text).html
        var expected: [String: (promoters: Int, detractors: Int, n: Int, satisfied: Int, csat: Int, ces: [Double])] =
            [:]
        for event in Self.stream.events {
            let week = SyntheticStream.monday(of: event["time"]!.stringValue!)
            var figures = expected[week] ?? (0, 0, 0, 0, 0, [])
            switch event["score"]?["nps_class"]?.stringValue {
            case "promoter"?: (figures.promoters, figures.n) = (figures.promoters + 1, figures.n + 1)
            case "detractor"?: (figures.detractors, figures.n) = (figures.detractors + 1, figures.n + 1)
            case "passive"?: figures.n += 1
            default: break
            }
            if let csat = event["score"]?["csat_class"]?.stringValue {
                figures.csat += 1
                if csat == "satisfied" { figures.satisfied += 1 }
            }
            if let ces = event["metrics"]?["ces"]?.doubleValue { figures.ces.append(ces) }
            expected[week] = figures
        }
        let table = HTMLTables.byLabel(html, id: "weekly-scores")
        #expect(Set(table.keys) == Set(expected.keys))
        for (week, figures) in expected {
            let row = try #require(table[week])
            #expect(HTMLTables.number(row[2]) == Double(figures.n), "\(week)")
            let nps = 100 * Double(figures.promoters - figures.detractors) / Double(figures.n)
            #expect(abs(HTMLTables.number(row[0])! - nps) <= 0.05 + 1e-9, "\(week) NPS")
            #expect(row[2].hasSuffix("(thin)") == (figures.n < 30))
            let csat = 100 * Double(figures.satisfied) / Double(figures.csat)
            #expect(abs(HTMLTables.number(row[3])! - csat) <= 0.05 + 1e-9, "\(week) CSAT")
            #expect(HTMLTables.number(row[5]) == Double(figures.csat))
            let ces = figures.ces.reduce(0, +) / Double(figures.ces.count)
            #expect(abs(HTMLTables.number(row[6])! - ces) <= 0.005 + 1e-9, "\(week) CES")
            // The NPS interval, from the trinomial variance, contains the figure and stays within the scale.
            let bounds = row[1].components(separatedBy: " to ").compactMap(Double.init)
            #expect(bounds.count == 2 && bounds[0] <= nps + 0.05 && nps - 0.05 <= bounds[1] && bounds[0] >= -100)
        }
    }

    @Test func funnelExpectationsAndAlertsAgreeWithTheInput() throws {
        let html = try Self.report(Self.stream.text).html
        var stagesByProfile: [String: Set<String>] = [:]
        var expectations: [String: Int] = [:]
        for event in Self.stream.events {
            if let profile = event["profile"]?["id"]?.stringValue {
                stagesByProfile[profile, default: []].insert(event["stage"]!.stringValue!)
            }
            if let outcome = event["score"]?["expectations"]?["call_wait"]?.stringValue {
                expectations[outcome, default: 0] += 1
            }
        }
        let funnel = HTMLTables.byLabel(html, id: "funnel")
        let order = ["research", "comparison", "purchase", "support"]
        for (index, stage) in order.enumerated() {
            let reached = stagesByProfile.values.filter { $0.contains(stage) }
            #expect(funnel[stage]?[0] == "\(reached.count)", "\(stage)")
            if index < 3 {
                let wentOn = reached.filter { $0.contains(order[index + 1]) }.count
                #expect(funnel[stage]?[1] == "\(wentOn)" && funnel[stage]?[2] == "\(reached.count - wentOn)")
            }
        }
        let measured = expectations.values.reduce(0, +)
        let row = try #require(HTMLTables.byLabel(html, id: "expectations")["call_wait"])
        #expect(HTMLTables.number(row.last) == Double(measured))
        let missed = 100 * Double(expectations["missed", default: 0]) / Double(measured)
        #expect(abs(HTMLTables.number(row[2])! - missed) <= 0.05 + 1e-9)
        var alerts: [String: Int] = [:]
        for value in Self.stream.values where value["kind"]?.stringValue == "alert" {
            alerts[value["owner"]!.stringValue! + " " + value["rule"]!.stringValue!, default: 0] += 1
        }
        #expect(HTMLTables.byLabel(html, id: "alerts").mapValues { $0[0] } == alerts.mapValues { "\($0)" })
        // Alert text is escaped, never markup.
        #expect(html.contains("made up &lt;alert&gt; &amp; &quot;quoted&quot;") && !html.contains("<alert>"))
    }

    @Test func effortCountsTheDriversAsScoreMarkedThem() throws {
        let html = try Self.report(Self.stream.text).html
        let drivers = ["repeat_contact", "channel_hop", "transfer", "abandoned_call", "repeated_information"]
        var expected: [String: (contacts: Int, drivers: [Int])] = [:]
        for event in Self.stream.events {
            let marked = event["score"]?["effort_drivers"]?.arrayValue?.compactMap(\.stringValue) ?? []
            let type = event["type"]!.stringValue!
            let isSupport = event["stage"] == "support" && !["ticket_updated", "ticket_solved"].contains(type)
            let isContact = isSupport || marked.contains("repeat_contact") || marked.contains("channel_hop")
            guard isContact || !marked.isEmpty else { continue }
            for channel in [event["channel"]!.stringValue!, "all channels"] {
                var figures = expected[channel] ?? (0, Array(repeating: 0, count: drivers.count))
                if isContact { figures.contacts += 1 }
                for (index, driver) in drivers.enumerated() where marked.contains(driver) {
                    figures.drivers[index] += 1
                }
                expected[channel] = figures
            }
        }
        let headers = try #require(HTMLTables.rows(html, id: "effort")?.first)
        #expect(
            headers == [
                "channel", "contacts", "repeat contacts", "repeat %", "repeat 95% CI", "channel hops", "transfers",
                "abandoned calls", "asked again for information",
            ])
        let table = HTMLTables.byLabel(html, id: "effort")
        #expect(Set(table.keys) == Set(expected.keys))
        #expect(expected["all channels"].map { $0.drivers.allSatisfy { $0 > 0 } } == true)
        for (channel, figures) in expected {
            let row = try #require(table[channel])
            #expect(HTMLTables.number(row[0]) == Double(figures.contacts), "\(channel)")
            #expect(row[1] == "\(figures.drivers[0])", "\(channel)")
            let share = 100 * Double(figures.drivers[0]) / Double(max(figures.contacts, 1))
            #expect(abs(HTMLTables.number(row[2])! - share) <= 0.05 + 1e-9, "\(channel)")
            #expect(Array(row[4...]) == figures.drivers.dropFirst().map { "\($0)" }, "\(channel)")
        }
        // A repeated contact is an unfavourable outcome exactly where score marked a repeat.
        let repeats = Self.stream.events.filter {
            $0["customer"] != nil
                && ($0["score"]?["effort_drivers"]?.arrayValue ?? []).contains("repeat_contact")
        }.count
        let paths = PathRecordTests.paths(Self.stream.text)
        #expect(paths.compactMap { $0["outcomes"]?["repeated_contacts"]?.intValue }.reduce(0, +) == repeats)
    }

    @Test func theSameInputGivesTheSameBytesAndNoClock() throws {
        let first = try Self.report(Self.stream.text)
        let second = try Self.report(Self.stream.text)
        #expect(first.status == .success && !first.html.isEmpty)
        #expect(first.html == second.html)
        // No script, and no address but the SVG namespace: nothing is fetched.
        #expect(!first.html.contains("<script"))
        let addresses = first.html.components(separatedBy: "http").count - 1
        #expect(addresses == first.html.components(separatedBy: "http://www.w3.org/2000/svg").count - 1)
        #expect(first.errors.contains("lines were not records"))
    }

    @Test func thePageIsWellFormed() throws {
        let html = try Self.report(Self.stream.text, ["--customer", "p-5"]).html
        let directory = try TemporaryDirectory()
        let page = try directory.write("page.html", html)
        // A strict check with Python's own HTML tokenizer: every non-void element closed, in order.
        let checker = """
            import html.parser, sys
            VOID = {"meta", "br", "img", "hr", "input", "link", "line", "polyline", "polygon", "circle", "rect"}
            class Strict(html.parser.HTMLParser):
                def __init__(self):
                    super().__init__(convert_charrefs=True); self.stack = []; self.errors = []
                def handle_starttag(self, tag, attrs):
                    if tag not in VOID: self.stack.append(tag)
                def handle_startendtag(self, tag, attrs): pass
                def handle_endtag(self, tag):
                    if not self.stack or self.stack[-1] != tag:
                        self.errors.append("unexpected </%s> at %s, open %s" % (tag, self.getpos(), self.stack[-3:]))
                    else: self.stack.pop()
            p = Strict(); p.feed(open(sys.argv[1], encoding="utf-8").read()); p.close()
            if p.stack: p.errors.append("unclosed " + str(p.stack))
            print("\\n".join(p.errors)); sys.exit(1 if p.errors else 0)
            """
        let script = try directory.write("check.py", checker)
        let result = try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", script, page])
        #expect(result.status == 0, Comment(rawValue: result.output + result.errors))
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        let timeline = HTMLTables.rows(html, id: "customer-timeline") ?? []
        let expected = Self.stream.events.filter { $0["profile"]?["id"]?.stringValue == "p-5" }.count
        #expect(timeline.count - 1 >= expected && expected > 0)
    }

    @Test func everyChartHasItsTableAndAxisTitles() throws {
        let html = try Self.report(Self.stream.text).html
        let charts = html.components(separatedBy: "<svg ").count - 1
        #expect(charts >= 8)
        #expect(html.components(separatedBy: "<table id=").count - 1 >= charts)
        #expect(html.components(separatedBy: "class=\"axis-title\"").count - 1 >= charts)
        for colour in ["#0072B2", "#E69F00", "#009E73"] { #expect(html.contains(colour)) }
    }

    @Test func aMissingOutputIsAUsageErrorAndAMissingFileAFailure() throws {
        let (io, _, errors) = StageIO.memory(input: "")
        #expect(ReportCommand.run(["report", "in.ndjson"], io: io) == .usage)
        #expect(ReportCommand.run(["report", "/nonexistent/in.ndjson", "--output", "/tmp/x.html"], io: io) == .failure)
        #expect(errors.text.contains("--output FILE is required"))
    }
}

/// A normal-approximation interval from a few answers can reach past the figure's scale; the page cuts it there.
struct IntervalScaleTests {
    @Test func aMeanSentimentIntervalStaysOnTheSentimentScale() throws {
        var mean = RunningMean()
        for value in [-0.9, 0.1] { mean.add(value) }
        let raw = try #require(mean.interval)
        #expect(raw.low < -1)
        let shown = raw.clamped(to: -1...1)
        #expect(shown.low == -1 && shown.high == raw.high)
    }
}

/// Two writers of one page at once in one process (two demo runs in a test do it) both succeed: each writes its own
/// temporary file before the rename.
struct ConcurrentReportWriteTests {
    @Test func twoReportsToOnePathAtOnceBothSucceed() throws {
        let directory = try TemporaryDirectory()
        let input = directory.path + "/in.ndjson"
        try directory.write("in.ndjson", #"{"kind":"event","id":"a:1","time":"2026-10-01T10:00:00.000Z"}"# + "\n")
        let statuses = ManagedStatuses()
        let output = directory.path + "/page.html"
        let group = DispatchGroup()
        for _ in 0..<8 {
            group.enter()
            Thread.detachNewThread {
                let memory = StageIO.memory(input: "")
                let status = ReportCommand.run(["report", input, "--output", output], io: memory.io)
                statuses.append(status == .success)
                group.leave()
            }
        }
        group.wait()
        #expect(statuses.values == Array(repeating: true, count: 8))
        #expect(directory.exists("page.html"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter {
            $0.contains(".tmp-")
        }
        #expect(leftovers.isEmpty)
    }
}

final class ManagedStatuses: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [Bool] = []

    func append(_ value: Bool) {
        lock.lock()
        values.append(value)
        lock.unlock()
    }
}
