import Testing
import TouchpointCore
import TouchpointIdentity
import TouchpointJSON
import TouchpointTesting

/// The graph's checkpoint layout: `resolve-identity/3` keeps the merge history and the refusal times, and a
/// `resolve-identity/2` state (without them) is still read.
struct StateFormatTests {
    static let start = Timestamp(parsing: "2026-10-01T00:00:00Z")!

    static func ids(_ pairs: [(IdentifierType, String)]) -> [Identifier] {
        pairs.map { Identifier(type: $0.0, value: $0.1) }
    }

    static func snapshot(_ resolver: inout IdentityResolver) -> [UInt8] {
        var writer = StateWriter()
        resolver.writeSnapshot(into: &writer)
        return writer.bytes
    }

    static func restored(snapshot: [UInt8], frames: [[UInt8]] = []) throws -> IdentityResolver {
        var resolver = IdentityResolver()
        try snapshot.withUnsafeBufferPointer { bytes in
            var reader = StateReader(bytes)
            try resolver.restore(snapshot: &reader)
        }
        for frame in frames {
            try frame.withUnsafeBufferPointer { bytes in
                var reader = StateReader(bytes)
                try resolver.apply(changes: &reader)
            }
        }
        resolver.finishApplyingChanges()
        return resolver
    }

    @Test func aSnapshotAndAFrameKeepTheMergeHistoryAndTheRefusalTimes() throws {
        var graph = IdentityGraph()
        _ = graph.resolve(Self.ids([(.email, "anna@example.com")]), traits: nil, event: "a", time: Self.start)
        var resolver = IdentityResolver(graph: graph)
        let base = Self.snapshot(&resolver)
        var changed = resolver.graph
        _ = changed.resolve(Self.ids([(.phone, "+15550102345")]), traits: nil, event: "b", time: Self.start)
        _ = changed.resolve(
            Self.ids([(.email, "anna@example.com"), (.phone, "+15550102345")]), traits: nil, event: "c",
            time: Self.start + .hours(1))
        _ = changed.resolve(
            Self.ids([(.customerID, "C-1"), (.email, "anna@example.com")]), traits: nil, event: "d",
            time: Self.start + .hours(2))
        _ = changed.resolve(
            Self.ids([(.customerID, "C-2"), (.email, "anna@example.com")]), traits: nil, event: "e",
            time: Self.start + .hours(3))
        let survivor = profileID("email:anna@example.com")
        #expect(changed.merges[survivor]?.map(\.event) == ["c"])
        #expect(
            changed.guards.refusals["email:anna@example.com"]?.map(\.time) == [
                Self.start + .hours(3), Self.start + .hours(3),
            ])
        resolver = IdentityResolver(graph: changed)
        var writer = StateWriter()
        resolver.writeChanges(into: &writer)
        let frame = writer.bytes

        var fromFrame = try Self.restored(snapshot: base, frames: [frame])
        #expect(fromFrame.graph.merges.dictionary == changed.merges.dictionary)
        #expect(fromFrame.graph.guards.refusals == changed.guards.refusals)
        var fromSnapshot = try Self.restored(snapshot: Self.snapshot(&resolver))
        #expect(Self.snapshot(&fromSnapshot) == Self.snapshot(&fromFrame))
        var erasing = fromSnapshot.graph
        #expect(erasing.merges[survivor]?.map(\.event) == ["c"])
        #expect(erasing.customerView(of: Identifier(type: .phone, value: "+15550102345"))?["merges"] != [])
        // Erasure takes the history with it, and the next frame says so.
        #expect(erasing.forget("phone:+15550102345").count == 2)
        #expect(erasing.merges.isEmpty)
        #expect(erasing.customerView(of: Identifier(type: .email, value: "anna@example.com")) == nil)
        resolver = IdentityResolver(graph: erasing)
        var erasure = StateWriter()
        resolver.writeChanges(into: &erasure)
        let erased = try Self.restored(snapshot: Self.snapshot(&fromSnapshot), frames: [erasure.bytes])
        #expect(erased.graph.merges.isEmpty)
    }

    @Test func aResolveIdentity2StateIsReadWithoutHistoryOrTimes() throws {
        #expect(IdentityResolver.readableFormats == ["resolve-identity/2", "resolve-identity/3"])
        var graph = IdentityGraph()
        _ = graph.resolve(
            Self.ids([(.customerID, "C-1"), (.email, "anna@example.com")]), traits: nil, event: "a", time: Self.start)
        _ = graph.resolve(
            Self.ids([(.customerID, "C-2"), (.email, "anna@example.com")]), traits: nil, event: "b", time: Self.start)
        var resolver = IdentityResolver(graph: graph)
        let current = Self.snapshot(&resolver)
        // resolve-identity/2 ended after the trait rows: here, before an empty history (0) and one key's times.
        var tail = StateWriter()
        tail.write(0)
        tail.write(1)
        tail.write("email:anna@example.com")
        tail.write(2)
        for _ in 0..<2 { tail.write(Self.start) { $0.write($1) } }
        #expect(Array(current.suffix(tail.bytes.count)) == tail.bytes)
        let old = Array(current.dropLast(tail.bytes.count))

        var restored = try Self.restored(snapshot: old)
        #expect(restored.graph.owners == graph.owners)
        #expect(restored.graph.guards.refusals["email:anna@example.com"]?.map(\.time) == [nil, nil])
        // The next refusal takes the missing times as its own; new frames carry the history.
        var next = restored.graph
        _ = next.resolve(
            Self.ids([(.customerID, "C-3"), (.email, "anna@example.com")]), traits: nil, event: "c",
            time: Self.start + .days(9))
        #expect(next.guards.refusals["email:anna@example.com"]?.allSatisfy { $0.time == Self.start + .days(9) } == true)
        restored = IdentityResolver(graph: next)
        var writer = StateWriter()
        restored.writeChanges(into: &writer)
        let upgraded = try Self.restored(snapshot: old, frames: [writer.bytes])
        #expect(upgraded.graph.guards.refusals == next.guards.refusals)
    }
}
