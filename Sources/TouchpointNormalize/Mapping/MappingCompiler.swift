import TouchpointCore
import TouchpointJSON

/// Turns a mapping file into a `Mapping`; every problem is a `ConfigError` with the file, line, column and JSON
/// path of the value at fault (docs/stages/normalize.md, "Mapping files").
struct MappingCompiler {
    let tables: [String: PatternTable]
    let lists: [String: [String]]
    /// `let` names defined so far, in order: a value may use the ones before it.
    private var variables: [String] = []
    /// The paths of the mapping being compiled.
    private var slots = PathSlots()

    init(tables: [String: PatternTable], lists: [String: [String]]) {
        self.tables = tables
        self.lists = lists
    }

    static let topLevelKeys = [
        "mapping", "summary", "select", "let", "drop", "require", "event", "ids", "traits", "metrics", "properties",
        "flatten", "keep_unmapped", "ignore",
    ]

    mutating func compile(_ file: ConfigFile) throws(ConfigError) -> Mapping {
        let root = file.root
        slots = PathSlots()
        try root.checkKeys(Self.topLevelKeys)
        let name = try root.required("mapping").string()
        let summary = try root.optional("summary")?.string() ?? ""
        var sources: [String] = []
        var shape: Condition?
        if let select = try root.optional("select") {
            try select.checkKeys(["sources", "shape"])
            sources =
                try select.optional("sources")?.array().map { (value) throws(ConfigError) in try value.string() }
                ?? []
            shape = try select.optional("shape").map { (value) throws(ConfigError) in try condition(value) }
        }
        var compiledVariables: [(name: String, value: ValueExpression)] = []
        for (key, value) in try root.optional("let")?.members() ?? [] {
            let compiled = try self.value(value)
            variables.append(key)
            compiledVariables.append((key, compiled))
        }
        let drops = try (root.optional("drop")?.array() ?? []).map { (rule) throws(ConfigError) -> DropRule in
            try rule.checkKeys(["reason", "when"])
            return DropRule(reason: try rule.required("reason").string(), when: try condition(rule.required("when")))
        }
        let requires = try (root.optional("require")?.array() ?? []).map {
            (rule) throws(ConfigError) -> RequireRule in
            try rule.checkKeys(["when", "problem"])
            return RequireRule(
                when: try condition(rule.required("when")), problem: try rule.required("problem").string())
        }
        let event = try root.required("event")
        try event.checkKeys(["id", "entity", "time", "channel", "type", "stage", "text"])
        let ids = try (root.optional("ids")?.members() ?? []).map {
            (member) throws(ConfigError) -> IdentifierField in try identifier(member.key, member.value)
        }
        let traits = try named(root.optional("traits"))
        let metrics = try (root.optional("metrics")?.members() ?? []).map {
            (member) throws(ConfigError) -> MetricField in try metric(member.key, member.value)
        }
        let properties = try named(root.optional("properties"))
        let flattened = try (root.optional("flatten")?.array() ?? []).map { (value) throws(ConfigError) -> String in
            let path = try dataPath(value)
            guard path.steps.count == 1, case .key(let key) = path.steps[0] else {
                throw value.error("flatten names top-level objects of data, such as \".data\"")
            }
            return key
        }
        let ignored = try (root.optional("ignore")?.array() ?? []).map { (value) throws(ConfigError) in
            try dataPath(value)
        }
        let time = try timeField(event.required("time"))
        func optionalValue(_ key: String) throws(ConfigError) -> ValueExpression? {
            guard let spec = try event.optional(key) else { return nil }
            return try value(spec)
        }
        let id = try optionalValue("id")
        let entity = try optionalValue("entity")
        let channel = try value(event.required("channel"))
        let type = try value(event.required("type"))
        let stage = try optionalValue("stage")
        let text = try optionalValue("text")
        let eventValues = [time.value, channel, type] + [time.zone, id, entity, stage, text].compactMap { $0 }
        return Mapping(
            name: name, summary: summary, sources: sources, shape: shape,
            variables: compiledVariables, drops: drops, requires: requires, id: id, entity: entity, time: time,
            channel: channel, type: type, stage: stage, text: text, ids: ids, traits: traits, metrics: metrics,
            properties: properties, flattened: Set(flattened),
            keepsUnmapped: try root.optional("keep_unmapped")?.bool() ?? true, slots: slots,
            readFields: MappingCompiler.readFields(
                variables: compiledVariables, event: eventValues, ids: ids, traits: traits, metrics: metrics,
                properties: properties, ignored: ignored))
    }

