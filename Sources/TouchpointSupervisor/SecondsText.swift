/// A number of seconds as a person writes it on the command line (`--stop-timeout 2.5`) and reads it in a message
/// (`2.5 s`, `30 s`).
enum SecondsText {
    static func parse(_ text: String) -> Double? {
        guard let value = Double(text), value.isFinite, value > 0 else { return nil }
        return value
    }

    static func text(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? "\(Int(seconds)) s" : "\(seconds) s"
    }
}
