import Foundation
import Glibc
import Testing
import TouchpointTesting

/// SIGHUP on a running stage: its mapping files are read again at the next barrier, and a broken file leaves it as
/// it was; the real `normalize` reading a live pipe.
@Suite(.serialized)
struct ReloadTests {
    static func mapping(type: String) -> String {
        """
        {"mapping": "kiosk", "summary": "a store kiosk's feedback buttons", "select": {"sources": ["kiosk"]},
         "event": {"id": ".id", "time": {"from": ".at", "formats": ["rfc3339"]}, "channel": "store",
                   "type": "\(type)", "stage": "support"}}
        """
    }

    static func record(_ id: Int) -> String {
        #"{"kind":"record","source":{"name":"kiosk","format":"ndjson","line":\#(id),"offset":0},"received":"2026-11-01T00:00:00.000Z","data":{"id":"K-\#(id)","at":"2026-10-01T10:00:0\#(id)Z"}}"#
            + "\n"
    }

    static func barrier(_ id: Int) -> String { #"{"kind":"barrier","id":\#(id),"positions":[]}"# + "\n" }

    /// The `type` of every event normalize has written so far.
    static func types(_ child: ChildProcess) -> [String] {
        child.output.split(separator: "\n").filter { $0.contains(#""kind":"event""#) }.compactMap { line in
            line.components(separatedBy: #""type":""#).dropFirst().first?.components(separatedBy: "\"").first
        }
    }

    @Test func sighupReadsTheMappingsAgainAtTheNextBarrierAndABrokenFileChangesNothing() throws {
        let directory = try TemporaryDirectory()
        try directory.write("mappings/kiosk.json", Self.mapping(type: "feedback"))
        let child = try ChildProcess(
            BuiltProducts.executable("normalize"), ["--mappings", directory.path + "/mappings"])
        try child.write(Self.barrier(1) + Self.record(1))
        #expect(child.waitUntil { Self.types($0) == ["feedback"] }, "\(child.errors)")

        try directory.write("mappings/kiosk.json", Self.mapping(type: "survey_response"))
        child.signal(SIGHUP)
        // Still the old mapping until a barrier passes; then the new one.
        try child.write(Self.record(2) + Self.barrier(2) + Self.record(3))
        #expect(child.waitUntil { Self.types($0).count == 3 }, "\(child.errors)")
        #expect(Self.types(child) == ["feedback", "feedback", "survey_response"])
        // stderr is read apart from stdout: wait for it, never assume it is in.
        #expect(
            child.waitUntil { $0.errors.contains("normalize: note: SIGHUP: configuration read again at barrier 2") })

        try directory.write("mappings/kiosk.json", "{\"mapping\": \"kiosk\", \"event\": ")
        child.signal(SIGHUP)
        try child.write(Self.barrier(3) + Self.record(4))
        #expect(child.waitUntil { Self.types($0).count == 4 }, "\(child.errors)")
        #expect(Self.types(child).last == "survey_response")
        #expect(child.waitUntil { $0.errors.contains("going on with the configuration as it was") }, "\(child.errors)")
        #expect(child.errors.contains("normalize: error: SIGHUP: "), "\(child.errors)")
        try child.closeInput()
        #expect(child.finish().status == 0, "\(child.errors)")
    }

    @Test func touchpointRunPassesSighupOnInsteadOfStopping() throws {
        let directory = try TemporaryDirectory()
        try directory.write("feed.ndjson", "{\"a\":1}\n")
        try directory.write("main.pipeline", "ingest --follow feed.ndjson\n")
        let child = try ChildProcess(
            BuiltProducts.executable("touchpoint"), ["run", directory.path + "/main.pipeline"], isInputNull: true)
        #expect(child.waitUntil { $0.errors.contains("Z ingest: note: following 1 file") }, "\(child.errors)")
        child.signal(SIGHUP)
        #expect(child.waitUntil { $0.errors.contains("SIGHUP: asking 1 stage to read their configuration again") })
        // Still reading: a line appended after the reload comes out.
        let feed = try #require(FileHandle(forWritingAtPath: directory.path + "/feed.ndjson"))
        feed.seekToEndOfFile()
        feed.write(Data("{\"a\":2}\n".utf8))
        try feed.close()
        #expect(child.waitUntil { $0.output.contains(#""data":{"a":2}"#) }, "\(child.errors)")
        child.signal(SIGTERM)
        #expect(child.finish().status == 0, "\(child.errors)")
    }
}

/// SIGHUP on the real `alert`: the edited rule applies from the next barrier, and the cooldown it had running
/// carries over (a reload is no way to be alerted twice).
@Suite(.serialized)
struct AlertReloadTests {
    static func rules(summary: String) -> String {
        """
        {"rules": [{"id": "kiosk-complaint", "kind": "single", "description": "A complaint at a store kiosk.",
          "owner": "store_ops", "severity": "medium", "match": {"as": "complaint", "when": "type == 'complaint'"},
          "cooldown": "1d", "summary": "\(summary)", "next_step": "Call the store.",
          "rationale": "Kiosk complaints are rare and concrete.", "example": "A complaint: \\"\(summary)\\"."}]}
        """
    }

    static func complaint(_ id: Int, profile: String, hour: Int) -> String {
        #"{"kind":"event","id":"kiosk:\#(id)","time":"2026-10-01T\#(10 + hour):00:00.000Z","source":{"name":"kiosk"},"channel":"store","type":"complaint","stage":"support","ids":{},"profile":{"id":"\#(profile)","matched_on":[],"is_new":false}}"#
            + "\n"
    }

    static func summaries(_ child: ChildProcess) -> [String] {
        child.output.split(separator: "\n").filter { $0.contains(#""kind":"alert""#) }.compactMap { line in
            line.components(separatedBy: #""summary":""#).dropFirst().first?.components(separatedBy: "\"").first
        }
    }

    @Test func anEditedRuleAppliesFromTheNextBarrierAndItsCooldownCarriesOver() throws {
        let directory = try TemporaryDirectory()
        try directory.write("rules.json", Self.rules(summary: "first wording"))
        let child = try ChildProcess(BuiltProducts.executable("alert"), ["--rules", directory.path + "/rules.json"])
        try child.write(ReloadTests.barrier(1) + Self.complaint(1, profile: "p-a", hour: 0))
        #expect(child.waitUntil { Self.summaries($0) == ["first wording"] }, "\(child.errors)")
        try directory.write("rules.json", Self.rules(summary: "second wording"))
        child.signal(SIGHUP)
        try child.write(
            ReloadTests.barrier(2) + Self.complaint(2, profile: "p-a", hour: 1)
                + Self.complaint(3, profile: "p-b", hour: 2))
        try child.closeInput()
        child.finish()
        // p-a is still in its cooldown from before the reload; p-b gets the new wording.
        #expect(Self.summaries(child) == ["first wording", "second wording"], "\(child.output)")
        let profiles = child.output.split(separator: "\n").filter { $0.contains(#""kind":"alert""#) }.map {
            $0.contains(#""profile":"p-b""#) ? "p-b" : $0.contains(#""profile":"p-a""#) ? "p-a" : "?"
        }
        #expect(profiles == ["p-a", "p-b"])
        #expect(child.errors.contains("alert: note: SIGHUP: configuration read again at barrier 2"))
    }
}
