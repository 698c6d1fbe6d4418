/// Reads the expression language (`Expression`) from a rule's text: a small tokenizer and a recursive-descent
/// parser, one function per precedence level.
struct ExpressionParser {
    private enum Token: Equatable {
        case number(Double)
        case text(String)
        case name(String)
        case symbol(String)
        case end
    }

    private var tokens: [(token: Token, position: Int)] = []
    private var index = 0

    /// Parses `source`, which must be one whole expression.
    static func parse(_ source: String) throws(ExpressionError) -> Expression {
        var parser = ExpressionParser()
        parser.tokens = try tokenize(Array(source.unicodeScalars))
        let expression = try parser.parseOr()
        guard parser.current == .end else {
            throw parser.error("unexpected \(describe(parser.current)) after a complete expression")
        }
        return expression
    }

    // MARK: - Tokens

    private static let symbols = [
        "==", "!=", "<=", ">=", "<", ">", "+", "-", "*", "/", "%", "(", ")", "[", "]", ",", ".",
    ]

    private static func tokenize(_ scalars: [Unicode.Scalar]) throws(ExpressionError) -> [(Token, Int)] {
        var tokens: [(Token, Int)] = []
        var offset = 0
        func isNameStart(_ scalar: Unicode.Scalar) -> Bool {
            (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z") || scalar == "_"
        }
        func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar >= "0" && scalar <= "9" }
        while offset < scalars.count {
            let scalar = scalars[offset]
            let position = offset + 1
            if scalar == " " || scalar == "\t" || scalar == "\n" {
                offset += 1
            } else if isNameStart(scalar) {
                var name = ""
                while offset < scalars.count, isNameStart(scalars[offset]) || isDigit(scalars[offset]) {
                    name.unicodeScalars.append(scalars[offset])
                    offset += 1
                }
                tokens.append((.name(name), position))
            } else if isDigit(scalar) {
                var literal = ""
                while offset < scalars.count, isDigit(scalars[offset]) || scalars[offset] == "." {
                    literal.unicodeScalars.append(scalars[offset])
                    offset += 1
                }
                guard let value = Double(literal) else {
                    throw ExpressionError(position: position, message: "\"\(literal)\" is not a number")
                }
                tokens.append((.number(value), position))
            } else if scalar == "'" || scalar == "\"" {
                var text = ""
                offset += 1
                while offset < scalars.count, scalars[offset] != scalar {
                    if scalars[offset] == "\\", offset + 1 < scalars.count { offset += 1 }
                    text.unicodeScalars.append(scalars[offset])
                    offset += 1
                }
                guard offset < scalars.count else {
                    throw ExpressionError(position: position, message: "text starting here is not closed")
                }
                offset += 1
                tokens.append((.text(text), position))
            } else if let symbol = symbols.first(where: { matches($0, scalars, at: offset) }) {
                tokens.append((.symbol(symbol), position))
                offset += symbol.unicodeScalars.count
            } else if scalar == "=" {
                throw ExpressionError(position: position, message: "\"=\" is not an operator; compare with \"==\"")
            } else {
                throw ExpressionError(position: position, message: "unexpected character \"\(scalar)\"")
            }
        }
        tokens.append((.end, scalars.count + 1))
        return tokens
    }

    private static func matches(_ symbol: String, _ scalars: [Unicode.Scalar], at offset: Int) -> Bool {
        let wanted = Array(symbol.unicodeScalars)
        guard offset + wanted.count <= scalars.count else { return false }
        return Array(scalars[offset..<(offset + wanted.count)]) == wanted
    }

    private static func describe(_ token: Token) -> String {
        switch token {
        case .number(let value): return "number \(value)"
        case .text(let text): return "text '\(text)'"
        case .name(let name): return "\"\(name)\""
        case .symbol(let symbol): return "\"\(symbol)\""
        case .end: return "end of the expression"
        }
    }

    // MARK: - Grammar

    private var current: Token { tokens[index].token }

    private func error(_ message: String) -> ExpressionError {
        ExpressionError(position: tokens[index].position, message: message)
    }