    /// Everything outside `select` and `drop` reads its fields: those are not kept again in `properties`. The
    /// tests that only decide whether a record is kept leave its fields in.
    private static func readFields(
        variables: [(name: String, value: ValueExpression)], event: [ValueExpression], ids: [IdentifierField],
        traits: [(name: String, value: ValueExpression)], metrics: [MetricField],
        properties: [(name: String, value: ValueExpression)], ignored: [FieldPath]
    ) -> FieldTree {
        var tree = FieldTree()
        var values = variables.map(\.value) + event + traits.map(\.value) + metrics.map(\.value)
        values += properties.map(\.value)
        for field in ids { values += [field.value] + [field.platform, field.region].compactMap { $0 } }
        let paths = values.flatMap(\.paths) + ignored
        for path in paths where path.root == .data { tree.insert(path.steps[...]) }
        return tree
    }

    private func named(_ object: ConfigValue?) throws(ConfigError) -> [(name: String, value: ValueExpression)] {
        try (object?.members() ?? []).map { (member) throws(ConfigError) in (member.key, try value(member.value)) }
    }

    // MARK: - Fields

    private func timeField(_ spec: ConfigValue) throws(ConfigError) -> TimeField {
        guard case .object = spec.content, try spec.optional("from") != nil else {
            return TimeField(
                value: try value(spec), reader: TimeReader(formats: [.rfc3339, .epoch]), zone: nil, orReceived: false)
        }
        try spec.checkKeys(["from", "formats", "zone", "or_received"])
        var formats: [TimeFormat] = []
        for format in try spec.optional("formats")?.array() ?? [] {
            let text = try format.string()
            guard let parsed = TimeFormat(name: text) else {
                throw format.error(
                    "unknown time format \"\(text)\"; known: \(TimeFormat.names.joined(separator: ", ")), or a pattern "
                        + "such as \"%d/%m/%Y %H:%M\" (with a month and a day)")
            }
            formats.append(parsed)
        }
        var zone = TimeZoneRules.utc
        var zoneValue: ValueExpression?
        if let zoneSpec = try spec.optional("zone") {
            if case .string(let text) = zoneSpec.content, !text.hasPrefix("."), !text.hasPrefix("$") {
                do {
                    zone = try TimeZoneRules.named(text)
                } catch {
                    throw zoneSpec.error(error.description)
                }
            } else {
                zoneValue = try value(zoneSpec)
            }
        }
        return TimeField(
            value: try value(spec.required("from")),
            reader: TimeReader(formats: formats.isEmpty ? [.rfc3339, .epoch] : formats, zone: zone), zone: zoneValue,
            orReceived: try spec.optional("or_received")?.bool() ?? false)
    }

    private func identifier(_ name: String, _ spec: ConfigValue) throws(ConfigError) -> IdentifierField {
        let standard: IdentifierField.Rules =
            switch name {
            case "email": .email
            case "phone": .phone
            case "social": .social
            case "loyalty": .loyalty
            default: .plain
            }
        guard case .object = spec.content, try spec.optional("from") != nil else {
            if standard == .social { throw spec.error("social needs {\"from\": …, \"platform\": …}") }
            return IdentifierField(name: name, value: try value(spec), rules: standard, platform: nil, region: nil)
        }
        try spec.checkKeys(["from", "rules", "platform", "region"])
        var rules = standard
        if let named = try spec.optional("rules") {
            rules = IdentifierField.Rules(
                rawValue: try named.string(oneOf: ["email", "phone", "social", "loyalty", "plain"]))!
        }
        let platform = try spec.optional("platform").map { (value) throws(ConfigError) in try self.value(value) }
        if rules == .social && platform == nil { throw spec.error("a social identifier needs \"platform\"") }
        return IdentifierField(
            name: name, value: try value(spec.required("from")), rules: rules, platform: platform,
            region: try spec.optional("region").map { (value) throws(ConfigError) in try self.value(value) })
    }

