import Testing
import TouchpointCore
import TouchpointTesting

struct IdentifierBlocklistLoadingTests {
    private let directory = TemporaryDirectory(texts: [:])

    private func temporaryFile(_ text: String) throws -> String {
        try directory.write("blocklist.json", text)
    }

    @Test func withoutAUserFileTheBuiltinListApplies() throws {
        let blocklist = try IdentifierBlocklist.loading(userFile: nil)
        #expect(blocklist.isBlocked("Restricted"))
        #expect(!blocklist.isBlocked("store-42"))
    }

    @Test func aUserFileAddsToTheBuiltinList() throws {
        let path = try temporaryFile(
            #"{"any": ["store-42"], "emails": ["front.desk@shop.example"], "phones": ["+44 20 7946 0000"]}"#)
        let blocklist = try IdentifierBlocklist.loading(userFile: path)
        #expect(blocklist.isBlocked("Restricted"))
        #expect(blocklist.isBlocked("STORE-42"))
        #expect(IdentifierRules.plain("store-42", blocklist: blocklist) == .absent)
        #expect(IdentifierRules.plain("store-42") == .value("store-42"))
        #expect(IdentifierRules.loyalty("store-42", blocklist: blocklist) == .absent)
        #expect(IdentifierRules.email("Front.Desk@shop.example", blocklist: blocklist) == .absent)
        #expect(
            IdentifierRules.phone("020 7946 0000", region: PhoneRegion.named("GB"), blocklist: blocklist) == .absent)
        #expect(IdentifierRules.phone("+442079460000", region: nil, blocklist: blocklist) == .absent)
        #expect(IdentifierRules.social(platform: "x", handle: "@store-42", blocklist: blocklist) == .absent)
    }

    @Test(arguments: [
        ("{\n  \"phones\": [\"1\", 2]\n}", ":2:19: $.phones[1]: expected a string, found a number"),
        ("{\n  \"phone\": []\n}", ":2:12: $.phone: unknown key \"phone\" (did you mean \"phones\"?)"),
        ("{\n  \"any\": [\"x\",]\n}", ":2:15: unexpected byte"),
    ])
    func problemsInAUserFileNameFileLineAndColumn(text: String, message: String) throws {
        let path = try temporaryFile(text)
        do {
            _ = try IdentifierBlocklist.loading(userFile: path)
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.description.hasPrefix(path + message), "\(error)")
        }
    }

    @Test func aMissingUserFileIsNamed() {
        #expect(throws: ConfigError.self) { try IdentifierBlocklist.loading(userFile: "/nonexistent/blocklist.json") }
    }
}