    private mutating func take(_ token: Token) -> Bool {
        guard current == token else { return false }
        index += 1
        return true
    }

    private mutating func expect(_ symbol: String, after what: String) throws(ExpressionError) {
        guard take(.symbol(symbol)) else {
            throw error("expected \"\(symbol)\" \(what), found \(Self.describe(current))")
        }
    }

    private mutating func parseOr() throws(ExpressionError) -> Expression {
        var left = try parseAnd()
        while take(.name("or")) { left = .or(left, try parseAnd()) }
        return left
    }

    private mutating func parseAnd() throws(ExpressionError) -> Expression {
        var left = try parseNot()
        while take(.name("and")) { left = .and(left, try parseNot()) }
        return left
    }

    private mutating func parseNot() throws(ExpressionError) -> Expression {
        if take(.name("not")) { return .not(try parseNot()) }
        return try parseTest()
    }

    private mutating func parseTest() throws(ExpressionError) -> Expression {
        let left = try parseSum()
        if case .symbol(let symbol) = current, let comparison = Expression.Comparison(rawValue: symbol) {
            index += 1
            return .compare(comparison, left, try parseSum())
        }
        if take(.name("in")) { return .isIn(left, try parseSum()) }
        if take(.name("contains")) { return .contains(left, try parseSum()) }
        return left
    }

    private mutating func parseSum() throws(ExpressionError) -> Expression {
        var left = try parseProduct()
        while case .symbol(let symbol) = current, symbol == "+" || symbol == "-" {
            index += 1
            left = .arithmetic(Expression.Arithmetic(rawValue: symbol)!, left, try parseProduct())
        }
        return left
    }

    private mutating func parseProduct() throws(ExpressionError) -> Expression {
        var left = try parseUnary()
        while case .symbol(let symbol) = current, symbol == "*" || symbol == "/" || symbol == "%" {
            index += 1
            left = .arithmetic(Expression.Arithmetic(rawValue: symbol)!, left, try parseUnary())
        }
        return left
    }

    private mutating func parseUnary() throws(ExpressionError) -> Expression {
        if take(.symbol("-")) { return .negate(try parseUnary()) }
        return try parsePrimary()
    }

    private static let keywords: Set<String> = ["and", "or", "not", "in", "contains"]

    private mutating func parsePrimary() throws(ExpressionError) -> Expression {
        let token = current
        switch token {
        case .number(let value):
            index += 1
            return .number(value)
        case .text(let text):
            index += 1
            return .text(ByteString(text))
        case .symbol("("):
            index += 1
            let inner = try parseOr()
            try expect(")", after: "to close \"(\"")
            return inner
        case .symbol("["):
            index += 1
            var items: [Expression] = []
            if !take(.symbol("]")) {
                repeat { items.append(try parseSum()) } while take(.symbol(","))
                try expect("]", after: "to close the list")
            }
            return .list(items)
        case .name("true"):
            index += 1
            return .boolean(true)
        case .name("false"):
            index += 1
            return .boolean(false)
        case .name("null"):
            index += 1
            return .null
        case .name("exists"):
            index += 1
            try expect("(", after: "after exists")
            guard case .name = current else { throw error("exists(…) takes a field path") }
            let path = try parsePath()
            try expect(")", after: "to close exists(")
            return .exists(path)
        case .name(let name) where !Self.keywords.contains(name):
            return .path(try parsePath())
        default:
            throw error("expected a value, a field or \"(\", found \(Self.describe(token))")
        }
    }

    private mutating func parsePath() throws(ExpressionError) -> [String] {
        var path: [String] = []
        repeat {
            guard case .name(let name) = current else {
                throw error("expected a field name after \".\", found \(Self.describe(current))")
            }
            index += 1
            path.append(name)
        } while take(.symbol("."))
        return path
    }
}

extension Expression {
    /// Parses a rule's condition or figure.
    package init(parsing source: String) throws(ExpressionError) { self = try ExpressionParser.parse(source) }
}
