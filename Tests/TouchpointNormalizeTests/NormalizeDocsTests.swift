import Testing
import TouchpointNormalize
import TouchpointTesting

/// docs/stages/normalize.md must not lag behind the code: the mapping list and the example event are checked.
struct NormalizeDocsTests {
    @Test func docsHoldTheHelpMappingsTextVerbatim() throws {
        let docs = try BuiltProducts.readRepositoryFile("docs/stages/normalize.md")
        #expect(docs.contains(MappingCatalog.builtin.helpText), "paste `normalize --help-mappings` into normalize.md")
        for name in MappingCatalog.builtin.names { #expect(docs.contains("`\(name)`"), "say what \(name) reads") }
    }

    @Test func theDocumentedEventIsWhatTheMappingWrites() throws {
        let docs = try BuiltProducts.readRepositoryFile("docs/stages/normalize.md")
        let examples = docs.split(separator: "\n").filter { $0.hasPrefix(#"{"kind":"event""#) }.map(String.init)
        #expect(!examples.isEmpty)
        let events = Set(mappingCases.map(\.event))
        for example in examples { #expect(events.contains(example), "\(example)") }
    }
}
