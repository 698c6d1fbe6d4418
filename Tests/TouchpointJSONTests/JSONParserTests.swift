import Testing
import TouchpointJSON

private func parse(_ bytes: [UInt8], maxDepth: Int = 128) -> Result<JSONValue, JSONError> {
    Result { () throws(JSONError) in try JSONParser.parseValue(bytes, maxDepth: maxDepth) }
}

struct JSONParserTests {
    /// Byte sequences that are not UTF-8 cannot live in the fixture file.
    @Test(
        arguments: [
            ([0x22, 0xFF, 0x22], 1),  // never valid
            ([0x22, 0xC0, 0xAF, 0x22], 1),  // overlong "/"
            ([0x22, 0xED, 0xA0, 0x80, 0x22], 1),  // encoded surrogate
            ([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], 1),  // above U+10FFFF
            ([0x22, 0xE2, 0x82, 0x22], 1),  // truncated sequence
            ([0x22, 0x61, 0x80, 0x22], 2),  // lone continuation byte
            ([0xC3, 0xA9], 0),  // non-ASCII outside a string
        ] as [([UInt8], Int)])
    func invalidUTF8(_ bytes: [UInt8], offset: Int) {
        #expect(parse(bytes) == .failure(JSONError(.invalidUTF8, at: offset)))
    }

    @Test func validMultibyteScalarsAtEveryLength() {
        let text = "\"a\u{E9}\u{20AC}\u{1F600}\""
        #expect(parse(Array(text.utf8)) == .success(.string("a\u{E9}\u{20AC}\u{1F600}")))
    }

    @Test func nestingLimit() {
        let ok = String(repeating: "[", count: 128) + String(repeating: "]", count: 128)
        let deep = String(repeating: "[", count: 129) + String(repeating: "]", count: 129)
        #expect((try? parse(Array(ok.utf8)).get()) != nil)
        #expect(parse(Array(deep.utf8)) == .failure(JSONError(.tooDeep, at: 128)))
        // A hostile depth is an error, not a stack overflow.
        let hostile = String(repeating: "[", count: 1_000_000)
        #expect(parse(Array(hostile.utf8)) == .failure(JSONError(.tooDeep, at: 128)))
    }

    @Test func truncationAtEveryByteIsAnError() {
        let line = #"{"id":"e-1","n":[1,2.5,-3e2],"s":"caf\u00e9 \ud83d\ude00","t":true,"x":null}"#
        let bytes = Array(line.utf8)
        #expect((try? parse(bytes).get()) != nil)
        for length in 0..<bytes.count {
            if case .success(let value) = parse(Array(bytes[0..<length])) {
                Issue.record("prefix of \(length) bytes parsed as \(value)")
            }
        }
    }

    @Test func emptyAndWhitespaceInputs() {
        #expect(parse([]) == .failure(JSONError(.unexpectedEnd, at: 0)))
        #expect(parse(Array("  \t ".utf8)) == .failure(JSONError(.unexpectedEnd, at: 4)))
    }

    @Test func longPlainStringsCrossTheEightByteFastPath() {
        for length in 0..<40 {
            let body = String(repeating: "x", count: length)
            for special in ["\\n", "\\\"", "é", "\\u0041"] {
                let text = "\"" + body + special + body + "\""
                guard case .success(.string(let decoded)) = parse(Array(text.utf8)) else {
                    Issue.record("failed on \(text)")
                    continue
                }
                #expect(decoded.hasPrefix(body) && decoded.hasSuffix(body))
            }
        }
    }

