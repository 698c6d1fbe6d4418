import Glibc
import Testing
import TouchpointNormalize

/// docs/stages/normalize.md must not lag behind the code: the mapping list and the example event are checked.
struct NormalizeDocsTests {
    @Test func docsHoldTheHelpMappingsTextVerbatim() throws {
        let docs = try readRepositoryFile("docs/stages/normalize.md")
        #expect(docs.contains(MappingRegistry.helpText), "paste `normalize --help-mappings` into normalize.md")
        for name in MappingRegistry.names { #expect(docs.contains("| `\(name)` (")) }
    }

    @Test func theDocumentedEventIsWhatTheMappingWrites() throws {
        let docs = try readRepositoryFile("docs/stages/normalize.md")
        let examples = docs.split(separator: "\n").filter { $0.hasPrefix(#"{"kind":"event""#) }.map(String.init)
        #expect(!examples.isEmpty)
        let events = Set(mappingCases.map(\.event))
        for example in examples { #expect(events.contains(example), "\(example)") }
    }
}

/// Reads a file of the repository, found from this source file's path.
func readRepositoryFile(_ relativePath: String, filePath: String = #filePath) throws -> String {
    var components = filePath.split(separator: "/", omittingEmptySubsequences: false)
    components.removeLast(3)
    let path = components.joined(separator: "/") + "/" + relativePath
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { throw RepositoryFileError(path: path) }
    defer { close(descriptor) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let count = read(descriptor, &buffer, buffer.count)
        guard count > 0 else { break }
        bytes += buffer.prefix(count)
    }
    return String(decoding: bytes, as: UTF8.self)
}

struct RepositoryFileError: Error, CustomStringConvertible {
    let path: String
    var description: String { "cannot read \(path)" }
}
