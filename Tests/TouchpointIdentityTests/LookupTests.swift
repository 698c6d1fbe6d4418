import Foundation
import Testing
import TouchpointCore
import TouchpointJSON
import TouchpointTesting

/// `resolve-identity --lookup TYPE:VALUE --state DIR`, with the real executable on real files: the customer view
/// of the graph a real run committed, after a restart, beside a running stage, and its errors.
@Suite struct LookupTests {
    static let anna = profileID("email:anna@example.com")
    static let till = profileID("phone:+15550102345")

    /// Monday: Anna on the web (with her name and postcode), and a till purchase known only by a phone.
    static let monday = ndjson([
        person(
            "web-1", ids: [("email", "anna@example.com")],
            traits: [("name", "Anna Smith"), ("postal_code", "SW1A 1AA"), ("country", "GB")], channel: "web"),
        event("pos-1", second: 60, ids: ["phone": "+15550102345"]),
    ])

    /// Tuesday, after a restart: a call links the phone to Anna (a merge), the app gives her customer id, and a
    /// shop order with another customer id and her email is refused (a guard entry).
    static let tuesday = ndjson([
        event("call-1", second: 86_400, ids: ["email": "ANNA@example.com", "phone": "+15550102345"]),
        event("app-1", second: 86_460, ids: ["customer_id": "C-1", "email": "anna@example.com"]),
        event("shop-2", second: 86_520, ids: ["customer_id": "C-2", "email": "anna@example.com"]),
    ])

    static func ndjson(_ lines: [JSONValue]) -> String { lines.map { JSONWriter.string($0) + "\n" }.joined() }

    static func barrier(_ id: Int) -> String { JSONWriter.string(Barrier(id: id, positions: []).jsonValue) + "\n" }

    /// Runs the real `resolve-identity` in `directory`, stdin from the file `input` there (else empty).
    static func resolveIdentity(_ arguments: [String], input: String? = nil, in directory: TemporaryDirectory) throws
        -> (status: Int32, output: String, errors: String)
    {
        let bytes = try input.map { [UInt8](try Data(contentsOf: URL(fileURLWithPath: directory.path + "/" + $0))) }
        return try ChildProcess.run(
            BuiltProducts.executable("resolve-identity"), arguments, input: bytes ?? [],
            directory: URL(fileURLWithPath: directory.path))
    }

    /// Every file under `folder` with its size and modification time, to show that nothing changed.
    static func listing(_ folder: String) throws -> [String] {
        let manager = FileManager.default
        return try (manager.subpathsOfDirectory(atPath: folder)).sorted().map { name in
            let attributes = try manager.attributesOfItem(atPath: folder + "/" + name)
            let size = (attributes[.size] as? NSNumber)?.intValue ?? -1
            let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            return "\(name) \(size) \(modified)"
        }
    }

    /// A folder where Monday and, after a restart, Tuesday ran with `--state st --commit`; Tuesday's output.
    static func twoDays() throws -> (TemporaryDirectory, [JSONValue]) {
        let directory = try TemporaryDirectory()
        try directory.write("monday.ndjson", monday)
        try directory.write("tuesday.ndjson", tuesday)
        let first = try resolveIdentity(["--state", "st", "--commit"], input: "monday.ndjson", in: directory)
        #expect(first.status == 0, "\(first.errors)")
        let second = try resolveIdentity(["--state", "st", "--commit"], input: "tuesday.ndjson", in: directory)
        #expect(second.status == 0, "\(second.errors)")
        #expect(second.errors.contains("state: restored barrier 1"), "\(second.errors)")
        let records = try second.output.split(separator: "\n").map { try JSONParser.parseValue(String($0)) }
        return (directory, records)
    }

