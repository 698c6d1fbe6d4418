import TouchpointCore
import TouchpointJSON

/// Deterministic benchmark input: canonical events of about 300 bytes (the "typical event"), with escapes,
/// non-ASCII text and numbers, as they pass between stages.
enum BenchmarkData {
    static func events(count: Int) -> [UInt8] {
        let channels = [
            ("store", "purchase", "purchase"), ("web", "page_view", "research"),
            ("call_center", "call", "support"), ("survey", "survey_response", "loyalty"),
        ]
        let texts = [
            "Great service, fast checkout", "Waited 40 minutes on the phone, still no refund",
            "The espresso machine arrived broken \u{1F620}", "Helpful staff in the Berlin store, \"top\"",
        ]
        var output: [UInt8] = []
        output.reserveCapacity(count * 320)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for index in 0..<count {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let pick = Int(state >> 33)
            let (channel, type, stage) = channels[pick % channels.count]
            let time = Timestamp(milliseconds: 1_790_000_000_000 + Int64(index) * 37_000)
            var ids = JSONObject()
            ids.append("email", .string("customer\(pick % 50_000)@example.com"))
            var metrics = JSONObject()
            metrics.append("amount", .number(JSONNumber(Double(pick % 100_000) / 100)!))
            metrics.append("currency", "EUR")
            let event = Event(
                id: "\(channel):\(index)", time: time,
                source: SourceReference(name: channel, line: index + 2, offset: index * 97),
                channel: channel, type: type, stage: stage, ids: ids, text: texts[pick % texts.count],
                metrics: metrics)
            JSONWriter.write(event.jsonValue, into: &output)
            output.append(0x0A)
        }
        return output
    }
}
