import TouchpointJSON

/// A JSON file a user wrote (mappings, rules, score settings, sources): read once, every value kept with where it
/// stands, so every problem names the file, line, column and JSON path and says what is wrong.
///
/// `rules.json:12:7: $.rules[3].owner: expected a string, found a number`. One loader serves every stage; a stage
/// reads its settings through `ConfigValue`'s accessors, which throw `ConfigError` (a usage error: exit 2).
/// Duplicate keys are an error: in a hand-written file the second one is almost always a mistake, and silently
/// taking either would hide it.
package struct ConfigFile: Sendable {
    /// The path as the user gave it (messages use it).
    package let path: String
    package let root: ConfigValue

    /// Reads and parses `path` (resolved by the caller).
    package init(contentsOf path: String, displayPath: String? = nil) throws(ConfigError) {
        let bytes: [UInt8]?
        do {
            bytes = try DurableFile.read(path)
        } catch {
            throw ConfigError(file: displayPath ?? path, message: error.message)
        }
        guard let bytes else { throw ConfigError(file: displayPath ?? path, message: "no such file") }
        try self.init(bytes: bytes, path: displayPath ?? path)
    }

    /// Parses `bytes` as the file `path` (for built-in files and tests).
    package init(bytes: [UInt8], path: String) throws(ConfigError) {
        self.path = path
        let lines = LineTable(bytes)
        var parser = JSONParser()
        let result: Result<ConfigValue, ConfigError> = bytes.withUnsafeBufferPointer { buffer in
            let document: JSONDocument
            do throws(JSONError) {
                document = try parser.parse(buffer)
            } catch {
                return .failure(
                    ConfigError(file: path, position: lines.position(of: error.offset), message: error.reason.rawValue))
            }
            let origin = ConfigValue.Origin(file: path, lines: lines)
            return Result { () throws(ConfigError) in
                try ConfigValue(document, document.root, path: "$", origin: origin)
            }
        }
        root = try result.get()
    }

    package init(text: String, path: String) throws(ConfigError) { try self.init(bytes: Array(text.utf8), path: path) }
}

/// Line starts of a file, to turn a byte offset into a 1-based line and column (in bytes).
struct LineTable: Sendable {
    private var starts: [Int] = [0]

    init(_ bytes: [UInt8]) {
        for (index, byte) in bytes.enumerated() where byte == 0x0A { starts.append(index + 1) }
    }

    func position(of offset: Int) -> (line: Int, column: Int) {
        var low = 0
        var high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return (low + 1, offset - starts[low] + 1)
    }
}

/// A problem in a configuration file: `file:line:column: $.path: message`. A usage error (exit 2).
package struct ConfigError: Error, Equatable, CustomStringConvertible {
    package let file: String
    package let line: Int?
    package let column: Int?
    package let jsonPath: String?
    package let message: String

    package init(file: String, position: (line: Int, column: Int)? = nil, jsonPath: String? = nil, message: String) {
        self.file = file
        line = position?.line
        column = position?.column
        self.jsonPath = jsonPath
        self.message = message
    }

    package var description: String {
        var text = file
        if let line, let column { text += ":\(line):\(column)" }
        if let jsonPath { text += ": \(jsonPath)" }
        return text + ": " + message
    }

    package var usageError: UsageError { UsageError(description) }
}
