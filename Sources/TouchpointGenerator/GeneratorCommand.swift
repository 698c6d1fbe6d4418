#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The `touchpoint-gen` command: parses the arguments, generates, and reports.
///
/// It returns the exit status instead of exiting, so tests run the whole command in-process; `main.swift` is the
/// only place that calls `exit`.
package enum GeneratorCommand {
    /// Runs the command. `arguments` is `CommandLine.arguments`, program name first.
    /// Returns 0 on success (and for `--help`/`--version`), 2 on a usage error, 1 on an I/O failure.
    package static func run(_ arguments: [String]) -> Int32 {
        do {
            switch try GeneratorOptions.parse(Array(arguments.dropFirst())) {
            case .help:
                writeAll(GeneratorHelp.text, to: 1)
                return 0
            case .version:
                writeAll("touchpoint-gen \(GeneratorHelp.version)\n", to: 1)
                return 0
            case .generate(let options):
                let summary = try Generator(options: options).write()
                writeAll("touchpoint-gen: note: \(summary.description)\n", to: 2)
                return 0
            }
        } catch {
            writeAll("touchpoint-gen: error: \(error.description)\n", to: 2)
            return error.exitStatus
        }
    }

    /// Writes a whole message to a file descriptor; diagnostics are best effort, so failures are ignored.
    private static func writeAll(_ text: String, to descriptor: Int32) {
        var bytes = Array(text.utf8)
        var offset = 0
        bytes.withUnsafeMutableBytes { raw in
            while offset < raw.count {
                let written = write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 && errno == EINTR { continue }
                if written <= 0 { return }
                offset += written
            }
        }
    }
}
