/// The web shop's surroundings: its address, browsers, referrers and help-center topics.
package enum WebCatalog {
    /// Origin of the shop, used in referrers and Segment page URLs.
    package static let shopOrigin = "https://www.larkspur.example".bytes
    /// The brand as customers write it.
    package static let brandName = "Larkspur".bytes
    /// The brand's social handle.
    package static let brandHandle = "@larkspurhome".bytes
    /// The app's name in Segment `context.app.name`.
    package static let appName = "Larkspur".bytes
    /// App versions in circulation; a person stays on one.
    package static let appVersions: [[UInt8]] = ["5.4.0", "5.3.2", "5.2.1"].map(\.bytes)

    /// Desktop browsers.
    package static let desktopAgents: [[UInt8]] = [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15",
        "Mozilla/5.0 (X11; Linux x86_64; rv:131.0) Gecko/20100101 Firefox/131.0",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Safari/537.36 Edg/129.0.0.0",
    ].map(\.bytes)

    /// Phone and tablet browsers.
    package static let mobileAgents: [[UInt8]] = [
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Mobile Safari/537.36",
        "Mozilla/5.0 (Linux; Android 14; SM-S921B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Mobile Safari/537.36",
        "Mozilla/5.0 (iPad; CPU OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1",
    ].map(\.bytes)

    /// What follows `Larkspur/<version>` in the app's user agent, per device.
    package static let appAgentSuffixIOS = " (iPhone; iOS 18.0)".bytes
    package static let appAgentSuffixAndroid = " (Android 14; Pixel 8)".bytes
    package static let appAgentSuffixTablet = " (iPad; iPadOS 17.6)".bytes

    /// External referrers of a session's first page; `-` means none (typed URL, bookmark, app link).
    package static let externalReferrers: [[UInt8]] = [
        "-", "https://www.google.com/", "https://www.google.com/", "https://www.bing.com/", "https://duckduckgo.com/",
        "https://www.instagram.com/", "https://t.co/", "https://www.facebook.com/",
    ].map(\.bytes)

    /// Help-center topics, as in `/help/<topic>`; index 0…7 are used by support flows.
    package static let helpTopics: [[UInt8]] = [
        "shipping", "returns", "warranty", "payment-methods", "order-status", "descaling-guide", "account-login",
        "gift-cards",
    ].map(\.bytes)
}
