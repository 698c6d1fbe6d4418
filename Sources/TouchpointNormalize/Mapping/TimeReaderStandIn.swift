import TouchpointCore

// Stand-in until Core's TimeReader lands (wip/time): RFC 3339 and the access-log form through
// `Timestamp(parsing:)`, epoch numbers by magnitude; zones other than UTC are not applied yet.
enum TimeFormat: Equatable, Sendable {
    case rfc3339, epochSeconds, epochMilliseconds, epochMicroseconds, epoch, accessLog, syslog

    init?(name: String) {
        switch name {
        case "rfc3339": self = .rfc3339
        case "epoch": self = .epoch
        case "epoch_s": self = .epochSeconds
        case "epoch_ms": self = .epochMilliseconds
        case "epoch_us": self = .epochMicroseconds
        case "access_log": self = .accessLog
        case "syslog": self = .syslog
        default: return nil
        }
    }
}

struct TimeZoneRules: Sendable {
    static let utc = TimeZoneRules()
    static func named(_ name: String) -> TimeZoneRules? { name == "UTC" ? .utc : nil }
}

struct TimeReader: Sendable {
    let formats: [TimeFormat]
    let zone: TimeZoneRules

    init(formats: [TimeFormat], zone: TimeZoneRules = .utc) {
        self.formats = formats
        self.zone = zone
    }

    func read(_ text: String, zone: TimeZoneRules? = nil, reference: Timestamp? = nil) -> Timestamp? {
        for format in formats {
            switch format {
            case .rfc3339, .accessLog, .syslog:
                if let time = Timestamp(parsing: text) { return time }
            case .epoch, .epochSeconds, .epochMilliseconds, .epochMicroseconds:
                guard let number = Double(text), number.isFinite else { continue }
                let magnitude = abs(number)
                let scale: Double
                switch format {
                case .epochSeconds: scale = 1000
                case .epochMilliseconds: scale = 1
                case .epochMicroseconds: scale = 0.001
                default: scale = magnitude < 1e11 ? 1000 : magnitude < 1e14 ? 1 : 0.001
                }
                return Timestamp(milliseconds: Int64((number * scale).rounded(.down)))
            }
        }
        return nil
    }
}
