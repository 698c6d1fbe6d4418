import TouchpointJSON

/// Writes `<program>: <severity>: <message>` lines to stderr right away (STYLE C6).
package struct Diagnostics {
    package let program: String
    package let sink: any ByteSink

    package init(program: String, sink: any ByteSink) {
        self.program = program
        self.sink = sink
    }

    package func error(_ message: String) { emit("error", message) }
    package func warning(_ message: String) { emit("warning", message) }
    package func note(_ message: String) { emit("note", message) }
    /// A progress line for the supervisor (`--status-every`), which reads it instead of relaying it.
    package func status(_ message: String) { emit("status", message) }

    private func emit(_ severity: String, _ message: String) {
        var line = Array("\(program): \(severity): \(message)\n".utf8)
        // stderr gone is no reason to fail a stage whose records are still flowing.
        line.withUnsafeMutableBytes { try? sink.write(UnsafeRawBufferPointer($0)) }
    }
}
