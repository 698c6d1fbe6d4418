import Testing
import TouchpointAlert
import TouchpointCore
import TouchpointJSON
import TouchpointTesting

/// A rule a user writes: the fields every rule has, with `kind` and its settings added.
func userRule(_ id: String, kind: String, _ settings: String, summary: String = "s") -> String {
    #"{"id":"\#(id)","kind":"\#(kind)","description":"d","owner":"care","severity":"low","summary":"\#(summary)","#
        + #""next_step":"n","rationale":"r","example":"e",\#(settings)}"#
}

@Suite struct RuleFileTests {
    private func check(_ rules: String) throws -> StageRun {
        let directory = try TemporaryDirectory()
        let path = try directory.write("rules.json", rules)
        return alert(text: "", arguments: ["--check", path])
    }

    @Test func aValidFileIsOk() throws {
        let run = try check(
            #"{"rules":[\#(userRule("vip-purchase", kind: "single", #""match":{"as":"sale","when":"type == 'purchase' and metrics.amount >= 1000"}"#))]}"#
        )
        #expect(run.status == .success)
        #expect(run.output.hasSuffix("rules.json: ok\n"))
    }

    @Test(arguments: [
        (
            userRule("x", kind: "single", #""match":{"as":"e","when":"metric.nps > 3"}"#),
            #"$.rules[0].match.when: rule "x": unknown field "metric.nps" (a path starts with one of: kind, id"#
        ),
        (
            userRule("x", kind: "single", #""match":{"as":"e","when":"type = 'x'"}"#),
            #"$.rules[0].match.when: rule "x": at character 6: "=" is not an operator; compare with "==""#
        ),
        (
            userRule("x", kind: "count", #""match":{"as":"e","when":"true"},"at_least":3"#),
            #"$.rules[0]: rule "x": missing "within""#
        ),
        (
            userRule("x", kind: "count", #""match":{"as":"e","when":"true"},"at_least":3,"within":"a week""#),
            #"$.rules[0].within: "a week" is not a duration"#
        ),
        (
            userRule("x", kind: "single", #""match":{"as":"e","when":"true"},"within":"1d""#),
            #"$.rules[0].within: rule "x": "within" is not a setting of a single rule (its settings: match)"#
        ),
        (
            userRule("x", kind: "window", #""match":{"as":"e","when":"true"}"#),
            #"$.rules[0].kind: rule "x": unknown kind "window" (kinds: single, count, sum, sequence, absence, crossing)"#
        ),
        (
            userRule("x", kind: "single", #""match":{"as":"e","when":"true"}"#, summary: "{other.nps}"),
            #"$.rules[0].summary: rule "x": the summary names role "other", which this rule does not have (roles: e)"#
        ),
        (
            userRule("x", kind: "single", #""match":{"as":"e","when":"true"}"#, summary: "{gap}"),
            #"$.rules[0].summary: rule "x": the summary names "{gap}", which a single rule does not give"#
        ),
        (
            userRule("x", kind: "crossing", #""match":{"as":"e","when":"true"},"value":"customer.churn_risk""#),
            #"$.rules[0]: rule "x": a crossing rule needs exactly one of "above" and "below""#
        ),
        (
            userRule("Bad_Id", kind: "single", #""match":{"as":"e","when":"true"}"#),
            #"$.rules[0].id: rule id "Bad_Id" must be kebab-case"#
        ),
        (
            userRule("x", kind: "single", #""match":{"as":"e","when":"true"},"storm":{"at_most":0,"per":"1h"}"#),
            #"$.rules[0].storm.at_most: 0 is outside 1...1000000"#
        ),
    ])
    func problemsNameTheRuleAndTheField(rule: String, message: String) throws {
        let run = try check(#"{"rules":[\#(rule)]}"#)
        #expect(run.status == .usage)
        #expect(run.errors.contains(message), "\(run.errors)")
    }

    @Test func aPatchOfAnUnknownFieldIsRefusedWithTheRuleID() throws {
        let run = try check(#"{"rules":[{"id":"repeat-contact","withn":"5d"}]}"#)
        #expect(run.status == .usage)
        #expect(
            run.errors.contains(#"$.rules[0].withn: rule "repeat-contact": "withn" is not a setting of a count rule"#))
    }

    @Test func userFilesAddReplaceAdjustAndRemoveRules() throws {
        let directory = try TemporaryDirectory()
        let vip = userRule(
            "vip-purchase", kind: "single",
            #""match":{"as":"sale","when":"type == 'purchase' and metrics.amount >= 100"}"#,
            summary: "VIP sale of {sale.amount:money}")
        let path = try directory.write(
            "rules.json",
            #"{"rules":[\#(vip),{"id":"negative-social-high-reach","enabled":false},"#
                + #"{"id":"repeat-contact","at_least":2}]}"#)
        let lines = [
            post("social:1", followers: 48_200, label: "negative"), purchase("p", hours: 0),
            contact("t1", hours: 1), contact("t2", hours: 2),
        ]
        let run = alert(lines, arguments: ["--rules", path])
        #expect(run.alertLines == ["vip-purchase: p", "repeat-contact: t1 t2"])
        #expect(run.alerts[0]["summary"] == "VIP sale of 129.90")
        let notes = try RuleSet(userFiles: [try ConfigFile(contentsOf: path, displayPath: "rules.json")]).notes
        #expect(
            notes == [
                #"rules.json: rule "negative-social-high-reach" disabled"#,
                #"rules.json: rule "repeat-contact" adjusted"#,
            ])
    }

    @Test func aBrokenRulesFileIsAUsageErrorForARun() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("rules.json", #"{"rules":[{"id":"repeat-contact","within":"soon"}]}"#)
        let run = alert(text: "", arguments: ["--rules", path])
        #expect(run.status == .usage)
        #expect(run.errors.contains("rules.json:1:43: $.rules[0].within: \"soon\" is not a duration"))
    }
}

@Suite struct RuleKindTests {
    @Test func aSumRuleAddsAFigureUpPerProfileWithinItsWindow() throws {
        let directory = try TemporaryDirectory()
        let rule = userRule(
            "big-spender", kind: "sum",
            #""match":{"as":"sale","when":"type == 'purchase'"},"sum":"metrics.amount","at_least":300,"within":"1d""#,
            summary: "{sum} in {count} purchases")
        let path = try directory.write("rules.json", #"{"rules":[\#(rule)]}"#)
        let lines = [
            purchase("p1", hours: 0, amount: 100), purchase("p2", hours: 5, amount: 150),
            purchase("p3", hours: 30, amount: 100),
            purchase("p4", hours: 40, amount: 120), purchase("p5", hours: 41, amount: 90),
        ]
        let run = alert(lines, arguments: ["--rules", path])
        #expect(run.alertLines.filter { $0.hasPrefix("big-spender") } == ["big-spender: p3 p4 p5"])
        #expect(run.alerts.first { $0["rule"] == "big-spender" }?["summary"] == "310 in 3 purchases")
    }

    @Test func aSequenceDecidesWhenTheWatermarkPassesItsEvidence() {
        let run = alert([
            survey("s", hours: 30, nps: 2), watermark(hours: 29), purchase("p", hours: 10), watermark(hours: 31),
            contact("x", hours: 32),
        ])
        #expect(
            run.records.map { $0["kind"]!.stringValue! } == [
                "event", "watermark", "event", "alert", "watermark", "event",
            ])
    }

    @Test func anAbsenceWaitsForEventTimeNotForArrival() {
        let open = ticket("z:1:open", hours: 0, entity: "z:1")
        // However many records arrive, nothing fires until a watermark passes the 48 h deadline.
        let busy =
            [open] + (1...30).map { contact("c\($0)", hours: 47, profile: "p-\($0)") } + [watermark(hours: 47.99)]
        let run = alert(busy, arguments: ["--disable", "repeat-contact"])
        #expect(run.records.dropLast().allSatisfy { $0["kind"] != "alert" })
        // The end of a batch input (no watermarks at all) fires what is due, once.
        #expect(alert([open]).alertLines == ["complaint-unresolved: z:1:open"])
    }

    @Test func aSingleRuleWithACooldownAlertsOncePerProfileAndWindow() throws {
        let directory = try TemporaryDirectory()
        let rule = userRule(
            "any-return", kind: "single", #""match":{"as":"r","when":"type == 'return'"},"cooldown":"24h""#)
        let path = try directory.write("rules.json", #"{"rules":[\#(rule)]}"#)
        let lines = [
            event("r1", hours: 0, type: "return"), event("r2", hours: 23, type: "return"),
            event("r3", hours: 10, type: "return", profile: "p-b"), event("r4", hours: 24.5, type: "return"),
        ]
        #expect(
            alert(lines, arguments: ["--rules", path]).alertLines == [
                "any-return: r1", "any-return: r3", "any-return: r4",
            ])
    }
}

@Suite struct AlertStateTests {
    /// Changing the rules is a restart with `--state`: the evidence, timers and cooldowns of the rules kept carry
    /// over (by rule id), and an adjusted rule applies its new settings to them.
    @Test func aRestartWithAdjustedRulesKeepsTheirEvidence() throws {
        let state = try TemporaryDirectory()
        let barrier = #"{"kind":"barrier","id":1,"positions":[]}"#
        let first = alert(
            text: JSONWriter.string(purchase("p", hours: 0)) + "\n" + barrier + "\n",
            arguments: ["--state", state.path, "--commit"])
        #expect(first.status == .success, "\(first.errors)")
        let rules = try state.write("rules.json", #"{"rules":[{"id":"detractor-after-purchase","within":"10d"}]}"#)
        let second = alert(
            text: [
                barrier, JSONWriter.string(survey("s", hours: 200, nps: 2)),
                JSONWriter.string(WatermarkRecord(time: at(201), isFinal: true).jsonValue),
            ].joined(separator: "\n")
                + "\n",
            arguments: ["--state", state.path, "--commit", "--rules", rules])
        #expect(second.status == .success, "\(second.errors)")
        #expect(second.alertLines == ["detractor-after-purchase: p s"])
        #expect(second.alerts[0]["summary"] == "NPS 2, 8 days after a purchase of 129.90 EUR")
    }
}

@Suite struct SweepTests {
    private func kept(after lines: [JSONValue]) -> (count: Int, alerts: [JSONValue]) {
        let text = lines.map(JSONWriter.string).joined(separator: "\n") + "\n"
        let memory = StageIO.memory(input: text)
        var alerter = Alerter()
        _ = StageRunner.run(&alerter, io: memory.io, options: StageOptions())
        let alerts = memory.output.text.split(separator: "\n").compactMap { try? JSONParser.parseValue(String($0)) }
            .filter { $0["kind"] == "alert" }
        return (alerter.keptEvidenceCount, alerts)
    }

    @Test func evidenceEventTimeHasLeftBehindIsForgotten() {
        let lines = [purchase("p", hours: 0, profile: "p-a"), purchase("q", hours: 24 * 20, profile: "p-b")]
        #expect(kept(after: lines + [watermark(hours: 24 * 29)]).count == 2)
        #expect(kept(after: lines + [watermark(hours: 24 * 31)]).count == 1)
        #expect(kept(after: lines + [watermark(hours: 24 * 51)]).count == 0)
    }

    @Test func aFiredAbsenceLeavesNothingBehind() {
        let open = ticket("z:1", hours: 0, entity: "z:1")
        let run = kept(after: [open, watermark(hours: 24 * 40)])
        #expect(run.count == 0)
        #expect(run.alerts.map { $0["rule"] } == ["complaint-unresolved"])
    }
}
