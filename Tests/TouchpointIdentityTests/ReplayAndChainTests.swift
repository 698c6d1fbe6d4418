import Testing
import TouchpointCore
import TouchpointIdentity
import TouchpointJSON
import TouchpointTesting

/// Merge chains, and ids that stay the same across replays and restarts with trait state.
struct ReplayAndChainTests {
    /// A small population with noise: typos, nicknames, swapped names, transposed dates, trait-only visits,
    /// households, and identifiers that later link the pieces.
    private static let stream: [JSONValue] = {
        let surnames = ["Smith", "Okafor", "Rossi", "Nguyen", "Kowalski", "Baker"]
        let firsts = ["William", "Margaret", "Anna", "Robert", "Elizabeth", "James"]
        let shortForms = ["Bill", "Peggy", "Ann", "Bob", "Liz", "Jim"]
        var lines: [JSONValue] = []
        var second: Int64 = 0
        for (index, surname) in surnames.enumerated() {
            second += 60
            let birthday = "19\(70 + index)-0\(index + 1)-1\(index)"
            let postcode: (String, String) = ("postal_code", "SW\(index + 1) 4ND")
            lines.append(
                person(
                    "web-\(index)", second: second, ids: [("email", "\(surname.lowercased())@example.com")],
                    traits: [
                        ("name", "\(firsts[index]) \(surname)"), ("birthday", birthday), postcode, ("country", "GB"),
                    ],
                    channel: "web"))
            lines.append(
                person(
                    "pos-\(index)", second: second + 1, ids: [("loyalty_id", "L-\(index)")],
                    traits: [("name", "\(shortForms[index]) \(surname)"), postcode, ("country", "GB")]))
            lines.append(
                person(
                    "call-\(index)", second: second + 2, ids: [("phone", "+4477009001\(index)0")],
                    traits: [("first_name", surname), ("last_name", firsts[index]), ("birthday", birthday)],
                    channel: "call_center"))
            // A household member: same surname and postcode, other first name and birth date.
            lines.append(
                person(
                    "pos-h\(index)", second: second + 3,
                    traits: [("name", "Zed \(surname)"), ("birthday", "2001-01-01"), postcode, ("country", "GB")]))
            lines.append(
                event(
                    "app-\(index)", second: second + 4,
                    ids: ["phone": "+4477009001\(index)0", "device_id": "dev-\(index)"]))
        }
        return lines
    }()

    @Test func aChainOfMergesEndsInTheOldestProfileAndOldIdsRedirect() {
        let run = resolve([
            event("a", second: 0, ids: ["email": "a@example.com"]),
            event("b", second: 1, ids: ["phone": "+15550100001"]),
            event("c", second: 2, ids: ["device_id": "d-1"]),
            event("ab", second: 3, ids: ["email": "a@example.com", "phone": "+15550100001"]),
            event("bc", second: 4, ids: ["phone": "+15550100001", "device_id": "d-1"]),
            event("later", second: 5, ids: ["device_id": "d-1"]),
        ])
        let (a, b, c) = (profileID("email:a@example.com"), profileID("phone:+15550100001"), profileID("device_id:d-1"))
        #expect(run.merges.map { $0["survivor"] } == [.string(a), .string(a)])
        #expect(run.merges.map { $0["absorbed"] } == [[.string(b)], [.string(c)]])
        #expect(run.profileIDs.suffix(3) == [a, a, a])
    }

    @Test func theNoisyStreamLinksEachPersonAndKeepsHouseholdsApart() {
        let run = resolve(Self.stream)
        let byEvent = Dictionary(
            uniqueKeysWithValues: run.records(ofKind: "event").map { ($0["id"]!.stringValue!, $0["profile"]?["id"]) })
        for index in 0..<6 {
            let person = byEvent["web-\(index)"]!
            #expect(byEvent["pos-\(index)"]! == person, "pos-\(index)")
            #expect(byEvent["call-\(index)"]! == person, "call-\(index)")
            #expect(byEvent["app-\(index)"]! == person, "app-\(index)")
            #expect(byEvent["pos-h\(index)"]! != person, "pos-h\(index)")
        }
    }

    @Test func aReplayGivesByteIdenticalOutput() {
        let first = resolve(Self.stream)
        #expect(first.output == resolve(Self.stream).output)
        #expect(first.output.contains(#""rule":"traits""#))
    }

    @Test func aRestartFromStateAtEveryBarrierAnswersAsOneRunDoes() throws {
        let whole = resolve(Self.stream)
        let directory = try TemporaryDirectory()
        let state = ["--state", directory.path, "--commit"]
        var pieces = ""
        // One process per slice, each restored from the state the one before committed.
        for (slice, start) in stride(from: 0, to: Self.stream.count, by: 7).enumerated() {
            let lines = Array(Self.stream[start..<min(start + 7, Self.stream.count)])
            let run = resolve(lines, arguments: state)
            #expect(run.status == .success, "\(run.errors)")
            if slice > 0 { #expect(run.errors.contains("state: restored"), "\(run.errors)") }
            pieces += run.output
        }
        #expect(pieces == whole.output)
    }
}
