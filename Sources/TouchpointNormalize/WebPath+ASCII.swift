import TouchpointCore
import TouchpointJSON

extension WebPath {
    /// The route of an all-ASCII path, read off its UTF-8 bytes; nil when a byte is not ASCII.
    ///
    /// The same routes as `init(characterPath:)`: in ASCII text every byte is a `Character` boundary, so splitting
    /// bytes at `?`, `/`, `&`, `=` and `,` gives the pieces `split` gives, without grapheme breaking, and without a
    /// `String` per segment or a dictionary of the whole query (only the one parameter a route reads is decoded,
    /// the last one of that name, as the dictionary's last write would be). `WebPathTests` holds the two together.
    static func classifyASCII(_ path: String) -> WebPath? {
        let route = path.utf8.withContiguousStorageIfAvailable { bytes -> WebPath? in
            for byte in bytes where byte >= 0x80 { return nil }
            return classify(ASCIIPath(bytes))
        }
        return route ?? nil
    }

    private static func classify(_ path: ASCIIPath) -> WebPath {
        switch path.segmentCount {
        case 1:
            if path.segment(0, is: "search") {
                return WebPath(
                    type: "search", stage: JourneyStage.research,
                    details: path.queryValue("q").map { [("query", .string($0))] } ?? [])
            }
            if path.segment(0, is: "compare") {
                let items = path.listQueryValue("items").map { JSONValue.string($0) }
                return WebPath(
                    type: "comparison", stage: JourneyStage.comparison,
                    details: items.isEmpty ? [] : [("compared", .array(items))])
            }
            if path.segment(0, is: "cart") { return WebPath(type: "cart", stage: JourneyStage.purchase) }
            if path.segment(0, is: "checkout") { return WebPath(type: "checkout", stage: JourneyStage.purchase) }
            if path.segment(0, is: "help") { return WebPath(type: "page_view", stage: JourneyStage.support) }
            if path.segment(0, is: "returns") { return WebPath(type: "page_view", stage: JourneyStage.support) }
        case 2:
            if path.segment(0, is: "products") {
                return WebPath(
                    type: "product_view", stage: JourneyStage.research,
                    details: [("product", .string(path.segmentString(1)))])
            }
            if path.segment(0, is: "category") {
                return WebPath(
                    type: "page_view", stage: JourneyStage.research,
                    details: [("category", .string(path.segmentString(1)))])
            }
            if path.segment(0, is: "checkout") && path.segment(1, is: "complete") {
                return WebPath(type: "purchase", stage: JourneyStage.purchase, orderID: path.queryValue("order"))
            }
            if path.segment(0, is: "help") {
                return WebPath(
                    type: "page_view", stage: JourneyStage.support, details: [("topic", .string(path.segmentString(1)))]
                )
            }
        case 3:
            if path.segment(0, is: "products") && path.segment(2, is: "reviews") {
                return WebPath(
                    type: "comparison", stage: JourneyStage.comparison,
                    details: [("product", .string(path.segmentString(1)))])
            }
            if path.segment(0, is: "account") && path.segment(1, is: "orders") {
                return WebPath(type: "page_view", stage: JourneyStage.support, orderID: path.segmentString(2))
            }
        default:
            break
        }
        return WebPath(type: "page_view", stage: JourneyStage.research)
    }
}

/// An ASCII path's non-empty `/` segments (the first three, and how many) and its query, as byte ranges.
private struct ASCIIPath {
    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var segmentCount = 0
    private var segments: (Range<Int>, Range<Int>, Range<Int>) = (0..<0, 0..<0, 0..<0)
    /// After the first `?`, or nil when there is none.
    private var query: Range<Int>?

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        let pathEnd = bytes.firstIndex(of: UInt8(ascii: "?")) ?? bytes.count
        if pathEnd < bytes.count { query = pathEnd + 1..<bytes.count }
        var start = 0
        for index in 0...pathEnd where index == pathEnd || bytes[index] == UInt8(ascii: "/") {
            if start < index {
                switch segmentCount {
                case 0: segments.0 = start..<index
                case 1: segments.1 = start..<index
                case 2: segments.2 = start..<index
                default: break
                }
                segmentCount += 1
            }
            start = index + 1
        }
    }

    private func range(_ position: Int) -> Range<Int> {
        switch position {
        case 0: segments.0
        case 1: segments.1
        default: segments.2
        }
    }

    func segment(_ position: Int, is name: StaticString) -> Bool {
        equal(range(position), name)
    }

    func segmentString(_ position: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range(position)]), as: UTF8.self)
    }

    /// The decoded value of the last `name=value` pair whose decoded name is `name` (`""` without `=`).
    func queryValue(_ name: StaticString) -> String? {
        guard let query else { return nil }
        var found: Range<Int>?
        var pairStart = query.lowerBound
        for index in query.lowerBound...query.upperBound
        where index == query.upperBound || bytes[index] == UInt8(ascii: "&") {
            defer { pairStart = index + 1 }
            guard pairStart < index else { continue }
            let equals = bytes[pairStart..<index].firstIndex(of: UInt8(ascii: "=")) ?? index
            // Names are compared decoded, as the dictionary of decoded names did; an ASCII name is its own bytes.
            guard WebPath.percentDecodedBytes(bytes[pairStart..<equals]).elementsEqual(name.utf8Buffer) else {
                continue
            }
            found = equals < index ? equals + 1..<index : index..<index
        }
        return found.map { String(decoding: WebPath.percentDecodedBytes(bytes[$0]), as: UTF8.self) }
    }

    /// `queryValue` split at `,`, empty pieces left out; empty when the parameter is absent.
    func listQueryValue(_ name: StaticString) -> [String] {
        (queryValue(name) ?? "").split(separator: ",").map(String.init)
    }

    private func equal(_ range: Range<Int>, _ name: StaticString) -> Bool {
        UnsafeBufferPointer(rebasing: bytes[range]).elementsEqual(name.utf8Buffer)
    }
}

extension StaticString {
    fileprivate var utf8Buffer: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: utf8Start, count: utf8CodeUnitCount)
    }
}
