import Glibc
import TouchpointJSON

/// The record an expression is evaluated on: one parsed line, read in place.
package struct RecordView {
    package let document: JSONDocument

    package init(_ document: JSONDocument) { self.document = document }

    /// The node at `path` from the record's root, or nil when any step is missing.
    @inline(__always)
    package func node(at path: [String]) -> JSONDocument.Node? {
        var node = document.root
        for key in path {
            guard let next = document.member(key, of: node) else { return nil }
            node = next
        }
        return node
    }

    package func operand(_ node: JSONDocument.Node) -> Operand {
        switch document.type(of: node) {
        case .null: return .null
        case .bool: return .boolean(document.value(node).boolValue ?? false)
        case .number: return ByteNumber.parse(document.rawBytes(node)).map(Operand.number) ?? .missing
        case .string:
            let raw = document.rawBytes(node)
            guard !raw.isEmpty, memchr(raw.baseAddress!, Int32(UInt8(ascii: "\\")), raw.count) != nil else {
                return .bytes(raw)
            }
            return .decoded(ByteString(document.string(node) ?? ""))
        case .array, .object: return .node(node)
        }
    }
}

extension Expression {
    /// Whether the condition holds for the record: true only for `true` or a present value other than false,
    /// null or missing.
    @inline(__always)
    package func holds(in record: RecordView) -> Bool { Self.isTrue(evaluate(in: record)) }

    /// The value of a figure (`metrics.amount`, `customer.churn_risk`) as a number, if it is one.
    package func number(in record: RecordView) -> Double? { evaluate(in: record).numberValue }

    package func evaluate(in record: RecordView) -> Operand {
        switch self {
        case .number(let value): return .number(value)
        case .text(let string): return .bytes(string.bytes)
        case .boolean(let value): return .boolean(value)
        case .null: return .null
        case .list(let items): return .list(items.map { $0.evaluate(in: record) })
        case .path(let path): return record.node(at: path).map(record.operand) ?? .missing
        case .exists(let path):
            return .boolean(record.node(at: path).map { record.document.type(of: $0) != .null } ?? false)
        case .not(let inner): return .boolean(!Self.isTrue(inner.evaluate(in: record)))
        case .and(let left, let right):
            return .boolean(Self.isTrue(left.evaluate(in: record)) && Self.isTrue(right.evaluate(in: record)))
        case .or(let left, let right):
            return .boolean(Self.isTrue(left.evaluate(in: record)) || Self.isTrue(right.evaluate(in: record)))
        case .compare(let comparison, let left, let right):
            return .boolean(Self.compare(comparison, left.evaluate(in: record), right.evaluate(in: record)))
        case .arithmetic(let operation, let left, let right):
            guard let lhs = left.evaluate(in: record).numberValue, let rhs = right.evaluate(in: record).numberValue
            else { return .missing }
            switch operation {
            case .add: return .number(lhs + rhs)
            case .subtract: return .number(lhs - rhs)
            case .multiply: return .number(lhs * rhs)
            case .divide: return rhs == 0 ? .missing : .number(lhs / rhs)
            case .remainder: return rhs == 0 ? .missing : .number(lhs.truncatingRemainder(dividingBy: rhs))
            }
        case .negate(let inner):
            return inner.evaluate(in: record).numberValue.map { .number(-$0) } ?? .missing
        case .isIn(let left, let right):
            return .boolean(
                Self.members(of: right.evaluate(in: record), in: record, contain: left.evaluate(in: record)))
        case .contains(let left, let right):
            let container = left.evaluate(in: record)
            let item = right.evaluate(in: record)
            if let found = container.withBytes({ haystack in item.withBytes { Self.contains(haystack, $0) } }) {
                return .boolean(found ?? false)
            }
            return .boolean(Self.members(of: container, in: record, contain: item))
        }
    }

    private static func isTrue(_ operand: Operand) -> Bool {
        switch operand {
        case .boolean(let value): return value
        case .missing, .null: return false
        default: return true
        }
    }

    private static func members(of container: Operand, in record: RecordView, contain item: Operand) -> Bool {
        switch container {
        case .list(let items): return items.contains { compare(.equal, $0, item) }
        case .node(let node):
            return record.document.elements(of: node).contains { compare(.equal, record.operand($0), item) }
        default: return false
        }
    }

    /// A comparison with a missing operand is false, whichever the operator; `== null` asks for absence.
    private static func compare(_ comparison: Comparison, _ left: Operand, _ right: Operand) -> Bool {
        if case .null = right, comparison == .equal || comparison == .notEqual {
            return left.isAbsent == (comparison == .equal)
        }
        if left.isAbsent || right.isAbsent { return false }
        if case .boolean(let lhs) = left, case .boolean(let rhs) = right {
            switch comparison {
            case .equal: return lhs == rhs
            case .notEqual: return lhs != rhs
            default: return false
            }
        }
        let isNumeric: Bool
        switch (left, right) {
        case (.number, _), (_, .number): isNumeric = true
        default: isNumeric = false
        }
        if isNumeric {
            guard let lhs = left.numberValue, let rhs = right.numberValue else { return comparison == .notEqual }
            switch comparison {
            case .equal: return lhs == rhs
            case .notEqual: return lhs != rhs
            case .less: return lhs < rhs
            case .lessOrEqual: return lhs <= rhs
            case .greater: return lhs > rhs
            case .greaterOrEqual: return lhs >= rhs
            }
        }
        let order = left.withBytes { lhs in right.withBytes { rhs in Self.order(lhs, rhs) } }
        guard let order = order ?? nil else { return comparison == .notEqual }
        switch comparison {
        case .equal: return order == 0
        case .notEqual: return order != 0
        case .less: return order < 0
        case .lessOrEqual: return order <= 0
        case .greater: return order > 0
        case .greaterOrEqual: return order >= 0
        }
    }

    @inline(__always)
    private static func order(_ lhs: UnsafeBufferPointer<UInt8>, _ rhs: UnsafeBufferPointer<UInt8>) -> Int {
        let common = min(lhs.count, rhs.count)
        if common > 0 {
            let result = memcmp(lhs.baseAddress!, rhs.baseAddress!, common)
            if result != 0 { return Int(result) }
        }
        return lhs.count - rhs.count
    }

    private static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !needle.isEmpty else { return true }
        guard needle.count <= haystack.count else { return false }
        let first = Int32(needle[0])
        var offset = 0
        let last = haystack.count - needle.count
        while offset <= last {
            guard let found = memchr(haystack.baseAddress! + offset, first, last - offset + 1) else { return false }
            offset = haystack.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if memcmp(haystack.baseAddress! + offset, needle.baseAddress!, needle.count) == 0 { return true }
            offset += 1
        }
        return false
    }
}
