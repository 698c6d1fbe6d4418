import TouchpointCore

/// Reads one of this module's built-in files (`Builtin/…`) as a checked value. A built-in that is missing or
/// does not read is a build defect, not input, so it stops the program naming the file.
func builtinValue<Value>(_ path: String, _ read: (ConfigValue) throws(ConfigError) -> Value) -> Value {
    guard let file = BuiltinFiles.all.first(where: { $0.path == path }) else {
        fatalError("the built-in file \(path) is missing from Sources/TouchpointIdentity/Builtin")
    }
    do {
        return try read(ConfigFile(text: file.text, path: "builtin:" + file.path).root)
    } catch {
        fatalError("the built-in file \(path) is invalid: \(error)")
    }
}
