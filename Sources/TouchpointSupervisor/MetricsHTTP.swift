/// The little HTTP that `--metrics-listen` speaks: a request head in, one response out, then the connection closes.
///
/// Enough of HTTP/1.1 (RFC 9112) for a Prometheus scrape, `curl` and a browser: `GET` (or `HEAD`) `/metrics`, any
/// query ignored, headers and body never needed. No keep-alive (`Connection: close`), no chunking, no TLS: it
/// listens on loopback unless told otherwise, and a proxy in front does the rest when a network should reach it.
enum MetricsHTTP {
    /// Prometheus's text exposition format, as its client libraries label it.
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"
    /// The longest request head read (request line and headers); a scraper's is a few hundred bytes.
    static let maxRequestHeadBytes = 8 << 10

    /// Where the request head ends (just past its blank line), or nil while it is incomplete.
    static func headEnd(_ bytes: [UInt8]) -> Int? {
        var index = 0
        while let newline = bytes[index...].firstIndex(of: 0x0A) {
            let next = newline + 1
            if next < bytes.count && bytes[next] == 0x0A { return next + 1 }
            if next + 1 < bytes.count && bytes[next] == 0x0D && bytes[next + 1] == 0x0A { return next + 2 }
            index = next
        }
        return nil
    }

    /// The whole response to a complete request head, given the metrics text to serve.
    static func response(toHead head: ArraySlice<UInt8>, metrics: [UInt8]) -> [UInt8] {
        let lineEnd = head.firstIndex(of: 0x0A) ?? head.endIndex
        var requestLine = head[..<lineEnd]
        if requestLine.last == 0x0D { requestLine = requestLine.dropLast() }
        let parts = requestLine.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
        guard parts.count == 3, parts[2].starts(with: Array("HTTP/1.".utf8)), parts[1].first == UInt8(ascii: "/")
        else {
            return response(400, "Bad Request", body: "touchpoint: not an HTTP/1.x request\n")
        }
        let method = String(decoding: parts[0], as: UTF8.self)
        guard method == "GET" || method == "HEAD" else {
            return response(
                405, "Method Not Allowed", extraHeaders: "Allow: GET, HEAD\r\n",
                body: "touchpoint: \(method) is not served here; GET /metrics\n")
        }
        let path = parts[1].prefix { $0 != UInt8(ascii: "?") }
        let isHead = method == "HEAD"
        guard path.elementsEqual("/metrics".utf8) else {
            return response(404, "Not Found", body: "touchpoint: the metrics are at /metrics\n", isHead: isHead)
        }
        return response(200, "OK", contentType: contentType, body: metrics, isHead: isHead)
    }

    /// The answer to a request head longer than `maxRequestHeadBytes`.
    static let headTooLarge = response(
        431, "Request Header Fields Too Large",
        body: "touchpoint: the request head is over \(maxRequestHeadBytes) bytes\n")

    /// The answer to a client that did not send a whole request in time.
    static let timedOut = response(408, "Request Timeout", body: "touchpoint: no whole request in time\n")

    private static func response(
        _ status: Int, _ reason: String, contentType: String = "text/plain; charset=utf-8", extraHeaders: String = "",
        body: String, isHead: Bool = false
    ) -> [UInt8] {
        response(
            status, reason, contentType: contentType, extraHeaders: extraHeaders, body: Array(body.utf8), isHead: isHead
        )
    }

    private static func response(
        _ status: Int, _ reason: String, contentType: String, extraHeaders: String = "", body: [UInt8], isHead: Bool
    ) -> [UInt8] {
        let head =
            "HTTP/1.1 \(status) \(reason)\r\nContent-Type: \(contentType)\r\nContent-Length: \(body.count)\r\n"
            + extraHeaders + "Connection: close\r\n\r\n"
        return Array(head.utf8) + (isHead ? [] : body)
    }
}
