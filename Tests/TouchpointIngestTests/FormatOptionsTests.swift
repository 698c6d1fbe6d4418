import Testing
import TouchpointCore
import TouchpointIngest

struct FormatOptionsTests {
    @Test func assignmentsKeepTheirOrderAndTheLastValue() throws {
        let options = try formatOptions(["header=false", "columns=a,b", "header=true", "delimiter=="])
        #expect(
            options.assignments == [
                FormatOptionAssignment(name: "header", value: "true"),
                FormatOptionAssignment(name: "columns", value: "a,b"),
                FormatOptionAssignment(name: "delimiter", value: "="),
            ])
    }

    @Test(arguments: ["header", "=x", ""])
    func anAssignmentNeedsAKeyAndAnEqualsSign(text: String) {
        #expect(throws: UsageError("\"\(text)\" is not KEY=VALUE")) { try formatOptions([text]) }
    }

    @Test func everyFormatRejectsAnUnknownOptionNamingItAndTheFormat() throws {
        let options = try formatOptions(["no-such-option=1"])
        for format in FormatRegistry.all {
            #expect(throws: UsageError.self) { try format.init(options: options) }
            do {
                _ = try format.init(options: options)
            } catch {
                #expect(error.message.hasPrefix("format \(format.name): unknown option \"no-such-option\""))
            }
        }
    }

    @Test func everyDeclaredOptionIsAccepted() throws {
        // A value each option takes; header=false so that columns is allowed.
        let samples = ["delimiter": ";", "header": "false", "columns": "a,b", "rfc": "auto", "records": "."]
        for format in FormatRegistry.all {
            var options = FormatOptions()
            for option in format.options { options.set(option.name, to: try #require(samples[option.name])) }
            _ = try format.init(options: options)
        }
    }
}
