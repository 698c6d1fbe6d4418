import Foundation
import Testing
import TouchpointJSON

/// Runs Fixtures/codec.test: every case through the tape parser, both writers, and back.
struct CodecFixtureTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let line: Int
        let input: String
        let expected: String
        var testDescription: String { "codec.test:\(line): \(input)" }
    }

    static func cases() throws -> [Case] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "Fixtures/codec.test")
        let lines = try String(contentsOf: url, encoding: .utf8).split(
            separator: "\n", omittingEmptySubsequences: false)
        var cases: [Case] = []
        var pending: (line: Int, text: String)?
        for (index, line) in lines.enumerated() {
            if line.isEmpty || line.hasPrefix("#") {
                pending = nil
            } else if let input = pending {
                cases.append(Case(line: input.line, input: input.text, expected: String(line)))
                pending = nil
            } else {
                pending = (index + 1, String(line))
            }
        }
        return cases
    }

    @Test(arguments: try cases())
    func fixture(_ testCase: Case) {
        var parser = JSONParser()
        var bytes = Array(testCase.input.utf8)
        let outcome: Result<(value: JSONValue, minified: [UInt8]), JSONError> = bytes.withUnsafeMutableBufferPointer {
            buffer in
            Result { () throws(JSONError) in
                let document = try parser.parse(UnsafeBufferPointer(buffer))
                var minified: [UInt8] = []
                document.write(document.root, into: &minified)
                return (document.value(document.root), minified)
            }
        }
        switch outcome {
        case .failure(let error):
            #expect("%%FAIL \(error)" == testCase.expected)
        case .success(let parsed):
            #expect(JSONWriter.string(parsed.value) == testCase.expected)
            // The tape writer keeps escapes as they came; it must still mean the same value.
            #expect((try? JSONParser.parseValue(parsed.minified)) == parsed.value)
            // Writing is a fixed point: parse(write(v)) == v, byte for byte on the second write.
            let rewritten = try? JSONParser.parseValue(testCase.expected)
            #expect(rewritten == parsed.value)
        }
    }

    @Test func fixtureFileHasCases() throws {
        #expect(try Self.cases().count >= 40)
    }
}