    @Test func aLookupAfterARestartShowsTheWholeCustomer() throws {
        let (directory, tuesday) = try Self.twoDays()
        let before = try Self.listing(directory.path + "/st")
        let found = try Self.resolveIdentity(["--lookup", "email:Anna@Example.COM", "--state", "st"], in: directory)
        #expect(found.status == 0, "\(found.errors)")
        #expect(found.errors.isEmpty)
        #expect(found.output.hasPrefix(#"{"identifier":"email:anna@example.com","profile":"\#(Self.anna)","#))
        #expect(found.output.hasSuffix("\n") && found.output.split(separator: "\n").count == 1)
        let view = try JSONParser.parseValue(found.output)
        let shop = tuesday.first { $0["id"] == "shop-2" }?["profile"]?["id"]
        #expect(
            view["identifiers"]
                == ["customer_id": ["C-1"], "email": ["anna@example.com"], "phone": ["+15550102345"]])
        #expect(view["absorbed"] == [.string(Self.till)])
        #expect(view["merges"] == .array(tuesday.filter { $0["kind"] == "merge" }))
        #expect(view["merges"]?.arrayValue?.first?["identifier"] == "phone")
        #expect(view["traits"]?["names"] == [["first": "anna", "last": "smith"]])
        #expect(view["traits"]?["postcodes"] == ["SW1A 1AA"])
        #expect(view["generic"] == [])
        #expect(
            view["refusals"]
                == [
                    [
                        "identifier": "email:anna@example.com", "profiles": [.string(Self.anna), shop!],
                        "time": "2026-10-02T00:02:00.000Z",
                    ]
                ])
        #expect(view["barrier"] == 2)
        #expect(view["linked_to"] == nil)

        // By the absorbed profile's phone, written as people write it: the same customer, by redirect.
        let byPhone = try Self.resolveIdentity(["--lookup", "phone:+1 (555) 010-2345", "--state", "st"], in: directory)
        #expect(byPhone.status == 0, "\(byPhone.errors)")
        let phoneView = try JSONParser.parseValue(byPhone.output)
        #expect(phoneView["profile"] == .string(Self.anna))
        #expect(phoneView["linked_to"] == .string(Self.till))
        #expect(phoneView["merges"] == view["merges"])

        let again = try Self.resolveIdentity(["--lookup", "email:anna@example.com", "--state", "st"], in: directory)
        #expect(again.output == found.output)
        #expect(try Self.listing(directory.path + "/st") == before)
    }

    @Test func anUnknownIdentifierExitsOneAndSaysSo() throws {
        let (directory, _) = try Self.twoDays()
        let result = try Self.resolveIdentity(["--lookup", "email:carla@example.com", "--state", "st"], in: directory)
        #expect(result.status == 1)
        #expect(result.output.isEmpty)
        #expect(
            result.errors
                == "resolve-identity: error: email:carla@example.com: not known in st (committed barrier 2)\n")
        let nothing = try Self.resolveIdentity(
            ["--lookup", "email:anna@example.com", "--state", "empty"], in: directory)
        #expect(nothing.status == 1)
        #expect(nothing.errors.contains("empty: no such state directory"), "\(nothing.errors)")
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/empty"))
    }

    @Test(arguments: [
        (["--lookup", "email", "--state", "st"], "is not TYPE:VALUE"),
        (["--lookup", "fax:+15550102345", "--state", "st"], "is not TYPE:VALUE"),
        (["--lookup", "email:  ", "--state", "st"], "never identifies anyone"),
        (["--lookup", "phone:0000000000", "--state", "st"], "never identifies anyone"),
        (["--lookup", "email:anna@example.com"], "--lookup: needs --state DIR"),
        (["--lookup", "email:anna@example.com", "--state", "st", "--commit"], "--commit: does not go with --lookup"),
        (["--lookup"], "--lookup: missing value"),
    ])
    func aMalformedLookupOrAMissingStateIsAUsageError(arguments: [String], message: String) throws {
        let directory = try TemporaryDirectory()
        let result = try Self.resolveIdentity(arguments, in: directory)
        #expect(result.status == 2)
        #expect(result.output.isEmpty)
        #expect(result.errors.hasPrefix("resolve-identity: error: "), "\(result.errors)")
        #expect(result.errors.contains(message), "\(result.errors)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    @Test func helpNamesTheLookupOnceAndIsAnsweredBeforeIt() {
        let help = resolve(text: "", arguments: ["--help", "--lookup", "email:anna@example.com"])
        #expect(help.status == .success)
        #expect(help.output.components(separatedBy: "usage: ").count == 2)
        #expect(help.output.contains("resolve-identity --lookup TYPE:VALUE --state DIR\n"))
    }

    /// The stage holds its folder's lock while it runs; a lookup takes none, removes nothing (not even a temporary
    /// the stage might be writing) and reads as of the committed barrier, and the stage goes on undisturbed.
    @Test func aLookupBesideARunningStageChangesNothing() throws {
        let directory = try TemporaryDirectory()
        try directory.write("monday.ndjson", Self.monday)
        #expect(
            try Self.resolveIdentity(["--state", "st", "--commit"], input: "monday.ndjson", in: directory).status == 0)
        let live = try ChildProcess(
            BuiltProducts.executable("resolve-identity"), ["--state", "st", "--commit"],
            directory: URL(fileURLWithPath: directory.path))
        try live.write(Self.ndjson([event("call-1", second: 86_400, ids: Self.callIDs)]) + Self.barrier(2))
        let marker = directory.path + "/st/committed"
        #expect(
            live.waitUntil { _ in
                (try? String(contentsOfFile: marker, encoding: .utf8))?.contains(#""barrier":2"#) == true
            })
        // As if the stage were in the middle of replacing a snapshot.
        directory.write("st/resolve-identity/snapshot-000000000003.state.tmp-99999-1-1", [0x54, 0x50])
        let before = try Self.listing(directory.path + "/st")

        let found = try Self.resolveIdentity(["--lookup", "phone:+15550102345", "--state", "st"], in: directory)
        #expect(found.status == 0, "\(found.errors)")
        let view = try JSONParser.parseValue(found.output)
        #expect(view["absorbed"] == [.string(Self.till)])
        #expect(view["barrier"] == 2)
        #expect(try Self.listing(directory.path + "/st") == before)

        try live.write(
            Self.ndjson([event("app-1", second: 86_460, ids: ["email": "anna@example.com"])]) + Self.barrier(3))
        #expect(live.waitUntil { $0.output.contains(#"{"kind":"barrier","id":3"#) })
        try live.closeInput()
        #expect(live.finish().status == 0)
        #expect(!live.errors.contains("error"), "\(live.errors)")

        // A run that commits nothing leaves checkpoints a restart would discard; a lookup reads the committed barrier
        // and leaves them too.
        try directory.write(
            "wednesday.ndjson", Self.ndjson([event("web-2", second: 172_800, ids: ["email": "bob@example.com"])]))
        #expect(try Self.resolveIdentity(["--state", "st"], input: "wednesday.ndjson", in: directory).status == 0)
        let uncommitted = try Self.listing(directory.path + "/st")
        let bob = try Self.resolveIdentity(["--lookup", "email:bob@example.com", "--state", "st"], in: directory)
        #expect(bob.status == 1)
        #expect(bob.errors.contains("committed barrier 3"), "\(bob.errors)")
        #expect(try Self.listing(directory.path + "/st") == uncommitted)
    }

    static let callIDs = ["email": "anna@example.com", "phone": "+15550102345"]
}