    private func metric(_ name: String, _ spec: ConfigValue) throws(ConfigError) -> MetricField {
        let standard = MetricField.standardKind(name) ?? .number(range: -1e15...1e15, isWhole: false)
        guard case .object = spec.content, try spec.optional("from") != nil else {
            return MetricField(name: name, value: try value(spec), kind: standard)
        }
        try spec.checkKeys(["from", "min", "max", "whole", "currency", "any"])
        if try spec.optional("currency")?.bool() == true {
            return MetricField(name: name, value: try value(spec.required("from")), kind: .currency)
        }
        if try spec.optional("any")?.bool() == true {
            return MetricField(name: name, value: try value(spec.required("from")), kind: .any)
        }
        var range = -1e15...1e15
        var isWhole = false
        if case .number(let standardRange, let standardWhole) = standard {
            range = standardRange
            isWhole = standardWhole
        }
        let low = try spec.optional("min")?.number() ?? range.lowerBound
        let high = try spec.optional("max")?.number() ?? range.upperBound
        guard low <= high else { throw spec.error("min is above max") }
        return MetricField(
            name: name, value: try value(spec.required("from")),
            kind: .number(range: low...high, isWhole: try spec.optional("whole")?.bool() ?? isWhole))
    }

    // MARK: - Values

    static let valueSources = ["from", "value", "first", "join", "lookup", "if", "object"]
    static let transformKeys = [
        "trim", "lower", "upper", "regex", "group", "split", "index", "split_all", "prefix", "suffix", "query_param",
        "url_decode", "sum", "each", "name_part", "map", "default", "table",
        "as", "separator", "key", "equals", "then", "else", "pass_through",
    ]

    /// A value: a string starting with `.` or `$` is a path, an array the first present of its elements, an
    /// object a source (`from`, `value`, `first`, `join`, `lookup`, `if`) with transforms; anything else a constant.
    func value(_ spec: ConfigValue) throws(ConfigError) -> ValueExpression {
        switch spec.content {
        case .string(let text) where text.hasPrefix(".") || text.hasPrefix("$"):
            return .path(try path(spec, text))
        case .array(let alternatives):
            return .first(try alternatives.map { (value) throws(ConfigError) in try self.value(value) })
        case .object:
            return try objectValue(spec)
        default:
            return .constant(spec.jsonValue)
        }
    }

