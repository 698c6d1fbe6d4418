import Testing
import TouchpointCore

struct ConfigFileTests {
    @Test(arguments: [
        ("{\n  \"a\": 1,\n  \"b\": }\n", "rules.json:3:8: unexpected byte"),
        ("{\"a\": 1", "rules.json:1:8: unexpected end of input"),
        ("{\n  \"a\": 1,\n  \"a\": 2\n}", "rules.json:3:3: $.a: duplicate key \"a\""),
    ])
    func syntaxErrorsNameLineAndColumn(text: String, message: String) {
        #expect(throws: ConfigError.self) { try ConfigFile(text: text, path: "rules.json") }
        do {
            _ = try ConfigFile(text: text, path: "rules.json")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func accessorsSayWhatIsWrongAndWhere() throws {
        let file = try ConfigFile(
            text:
                "{\n  \"rules\": [\n    {\"id\": \"x\", \"owner\": 7, \"window\": \"2 days\", \"severty\": \"high\"}\n  ]\n}",
            path: "rules.json")
        let rule = try file.root.required("rules").array()[0]
        #expect(try rule.required("id").string() == "x")
        #expect(throws: ConfigError.self) { try rule.required("owner").string() }
        func message(_ body: () throws -> Void) -> String {
            do {
                try body()
                return ""
            } catch {
                return "\(error)"
            }
        }
        #expect(
            message { _ = try rule.required("owner").string() }
                == "rules.json:3:26: $.rules[0].owner: expected a string, found a number")
        #expect(
            message { _ = try rule.required("window").duration() }
                == "rules.json:3:39: $.rules[0].window: \"2 days\" is not a duration (such as 90s, 30m, 48h or 7d)")
        #expect(message { _ = try rule.required("summary") } == "rules.json:3:5: $.rules[0]: missing \"summary\"")
        #expect(
            message { try rule.checkKeys(["id", "owner", "window", "severity"]) }.hasPrefix(
                "rules.json:3:60: $.rules[0].severty: unknown key \"severty\" (did you mean \"severity\"?)"))
    }

    @Test func aMissingFileIsNamed() {
        #expect(throws: ConfigError.self) { try ConfigFile(contentsOf: "/nonexistent/rules.json") }
    }

    @Test func theBuiltinBlocklistLoadsAndBlocks() {
        let blocklist = IdentifierBlocklist.builtin
        #expect(blocklist.isBlockedEmail("noemail@shop.com"))
        #expect(blocklist.isBlockedEmail("test@test.com"))
        #expect(!blocklist.isBlockedEmail("anna@example.com"))
        #expect(blocklist.isBlockedPhone(digits: "1234567890"))
        #expect(blocklist.isBlockedPhone(digits: "0000000000"))
        #expect(!blocklist.isBlockedPhone(digits: "15550102345"))
        #expect(blocklist.isBlocked("00000000-0000-0000-0000-000000000000"))
        #expect(blocklist.isBlocked("Restricted"))
        #expect(!blocklist.isBlocked("C100234"))
    }
}
