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

/// The counting-digits rule against its plain definition, on generated numbers: runs up and down, wrapping
/// through 0, with separators, a country code in front, and near misses.
struct SequentialDigitsTests {
    /// Eight or more digits each one more (or less) than the last, possibly from the second digit.
    private func isCounting(_ value: String, lookingThroughCountryCode: Bool) -> Bool {
        let allowed = Set("0123456789+- ")
        guard value.allSatisfy(allowed.contains) else { return false }
        let digits = value.compactMap(\.wholeNumberValue)
        for start in 0...(lookingThroughCountryCode ? 1 : 0) where digits.count - start >= 8 {
            let run = Array(digits[start...])
            let up = zip(run, run.dropFirst()).allSatisfy { ($0 + 1) % 10 == $1 }
            let down = zip(run, run.dropFirst()).allSatisfy { ($1 + 1) % 10 == $0 }
            if up || down { return true }
        }
        return false
    }

    @Test func theOnePassCheckAgreesWithTheDefinition() {
        let blocklist = IdentifierBlocklist()
        var seed: UInt64 = 42
        func next(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(bound))
        }
        var counted = 0
        for _ in 0..<20_000 {
            var text = next(3) == 0 ? "+" : ""
            var digit = next(10)
            let step = next(2) == 0 ? 1 : 9
            for position in 0..<(6 + next(8)) {
                // A country code, a broken step now and then, separators.
                if position == 0 && next(2) == 0 { text += String(next(10)) }
                if next(12) == 0 { digit = (digit + 1 + next(8)) % 10 }
                text += String(digit)
                digit = (digit + step) % 10
                if next(5) == 0 { text += ["-", " ", "."][next(3)] }
            }
            for lookingThrough in [true, false] {
                let expected = isCounting(text, lookingThroughCountryCode: lookingThrough)
                if expected { counted += 1 }
                let blocked = blocklist.isBlockedPhone(digits: text, lookingThroughCountryCode: lookingThrough)
                #expect(blocked == (expected || isRepeated(text)), "\(text)")
            }
        }
        #expect(counted > 1_000)
    }

    private func isRepeated(_ value: String) -> Bool {
        let kept = value.filter { !"+-. ()".contains($0) }
        return kept.count >= 6 && Set(kept).count == 1
    }
}