    private func objectValue(_ spec: ConfigValue) throws(ConfigError) -> ValueExpression {
        try spec.checkKeys(Self.valueSources + Self.transformKeys)
        let keys = try spec.members().map(\.key)
        let given = Self.valueSources.filter(keys.contains)
        guard given.count == 1 else {
            throw spec.error(
                "a value object needs exactly one of \(Self.valueSources.map { "\"\($0)\"" }.joined(separator: ", "))"
                    + (given.isEmpty ? "" : "; found " + given.joined(separator: " and ")))
        }
        let base: ValueExpression
        switch given[0] {
        case "from": base = try value(spec.required("from"))
        case "value": base = .constant(try spec.required("value").jsonValue)
        case "first":
            base = .first(
                try spec.required("first").array().map { (value) throws(ConfigError) in try self.value(value) })
        case "join":
            base = .join(
                try spec.required("join").array().map { (value) throws(ConfigError) in try self.value(value) },
                separator: try spec.optional("separator")?.string() ?? "")
        case "lookup":
            let keySpec = try spec.required("key")
            base = .lookup(
                array: try value(spec.required("lookup")), key: try dataPath(keySpec),
                equals: try value(spec.required("equals")))
        case "object":
            base = .object(
                try spec.required("object").members().map { (member) throws(ConfigError) in
                    (member.key, try value(member.value))
                })
        default:
            base = .conditional(
                try condition(spec.required("if")), then: try value(spec.required("then")),
                otherwise: try spec.optional("else").map { (value) throws(ConfigError) in try self.value(value) })
        }
        let transforms = try self.transforms(spec)
        return transforms.isEmpty ? base : .transformed(base, transforms)
    }

    /// The transforms of a value object, in the order the file lists them.
    private func transforms(_ spec: ConfigValue) throws(ConfigError) -> [ValueTransform] {
        var transforms: [ValueTransform] = []
        for (key, member) in try spec.members() {
            switch key {
            case "trim", "lower", "upper":
                guard try member.bool() else { continue }
                transforms.append(key == "trim" ? .trim : key == "lower" ? .lower : .upper)
            case "regex":
                let pattern = try regex(member)
                let group = try spec.optional("group")?.integer(in: 0...9) ?? (pattern.captureGroups > 0 ? 1 : 0)
                guard group <= pattern.captureGroups else {
                    throw member.error("the pattern has \(pattern.captureGroups) groups, not \(group)")
                }
                transforms.append(.regex(pattern, group: group))
            case "split":
                let separator = try member.string()
                guard !separator.isEmpty else { throw member.error("split needs a non-empty separator") }
                transforms.append(
                    .split(separator: separator, index: try spec.optional("index")?.integer(in: -100...100) ?? 0))
            case "split_all":
                let separator = try member.string()
                guard !separator.isEmpty else { throw member.error("split_all needs a non-empty separator") }
                transforms.append(.splitAll(separator))
            case "sum": transforms.append(.sum(try dataPath(member)))
            case "each": transforms.append(.each(try value(member)))
            case "name_part":
                transforms.append(.namePart(isFirst: try member.string(oneOf: ["first", "last"]) == "first"))
            case "query_param": transforms.append(.queryParameter(try member.string()))
            case "url_decode": if try member.bool() { transforms.append(.urlDecode) }
            case "prefix": transforms.append(.prefix(try member.string()))
            case "suffix": transforms.append(.suffix(try member.string()))
            case "map":
                var entries: [String: JSONValue] = [:]
                for (mapKey, mapValue) in try member.members() { entries[mapKey] = mapValue.jsonValue }
                let fallback = try spec.optional("default").map { (value) throws(ConfigError) in try self.value(value) }
                transforms.append(
                    .map(entries, fallback: fallback, passThrough: try spec.optional("pass_through")?.bool() ?? false))
            case "default":
                // With "map", the default is the map's; alone, it stands for a missing value.
                if try spec.optional("map") == nil { transforms.append(.fallback(try value(member))) }
            case "table": transforms.append(.table(try table(member)))
            case "as":
                switch try member.string(oneOf: ["number", "integer", "string", "boolean", "time"]) {
                case "number": transforms.append(.number)
                case "time": transforms.append(.time)
                case "integer": transforms.append(.integer)
                case "boolean": transforms.append(.boolean)
                default: transforms.append(.string)
                }
            default: continue
            }
        }
        return transforms
    }

    private func table(_ spec: ConfigValue) throws(ConfigError) -> PatternTable {
        if case .string(let name) = spec.content {
            guard let table = tables[name] else {
                let known = tables.keys.sorted().joined(separator: ", ")
                throw spec.error("no table \"\(name)\" (tables: \(known.isEmpty ? "none" : known))")
            }
            return table
        }
        return try MappingCompiler.patternTable(rows: spec, ignoresCase: false)
    }

    /// The rows of a pattern table, each with one test and a `then`.
    static func patternTable(rows: ConfigValue, ignoresCase: Bool) throws(ConfigError) -> PatternTable {
        let compiled = try rows.array().map { (row) throws(ConfigError) -> PatternTable.Row in
            try row.checkKeys(["equals", "prefix", "contains", "matches", "then"])
            let then = try row.required("then").jsonValue
            func text(_ key: String) throws(ConfigError) -> String? {
                try row.optional(key).map { (value) throws(ConfigError) in
                    let text = try value.string()
                    return ignoresCase ? text.lowercased() : text
                }
            }
            let test: PatternTable.Test
            if let value = try text("equals") {
                test = .equals(value)
            } else if let value = try text("prefix") {
                test = .prefix(value)
            } else if let value = try text("contains") {
                test = .contains(value)
            } else if let pattern = try row.optional("matches") {
                test = .matches(try regex(pattern, caseInsensitive: ignoresCase))
            } else {
                throw row.error("a row needs one of \"equals\", \"prefix\", \"contains\", \"matches\"")
            }
            return PatternTable.Row(test: test, then: then, usesGroups: PatternTable.usesGroups(then))
        }
        return PatternTable(rows: compiled, ignoresCase: ignoresCase)
    }

    static func regex(_ spec: ConfigValue, caseInsensitive: Bool = false) throws(ConfigError) -> PatternRegex {
        let pattern = try spec.string()
        do {
            return try PatternRegex(pattern, caseInsensitive: caseInsensitive)
        } catch {
            throw spec.error(error.message)
        }
    }

    private func regex(_ spec: ConfigValue) throws(ConfigError) -> PatternRegex { try Self.regex(spec) }

    private func path(_ spec: ConfigValue, _ text: String) throws(ConfigError) -> FieldPath {
        switch FieldPath.parse(text, variables: variables, slots: slots) {
        case .success(let path): return path
        case .failure(let error): throw spec.error("\"\(text)\" is not a path: \(error.message)")
        }
    }

    private func dataPath(_ spec: ConfigValue) throws(ConfigError) -> FieldPath {
        let text = try spec.string()
        let parsed = try path(spec, text)
        guard parsed.root == .data else { throw spec.error("\"\(text)\" must be a field path starting with \".\"") }
        return parsed
    }

    // MARK: - Conditions

    static let conditionKeys = [
        "has", "missing", "of", "equals", "in", "matches", "contains_any", "starts_with", "at_least", "below",
        "same", "any_element", "all", "any", "not", "ignore_case",
    ]

    func condition(_ spec: ConfigValue) throws(ConfigError) -> Condition {
        try spec.checkKeys(Self.conditionKeys)
        let members = try spec.members()
        if let has = try spec.optional("has") { return .present(try value(has)) }
        if let missing = try spec.optional("missing") { return .absent(try value(missing)) }
        if let all = try spec.optional("all") {
            return .all(try all.array().map { (value) throws(ConfigError) in try condition(value) })
        }
        if let any = try spec.optional("any") {
            return .any(try any.array().map { (value) throws(ConfigError) in try condition(value) })
        }
        if let not = try spec.optional("not") { return .not(try condition(not)) }
        if let same = try spec.optional("same") {
            let pair = try same.array()
            guard pair.count == 2 else { throw same.error("same compares two values") }
            return .same(try value(pair[0]), try value(pair[1]))
        }
        guard let of = try spec.optional("of") else {
            throw spec.error(
                "a condition needs \"has\", \"missing\", \"same\", \"all\", \"any\", \"not\", or \"of\" with a test")
        }
        let subject = try value(of)
        let ignoresCase = try spec.optional("ignore_case")?.bool() ?? false
        let tests = members.filter { $0.key != "of" && $0.key != "ignore_case" }
        guard tests.count == 1, let test = tests.first else {
            throw spec.error(
                "\"of\" takes one test: equals, in, matches, contains_any, starts_with, at_least, below, any_element")
        }
        switch test.key {
        case "equals": return .oneOf(subject, TextChoices([try Self.text(test.value)]))
        case "in":
            let choices = try test.value.array().map { (value) throws(ConfigError) in try Self.text(value) }
            return .oneOf(subject, TextChoices(Set(choices)))
        case "matches": return .matches(subject, try Self.regex(test.value, caseInsensitive: ignoresCase))
        case "contains_any": return .containsAny(subject, try list(test.value).map { $0.lowercased() }, TextMemo())
        case "starts_with": return .startsWith(subject, try list(test.value))
        case "at_least": return .atLeast(subject, try test.value.number())
        case "below": return .below(subject, try test.value.number())
        case "any_element": return .anyElement(subject, try condition(test.value))
        default: throw test.value.error("\"\(test.key)\" does not go with \"of\"")
        }
    }

    /// A list given inline, or by the name of a list file.
    private func list(_ spec: ConfigValue) throws(ConfigError) -> [String] {
        if case .string(let name) = spec.content {
            guard let list = lists[name] else {
                let known = lists.keys.sorted().joined(separator: ", ")
                throw spec.error("no list \"\(name)\" (lists: \(known.isEmpty ? "none" : known))")
            }
            return list
        }
        return try spec.array().map { (value) throws(ConfigError) in try value.string() }
    }

    /// A constant compared as text: strings as written, numbers by their literal, booleans as true/false.
    private static func text(_ spec: ConfigValue) throws(ConfigError) -> String {
        guard let text = MappingContext.text(spec.jsonValue) else {
            throw spec.error("expected a string, number or boolean to compare with")
        }
        return text
    }
}
