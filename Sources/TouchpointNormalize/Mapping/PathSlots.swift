import TouchpointJSON

/// The record fields one mapping reads, as a tree of slots: `.context.traits.email` is the step `email` from the
/// slot of `.context.traits`, itself the step `traits` from `.context`.
///
/// While a record is mapped each slot is looked up at most once (`MappingContext.slotNodes`). A Segment mapping
/// reads about seventy paths, most of them alternatives under `.traits` and `.context.traits`: walking each from
/// the top compared the same keys again and again, a quarter of the time normalize spent on a message.
final class PathSlots: @unchecked Sendable {
    struct Slot {
        /// The slot this one steps from; -1 for the record's `data`.
        let parent: Int
        let step: FieldPath.Step
    }

    /// Complete once the mapping is compiled; read only after that.
    private(set) var slots: [Slot] = []
    private var indexes: [[FieldPath.Step]: Int] = [:]

    /// The slot of a path under `data`, adding it and its prefixes.
    func slot(for steps: [FieldPath.Step]) -> Int {
        var parent = -1
        for count in steps.indices {
            let prefix = Array(steps[...count])
            if let known = indexes[prefix] {
                parent = known
                continue
            }
            slots.append(Slot(parent: parent, step: steps[count]))
            parent = slots.count - 1
            indexes[prefix] = parent
        }
        return parent
    }
}

/// What a slot holds while one record is mapped.
enum SlotNode {
    case unknown, absent
    case node(JSONDocument.Node)
}
