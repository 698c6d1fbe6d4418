import TouchpointJSON

/// The human sentence of an alert, written as a template with placeholders, e.g.
/// `NPS {survey.nps}, {gap} after a purchase[ of {purchase.amount:money} {purchase.currency}]`.
///
/// - `{role.name}` is the figure `name` (looked up in metrics, then score, then ids) of the evidence that played
///   `role`; `{name}` is a figure of the incident as a whole (`gap`, `count`, `span`).
/// - `:money` writes a number with two decimals (129.90); `:count` groups thousands (48,200).
/// - `[…]` is an optional part, left out when any placeholder inside it has no value. A required placeholder
///   without a value is written as `?`.
package struct SummaryTemplate: Sendable, CustomStringConvertible {
    package let text: String

    package init(_ text: String) { self.text = text }

    package var description: String { text }

    /// The figure names each role's evidence must keep, keyed by role name.
    package var figureNames: [String: [String]] {
        var names: [String: [String]] = [:]
        for placeholder in placeholders {
            guard let dot = placeholder.firstIndex(of: ".") else { continue }
            let role = String(placeholder[..<dot])
            let name = String(placeholder[placeholder.index(after: dot)...].prefix { $0 != ":" })
            if !(names[role]?.contains(name) ?? false) { names[role, default: []].append(name) }
        }
        return names
    }

    /// Every placeholder, without its braces: `survey.nps`, `gap`, `purchase.amount:money`.
    package var placeholderNames: [String] { placeholders }

    private var placeholders: [String] {
        var found: [String] = []
        var current: String?
        for character in text {
            if character == "{" {
                current = ""
            } else if character == "}", let placeholder = current {
                found.append(placeholder)
                current = nil
            } else if current != nil {
                current!.append(character)
            }
        }
        return found
    }

    /// The sentence for an incident.
    package func render(_ incident: Incident) -> String {
        var output = ""
        var optional: String?
        var isOptionalComplete = true
        var placeholder: String?
        for character in text {
            if var name = placeholder {
                if character == "}" {
                    let value = Self.resolve(name, in: incident)
                    if optional != nil {
                        if value == nil { isOptionalComplete = false }
                        optional! += value ?? ""
                    } else {
                        output += value ?? "?"
                    }
                    placeholder = nil
                } else {
                    name.append(character)
                    placeholder = name
                }
            } else if character == "{" {
                placeholder = ""
            } else if character == "[" && optional == nil {
                optional = ""
                isOptionalComplete = true
            } else if character == "]", let part = optional {
                if isOptionalComplete { output += part }
                optional = nil
            } else if optional != nil {
                optional!.append(character)
            } else {
                output.append(character)
            }
        }
        return output
    }

    private static func resolve(_ placeholder: String, in incident: Incident) -> String? {
        var path = Substring(placeholder)
        var format = ""
        if let colon = path.firstIndex(of: ":") {
            format = String(path[path.index(after: colon)...])
            path = path[..<colon]
        }
        guard let dot = path.firstIndex(of: ".") else { return incident.values[String(path)] }
        let role = path[..<dot]
        let name = String(path[path.index(after: dot)...])
        guard let item = incident.evidence.first(where: { $0.role == role })?.item, let value = item.figures[name]
        else { return nil }
        return Self.format(value, as: format)
    }

    private static func format(_ value: JSONValue, as format: String) -> String {
        switch value {
        case .string(let text):
            return text
        case .number(let number):
            switch format {
            case "money":
                return JSONNumber.rounded(number.doubleValue, places: 2).map { Self.twoDecimals($0.doubleValue) }
                    ?? number.literal
            case "count":
                return number.intValue.map(Self.grouped) ?? number.literal
            default:
                return number.literal
            }
        default:
            return value.description
        }
    }

    /// 129.9 -> "129.90", 5 -> "5.00", -3.5 -> "-3.50".
    private static func twoDecimals(_ value: Double) -> String {
        let cents = Int64((abs(value) * 100).rounded())
        let fraction = cents % 100
        return (value < 0 ? "-" : "") + String(cents / 100) + "." + (fraction < 10 ? "0" : "") + String(fraction)
    }

    /// 48200 -> "48,200".
    private static func grouped(_ value: Int) -> String {
        let digits = String(abs(value))
        var result = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return (value < 0 ? "-" : "") + result
    }
}
