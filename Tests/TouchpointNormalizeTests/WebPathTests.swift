import Testing
import TouchpointJSON
import TouchpointNormalize

struct WebPathTests {
    @Test(
        arguments: [
            ("/products/espresso-machine-x2", "product_view", "research", #"{"product":"espresso-machine-x2"}"#, nil),
            (
                "/products/espresso-machine-x2/reviews", "comparison", "comparison",
                #"{"product":"espresso-machine-x2"}"#, nil
            ),
            ("/search?q=espresso+machine%20x2", "search", "research", #"{"query":"espresso machine x2"}"#, nil),
            ("/category/kitchen-storage", "page_view", "research", #"{"category":"kitchen-storage"}"#, nil),
            ("/compare?items=a,b", "comparison", "comparison", #"{"compared":["a","b"]}"#, nil),
            ("/cart", "cart", "purchase", "{}", nil),
            ("/checkout", "checkout", "purchase", "{}", nil),
            ("/checkout/complete?order=O-12345678", "purchase", "purchase", "{}", "O-12345678"),
            ("/help/descaling-guide", "page_view", "support", #"{"topic":"descaling-guide"}"#, nil),
            ("/account/orders/O-12345678", "page_view", "support", "{}", "O-12345678"),
            ("/returns", "page_view", "support", "{}", nil),
            ("/", "page_view", "research", "{}", nil),
            ("/static/app.js", "page_view", "research", "{}", nil),
        ] as [(String, String, String, String, String?)])
    func classifies(path: String, type: String, stage: String, details: String, orderID: String?) {
        let route = WebPath(path: path)
        #expect(route.type == type)
        #expect(route.stage == stage)
        #expect(JSONWriter.string(.object(JSONObject(route.details))) == details)
        #expect(route.orderID == orderID)
    }
}