    @Test func documentLookupAndRawBytes() throws {
        var parser = JSONParser()
        let line = Array(#"{"kind":"event","n":{"x":[1,{"y":"z"}]},"kind":"last","esc\u0061pe":1}"#.utf8)
        try line.withUnsafeBufferPointer { buffer in
            let document = try parser.parse(buffer)
            let kind = try #require(document["kind"])
            #expect(document.string(kind) == "last")
            #expect(document.stringEquals(kind, "last"))
            #expect(!document.stringEquals(kind, "event"))
            let nested = try #require(document["n"])
            #expect(String(decoding: document.rawBytes(nested), as: UTF8.self) == #"{"x":[1,{"y":"z"}]}"#)
            #expect(document["escape"].map { document.number($0)?.intValue } == 1)
            #expect(document["missing"] == nil)
            #expect(document.members(of: document.root).map(\.key) == ["kind", "n", "kind", "escape"])
        }
    }

    /// Lookups on a root with many members (indexed after a few) find what a scan finds: the last of a repeated
    /// key, nothing for an absent one, and an escaped key by its decoded text (such a root is left to the scan).
    @Test func rootLookupsAgreeWithTheScanOnALargeRoot() throws {
        var parser = JSONParser()
        let keys = (0..<20).map { "k\($0)" }
        let plain = "{" + keys.map { "\"\($0)\":\"\($0)\"" }.joined(separator: ",") + #","k3":"again","":"empty"}"#
        let escaped = plain.replacingOccurrences(of: #""k19":"#, with: #""k1\u0039":"#)
        for line in [plain, escaped] {
            try Array(line.utf8).withUnsafeBufferPointer { buffer in
                let document = try parser.parse(buffer)
                for _ in 0..<3 {
                    for key in keys where key != "k3" { #expect(document[key].flatMap(document.string) == key) }
                    #expect(document["k3"].flatMap(document.string) == "again")
                    #expect(document[""].flatMap(document.string) == "empty")
                    #expect(document["k20"] == nil)
                    #expect(document["k"] == nil)
                }
            }
        }
    }

    /// A container's bytes end at its own closing bracket: not at one inside a string, not past whitespace.
    @Test func containerBytesEndAtTheirClosingBracket() throws {
        var parser = JSONParser()
        let line = Array(#"{"a" : { "s":"}]\"}" , "e":[ ] } ,"b":[{},[]] , "c":{}}  "#.utf8)
        try line.withUnsafeBufferPointer { buffer in
            let document = try parser.parse(buffer)
            func text(_ node: JSONDocument.Node?) -> String? {
                node.map { String(decoding: document.rawBytes($0), as: UTF8.self) }
            }
            #expect(text(document["a"]) == #"{ "s":"}]\"}" , "e":[ ] }"#)
            #expect(text(document["a"].flatMap { document.member("e", of: $0) }) == "[ ]")
            #expect(text(document["b"]) == "[{},[]]")
            #expect(text(document["c"]) == "{}")
            #expect(text(document.root) == #"{"a" : { "s":"}]\"}" , "e":[ ] } ,"b":[{},[]] , "c":{}}"#)
        }
    }
}

struct JSONValueTests {
    @Test func numbersFromDoublesAreShortestAndStable() {
        #expect(JSONNumber(3.0)?.literal == "3")
        #expect(JSONNumber(0.1)?.literal == "0.1")
        #expect(JSONNumber(-2.5)?.literal == "-2.5")
        #expect(JSONNumber(Double.nan) == nil)
        #expect(JSONNumber(Double.infinity) == nil)
        #expect(JSONNumber.rounded(2.0 / 3.0, places: 2)?.literal == "0.67")
        #expect(JSONNumber(literal: "01") == nil)
        #expect(JSONNumber(literal: "1e5")?.intValue == 100_000)
        #expect(JSONNumber(literal: "12345678901234567890")?.intValue == nil)
    }

    @Test func objectSubscriptKeepsOrder() {
        var object = JSONObject()
        object["b"] = 1
        object["a"] = 2
        object["b"] = 3
        object.setIfPresent("c", nil)
        #expect(JSONWriter.string(.object(object)) == #"{"b":3,"a":2}"#)
        object["b"] = nil
        #expect(object.keys == ["a"])
    }

    @Test func writerEscapesOnlyWhatJSONRequires() {
        #expect(JSONWriter.string(.string("a/b \"q\" \\ \u{1} é")) == #""a/b \"q\" \\ \u0001 é""#)
    }
}
