import Foundation
import Testing
import TouchpointCore
import TouchpointIdentity
import TouchpointJSON
import TouchpointTesting

/// Rule 4 with a window (`guards.max_profiles_per_identifier_window`): only profiles refused within that span of
/// event time count towards making an identifier generic.
struct GuardWindowTests {
    static let storePhone = "+15550109999"
    static let hour: Int64 = 3600
    static let day: Int64 = 86_400

    /// A settings file in `directory` that limits a phone to 2 profiles in refusals; with `window`, within that
    /// span of event time.
    static func settings(window: String?, in directory: TemporaryDirectory) throws -> String {
        let windowMember = window.map { #","max_profiles_per_identifier_window":{"phone":"\#($0)"}"# } ?? ""
        return try directory.write(
            "identity-\(window ?? "none").json",
            #"{"guards":{"max_profiles_per_identifier":{"phone":2}\#(windowMember)}}"#)
    }

    /// Three customers give the store's phone; the third `third` seconds after the second. Then a walk-in gives only
    /// the phone: it joins the first customer unless the phone became generic.
    static func storePhoneStream(third: Int64) -> [JSONValue] {
        [
            event("c1", second: 0, ids: ["customer_id": "C1", "phone": storePhone]),
            event("c2", second: hour, ids: ["customer_id": "C2", "phone": storePhone]),
            event("c3", second: hour + third, ids: ["customer_id": "C3", "phone": storePhone]),
            event("walk-in", second: hour + third + 60, ids: ["phone": storePhone]),
        ]
    }

    @Test func aValueJoiningProfilesSpreadBeyondTheWindowStaysUsable() throws {
        let directory = try TemporaryDirectory()
        let lines = Self.storePhoneStream(third: 2 * Self.day)
        let run = resolve(lines, arguments: ["--config", try Self.settings(window: "1d", in: directory)])
        #expect(run.status == .success, "\(run.errors)")
        #expect(run.profileIDs[3] == profileID("customer_id:C1"))
        // Without the window, the three profiles over two days make the phone generic, as before.
        let unwindowed = try Self.settings(window: nil, in: directory)
        #expect(resolve(lines, arguments: ["--config", unwindowed]).profileIDs[3] == nil)
    }

    @Test func aValueJoiningProfilesWithinTheWindowBecomesGeneric() throws {
        let directory = try TemporaryDirectory()
        let path = try Self.settings(window: "1d", in: directory)
        let run = resolve(Self.storePhoneStream(third: 2 * Self.hour), arguments: ["--config", path])
        #expect(run.profileIDs[3] == nil)
        // A refusal exactly one window after the last still counts: the window includes its end.
        #expect(resolve(Self.storePhoneStream(third: Self.day), arguments: ["--config", path]).profileIDs[3] == nil)
    }

    @Test(arguments: [2 * GuardWindowTests.day, 2 * GuardWindowTests.hour])
    func aRestartFromCheckpointsDecidesAsOneRunDoes(third: Int64) throws {
        let directory = try TemporaryDirectory()
        let path = try Self.settings(window: "1d", in: directory)
        let lines = Self.storePhoneStream(third: third)
        let whole = resolve(lines, arguments: ["--config", path])
        let state = try TemporaryDirectory()
        var pieces = ""
        // One run per event: the first writes a snapshot, the later ones change frames (the refusal times with them).
        for line in lines {
            let run = resolve([line], arguments: ["--config", path, "--state", state.path, "--commit"])
            #expect(run.status == .success, "\(run.errors)")
            pieces += run.output
        }
        #expect(pieces == whole.output)
        #expect(whole.profileIDs[3] == (third > Self.day ? profileID("customer_id:C1") : nil))
    }

    @Test func guardsCountOnlyProfilesWithinTheWindowOfTheLatestRefusal() {
        let rank = IdentifierType.phone.rank
        var windows = [Duration?](repeating: nil, count: IdentifierType.allCases.count)
        windows[rank] = .hours(24)
        var guards = IdentityGuards(limits: Array(repeating: 2, count: windows.count), windows: windows)
        let phone = Identifier(type: .phone, value: Self.storePhone)
        let start = Timestamp(parsing: "2026-10-01T00:00:00Z")!
        let first = guards.recordRefusal(of: phone, between: ["p-1", "p-2"], at: start)
        #expect(first)
        // A day and more later, p-2 has left the window: the phone has met two profiles within it, not three.
        let later = guards.recordRefusal(of: phone, between: ["p-1", "p-3"], at: start + .hours(30))
        #expect(later)
        #expect(guards.refusals[phone.key]?.map(\.profile) == ["p-1", "p-3"])
        // A late event (older than the window before the latest refusal) adds no profile to the window.
        guards.recordRefusal(of: phone, between: ["p-1", "p-4"], at: start - .hours(1))
        #expect(guards.refusals[phone.key]?.map(\.profile) == ["p-1", "p-3"])
        #expect(!guards.isGeneric(phone))
        // Seen again within the window, p-3 is not news (no review); a third profile makes the phone generic.
        let again = guards.recordRefusal(of: phone, between: ["p-1", "p-3"], at: start + .hours(31))
        #expect(!again)
        guards.recordRefusal(of: phone, between: ["p-3", "p-5"], at: start + .hours(32))
        #expect(guards.isGeneric(phone))
    }

    @Test(arguments: [
        (#"{"guards":{"max_profiles_per_identifier_window":{"phone":"0"}}}"#, "longer than 0"),
        (#"{"guards":{"max_profiles_per_identifier_window":{"phone":"soon"}}}"#, "not a duration"),
        (#"{"guards":{"max_profiles_per_identifier_window":{"fax":"1d"}}}"#, "fax"),
        (#"{"guards":{"max_profiles_per_identifier_window":{"phone":7}}}"#, "expected a duration"),
    ])
    func aBadWindowIsAUsageErrorNamingItsPath(file: String, problem: String) throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("identity.json", file)
        let run = resolve([], arguments: ["--config", path])
        #expect(run.status == .usage)
        #expect(run.errors.contains("$.guards.max_profiles_per_identifier_window"), "\(run.errors)")
        #expect(run.errors.contains(problem), "\(run.errors)")
        let check = resolve(text: "", arguments: ["--check", path])
        #expect(check.status == .usage)
        #expect(check.errors.contains(problem), "\(check.errors)")
    }

    @Test func checkAcceptsTheDocumentedSettingsAndEverAsNoWindow() throws {
        let docs = try BuiltProducts.readRepositoryFile("docs/stages/resolve-identity.md")
        let example = try #require(
            docs.components(separatedBy: "```json\n").dropFirst().first { $0.contains("\"guards\"") }?
                .components(separatedBy: "```").first)
        #expect(example.contains("max_profiles_per_identifier_window"))
        let directory = try TemporaryDirectory()
        let path = try directory.write("identity.json", example)
        let check = resolve(text: "", arguments: ["--check", path])
        #expect(check.status == .success, "\(check.errors)")
        #expect(check.output == "\(path): ok\n")
        let ever = try directory.write(
            "ever.json", #"{"guards":{"max_profiles_per_identifier_window":{"default":"30d","phone":"ever"}}}"#)
        let settings = try MatchSettings.loading(userFile: ever)
        #expect(settings.maxProfilesPerIdentifierWindow[IdentifierType.phone.rank] == nil)
        #expect(settings.maxProfilesPerIdentifierWindow[IdentifierType.email.rank] == .days(30))
        #expect(MatchSettings.builtin.maxProfilesPerIdentifierWindow.allSatisfy { $0 == nil })
    }
}
