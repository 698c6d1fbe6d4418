import Testing
import TouchpointJSON

struct JSONWriterTests {
    @Test(arguments: [
        Int.min, Int.min + 1, -1_000_000_007, -10, -9, -1, 0, 1, 9, 10, 99, 100, 123_456_789, Int.max - 1, Int.max,
    ])
    func integersAreTheirDecimalText(_ value: Int) {
        var output: [UInt8] = Array("[".utf8)
        JSONWriter.write(value, into: &output)
        #expect(String(decoding: output, as: UTF8.self) == "[" + String(value))
        var viaValue: [UInt8] = []
        JSONWriter.write(.int(value), into: &viaValue)
        #expect(output.dropFirst().elementsEqual(viaValue))
    }

    @Test func anObjectWritesAsItsValue() {
        let object = JSONObject([("a", 1), ("b\"", ["x", .null, true, false]), ("c", ["d": [:]]), ("e", [])])
        var direct: [UInt8] = []
        JSONWriter.write(object, into: &direct)
        #expect(String(decoding: direct, as: UTF8.self) == #"{"a":1,"b\"":["x",null,true,false],"c":{"d":{}},"e":[]}"#)
        #expect(direct == Array(JSONWriter.string(.object(object)).utf8))
        var empty: [UInt8] = []
        JSONWriter.write(JSONObject(), into: &empty)
        #expect(empty == Array("{}".utf8))
    }

    @Test func rawTextIsAppendedAsItIs() {
        var output: [UInt8] = []
        JSONWriter.append(raw: #","id":"#, to: &output)
        JSONWriter.append(raw: "}", to: &output)
        JSONWriter.append(raw: "", to: &output)
        #expect(output == Array(#","id":}"#.utf8))
    }
}
