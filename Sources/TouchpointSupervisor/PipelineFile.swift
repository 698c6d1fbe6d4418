import TouchpointCore

/// A parsed pipeline file: one stage per line, in order, each with its arguments.
///
/// The grammar (docs/stages/touchpoint.md): a line holds a stage name and its arguments separated by blanks.
/// Arguments are split as a POSIX shell splits words, but nothing is expanded and no shell ever runs:
/// - `'…'` keeps everything literally; `"…"` keeps everything except `\"`, `\\`, `` \` `` and `\$`, which drop the
///   backslash; outside quotes a backslash keeps the next character literally;
/// - a backslash at the end of a line continues the stage on the next line;
/// - `#` at the start of a word starts a comment that runs to the end of the line; blank lines are ignored;
/// - a quote must close on the line it opened on.
///
/// Errors name the file and line (`demo.pipeline:3: unknown stage "rm"`) and are usage errors: exit 2.
package struct PipelineFile: Equatable, Sendable {
    /// One line of the file: a known stage and the arguments it is started with.
    package struct Step: Equatable, Sendable {
        /// The 1-based line the stage name is on.
        package let lineNumber: Int
        package let stage: StageExecutable
        /// The arguments after the stage name (argv[1...]).
        package let arguments: [String]

        package init(lineNumber: Int, stage: StageExecutable, arguments: [String]) {
            self.lineNumber = lineNumber
            self.stage = stage
            self.arguments = arguments
        }
    }

    /// The path as the user gave it; messages use it.
    package let path: String
    /// Never empty.
    package let steps: [Step]

    /// Parses a pipeline file's text. `path` is used in messages only.
    package init(parsing text: String, path: String) throws(UsageError) {
        let lines: [PipelineLexer.Line]
        do {
            lines = try PipelineLexer.lines(of: text)
        } catch {
            throw UsageError("\(path):\(error.lineNumber): \(error.problem)")
        }
        var steps: [Step] = []
        for line in lines {
            guard let stage = StageExecutable(rawValue: line.words[0]) else {
                throw UsageError("\(path):\(line.lineNumber): unknown stage \"\(line.words[0])\"")
            }
            steps.append(Step(lineNumber: line.lineNumber, stage: stage, arguments: Array(line.words.dropFirst())))
        }
        guard !steps.isEmpty else {
            throw UsageError("\(path): no stages (a pipeline file names one stage per line)")
        }
        self.path = path
        self.steps = steps
    }

    /// Reads and parses the file at `path`; an unreadable or invalid file is a usage error.
    package init(contentsOf path: String) throws(UsageError) {
        let bytes: [UInt8]?
        do {
            bytes = try DurableFile.read(path)
        } catch {
            throw UsageError(error.message)
        }
        guard let bytes else { throw UsageError("\(path): no such file") }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw UsageError("\(path): not valid UTF-8")
        }
        try self.init(parsing: text, path: path)
    }
}
