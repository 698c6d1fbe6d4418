import Foundation
import Testing
import TouchpointCore

/// The POSIX TZ footer rule on its own, through TZif files written here with no transitions at all (the extreme
/// of a "slim" file), so every instant is the footer's. Expected values come from the system's fat files, which
/// `TimeZoneRulesTests` checks against GNU `date`, and for the `J`/`n` rules from arithmetic in the comments.
struct TimeZoneFooterTests {
    /// A version 2 TZif file: an empty v1 block, then a v2 block with one UTC type and `footer`.
    private static func tzif(footer: String) -> [UInt8] {
        func header(_ version: UInt8) -> [UInt8] {
            var bytes = Array("TZif".utf8) + [version] + [UInt8](repeating: 0, count: 15)
            for count: UInt32 in [0, 0, 0, 0, 1, 4] { bytes += withUnsafeBytes(of: count.bigEndian, Array.init) }
            return bytes
        }
        let block: [UInt8] = [0, 0, 0, 0, 0, 0] + Array("UTC\u{0}".utf8)
        return header(0x32) + block + header(0x32) + block + [0x0A] + Array(footer.utf8) + [0x0A]
    }

    private static let directory: String = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("touchpoint-tz-\(getpid())")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }()

    private func rules(footer: String) throws -> TimeZoneRules {
        let name =
            "Footer/" + String(footer.unicodeScalars.map { $0.properties.isAlphabetic ? Character($0) : "_" })
            + "\(footer.utf8.reduce(0) { $0 &* 31 &+ Int($1) } & 0xFFFF)"
        let path = Self.directory + "/" + name
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(Self.tzif(footer: footer)).write(to: URL(fileURLWithPath: path))
        return try TimeZoneRules.named(name, directory: Self.directory)
    }

    private static func utc(_ text: String) -> Int64 { Timestamp(parsing: text)!.milliseconds / 1000 }

    /// (footer string, the system zone whose 2026–2027 it must reproduce hour by hour).
    static let footers: [(String, String)] = [
        ("GMT0BST,M3.5.0/1,M10.5.0", "Europe/London"),
        ("EST5EDT,M3.2.0,M11.1.0", "America/New_York"),
        ("EST5EDT", "America/New_York"),  // daylight without rules: the US rules
        ("AEST-10AEDT,M10.1.0,M4.1.0/3", "Australia/Sydney"),
        ("<+1030>-10:30<+11>-11,M10.1.0,M4.1.0", "Australia/Lord_Howe"),
        ("IST-2IDT,M3.4.4/26,M10.5.0", "Asia/Jerusalem"),  // a change at 26:00, the day after the rule's Thursday
        ("<-02>2<-01>,M3.5.0/-1,M10.5.0/0", "America/Nuuk"),  // a change at -01:00, the evening before
        ("IST-5:30", "Asia/Kolkata"),
    ]

    @Test(arguments: footers) func footerAloneReproducesTheZone(footer: String, zone: String) throws {
        let footerRules = try rules(footer: footer)
        let system = try TimeZoneRules.named(zone)
        let start = Self.utc("2026-01-01T00:30:00Z")
        for instant in stride(from: start, to: start + 2 * 366 * 86_400, by: 1800) {
            guard footerRules.offsetSeconds(atUTC: instant) == system.offsetSeconds(atUTC: instant) else {
                Issue.record("\(footer) differs from \(zone) at \(Timestamp(milliseconds: instant * 1000))")
                return
            }
        }
    }

    @Test func julianAndZeroBasedDays() throws {
        // J60 is March 1 in every year; day 300 counted from 0 is October 28 in 2026, October 27 in 2028.
        let zone = try rules(footer: "<-03>3<-02>,J60/2,300")
        #expect(zone.offsetSeconds(atUTC: Self.utc("2028-03-01T04:59:59Z")) == -10_800)
        #expect(zone.offsetSeconds(atUTC: Self.utc("2028-03-01T05:00:00Z")) == -7200)
        #expect(zone.offsetSeconds(atUTC: Self.utc("2026-10-28T03:59:59Z")) == -7200)
        #expect(zone.offsetSeconds(atUTC: Self.utc("2026-10-28T04:00:00Z")) == -10_800)
        #expect(zone.offsetSeconds(atUTC: Self.utc("2028-10-27T04:00:00Z")) == -10_800)
        #expect(zone.offsetSeconds(atUTC: Self.utc("2028-10-27T03:59:59Z")) == -7200)
    }

    @Test func permanentDaylightTime() throws {
        // RFC 8536 §3.3.1's way of saying "daylight all year".
        let zone = try rules(footer: "EST5EDT,0/0,J365/25")
        for text in ["2026-01-01T05:00:00Z", "2026-07-01T00:00:00Z", "2026-12-31T23:00:00Z"] {
            #expect(zone.offsetSeconds(atUTC: Self.utc(text)) == -14_400, "\(text)")
        }
    }

    @Test(arguments: ["GMT0BST,M13.5.0,M10.5.0", "GM0", "GMT0BST,M3.5.0", "GMT+25", "GMT0BST,M3.5.0/168,M10.5.0"])
    func brokenFootersAreMalformed(footer: String) {
        #expect {
            try rules(footer: footer)
        } throws: { error in
            guard case .malformed = error as? TimeZoneError else { return false }
            return true
        }
    }
}
