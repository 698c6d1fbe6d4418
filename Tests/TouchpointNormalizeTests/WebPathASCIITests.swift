import Testing
import TouchpointJSON
import TouchpointNormalize

/// ASCII paths are classified on bytes; `init(characterPath:)` is the reference. They must give the same route,
/// byte for byte, for every path, including odd ones no shop writes.
struct WebPathASCIITests {
    private static let segmentChoices = [
        "", "products", "reviews", "search", "category", "compare", "cart", "checkout", "complete", "help", "account",
        "orders", "returns", "O-12345678", "espresso-machine-x2", "%41b", "Products",
    ]
    private static let queryChoices = [
        "", "?", "?q=espresso+machine%20x2", "?q=a&q=b", "?q", "?q=", "?=x&q=1", "?%71=encoded-name", "?q=%zz%4",
        "?q=%C3%A9t%C3%A9", "?q=%FF%FE", "?items=a,b,,c", "?items=", "?items=%2C,x", "?order=O-1&order=O-2",
        "?order", "?&&order=O-3&&", "?x=1?order=O-4", "?q=a=b",
    ]

    private static func render(_ route: WebPath) -> String {
        "\(route.type) \(route.stage) \(route.orderID ?? "-") " + JSONWriter.string(.object(JSONObject(route.details)))
    }

    @Test func everyCombinationOfSegmentsAndQueriesAgrees() {
        var checked = 0
        for first in Self.segmentChoices {
            for second in Self.segmentChoices {
                for third in ["", "reviews", "O-1", "x"] {
                    for query in Self.queryChoices {
                        for shape in [
                            "/\(first)/\(second)/\(third)", "\(first)//\(second)/\(third)/", "/\(first)/\(second)",
                        ] {
                            let path = shape + query
                            let expected = Self.render(WebPath(characterPath: path))
                            let actual = Self.render(WebPath(path: path))
                            if actual != expected { Issue.record("\(path): \(actual) != \(expected)") }
                            checked += 1
                        }
                    }
                }
            }
        }
        #expect(checked > 40_000)
    }

    /// Non-ASCII paths take the reference path; a combining mark after a separator keeps it from splitting.
    @Test(arguments: [
        "/products/caf\u{E9}", "/search?q=\u{E9}t\u{E9}", "/help/\u{301}x", "/cart?\u{301}order=1", "/\u{1F600}",
    ])
    func nonASCIIPathsAgree(_ path: String) {
        #expect(Self.render(WebPath(path: path)) == Self.render(WebPath(characterPath: path)))
    }
}
