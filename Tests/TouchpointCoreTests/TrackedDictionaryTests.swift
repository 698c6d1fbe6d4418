import Testing
import TouchpointCore

/// `TrackedDictionary` is what makes a stage's change frames small: a snapshot followed by its frames, applied in
/// order, must give back exactly the dictionary that wrote them, whatever mix of mutations came in between.
@Suite struct TrackedDictionaryTests {
    private func writeAll(_ dictionary: inout TrackedDictionary<Int>) -> [UInt8] {
        var writer = StateWriter()
        dictionary.writeAll(into: &writer) { $0.write($1) }
        return writer.bytes
    }

    private func writeChanges(_ dictionary: inout TrackedDictionary<Int>) -> [UInt8] {
        var writer = StateWriter()
        dictionary.writeChanges(into: &writer) { $0.write($1) }
        return writer.bytes
    }

    private func readInt(_ reader: inout StateReader) throws(StateError) -> Int { try reader.readInt() }

    @Test func aSnapshotAndItsFramesRestoreTheSameContentsAfterRandomMutations() throws {
        var generator = Sequence64(seed: 7)
        var live = TrackedDictionary<Int>()
        var snapshot: [UInt8] = []
        var frames: [[UInt8]] = []
        for round in 0..<40 {
            for _ in 0..<50 {
                let key = "k\(generator.next() % 60)"
                switch generator.next() % 6 {
                case 0: live[key] = Int(generator.next() % 1000)
                case 1: live.removeValue(forKey: key)
                case 2: live[key, default: 0] += 1
                case 3: live.updateValue(-1, forKey: key)
                case 4: live.removeAll { _, value in value % 97 == 0 }
                default:
                    live.revise { value in
                        value % 5 == 0
                            ? .removed
                            : value % 7 == 0
                                ? .kept
                                : {
                                    value += 3
                                    return .changed
                                }()
                    }
                }
            }
            if round % 10 == 0 {
                snapshot = writeAll(&live)
                frames = []
            } else {
                frames.append(writeChanges(&live))
            }
        }
        var restored = TrackedDictionary<Int>()
        try reading(snapshot) { reader in try restored.restoreAll(from: &reader, readInt) }
        for frame in frames { try reading(frame) { reader in try restored.applyChanges(from: &reader, readInt) } }
        #expect(restored.dictionary == live.dictionary)
        #expect(!live.dictionary.isEmpty)
    }

    @Test func aFrameHoldsOnlyTheKeysTouchedAndNothingWhenNoneWere() throws {
        var live = TrackedDictionary<Int>()
        for index in 0..<1000 { live["k\(index)"] = index }
        _ = writeAll(&live)
        #expect(!live.hasChanges)
        live["k5"] = 50
        live.removeValue(forKey: "k6")
        live.removeValue(forKey: "absent")
        live.revise { _ in .kept }
        let frame = writeChanges(&live)
        var keys: [String] = []
        try reading(frame) { reader in
            #expect(try reader.readBool() == false, "a frame of changes, not of every entry")
            for _ in 0..<(try reader.readInt()) {
                keys.append(try reader.readString())
                if try reader.readBool() { _ = try reader.readInt() }
            }
        }
        #expect(keys == ["k5", "k6"])
        var empty = StateWriter()
        empty.write(false)
        empty.write(0)
        #expect(writeChanges(&live) == empty.bytes)
    }

    /// Without checkpoints (a stage run without `--state`) the touched keys must not grow with every key ever
    /// seen: past a bound the next frame holds every entry, and it still restores the same contents.
    @Test func keysChurnedPastTheBoundGiveAFrameOfEveryEntry() throws {
        var live = TrackedDictionary<Int>()
        let snapshot = writeAll(&live)
        for index in 0..<5_000 {
            live["k\(index)"] = index
            if index % 10 != 0 { live.removeValue(forKey: "k\(index)") }
        }
        let frame = writeChanges(&live)
        var restored = TrackedDictionary<Int>()
        try reading(snapshot) { reader in try restored.restoreAll(from: &reader, readInt) }
        try reading(frame) { reader in
            var peek = reader
            #expect(try peek.readBool() == true)
            try restored.applyChanges(from: &reader, readInt)
        }
        #expect(restored.dictionary == live.dictionary)
        #expect(restored.count == 500)
    }

    @Test func keepDropsValuesAsTheyAreRead() throws {
        var live = TrackedDictionary<Int>()
        live["odd"] = 1
        live["even"] = 2
        let bytes = writeAll(&live)
        var restored = TrackedDictionary<Int>()
        try reading(bytes) { reader in try restored.restoreAll(from: &reader, readInt) { $0 % 2 == 0 } }
        #expect(restored.dictionary == ["even": 2])
    }
}

/// A small deterministic sequence (Knuth's MMIX constants), so a failing case can be run again.
private struct Sequence64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state >> 33
    }
}
