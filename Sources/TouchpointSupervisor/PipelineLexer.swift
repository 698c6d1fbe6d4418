/// Splits pipeline-file text into logical lines of words, shell-like but without any expansion.
///
/// Works on Unicode scalars, not `Character`s, because Swift fuses `"\r\n"` into one `Character` and a CRLF file
/// must split like an LF one. The grammar is documented on `PipelineFile`.
enum PipelineLexer {
    /// A logical line: the words of one stage and the line its first word is on.
    struct Line: Equatable {
        let lineNumber: Int
        /// Never empty.
        let words: [String]
    }

    /// A lexical error on a line.
    struct Failure: Error {
        let lineNumber: Int
        let problem: String
    }

    static func lines(of text: String) throws(Failure) -> [Line] {
        let scalars = Array(text.unicodeScalars)
        var lines: [Line] = []
        var words: [String] = []
        var word = String.UnicodeScalarView()
        // A word exists once anything, even an empty quoted string, has started it.
        var isInWord = false
        var lineNumber = 1
        var firstWordLineNumber = 1
        var index = 0

        func startWord() {
            if !isInWord && words.isEmpty { firstWordLineNumber = lineNumber }
            isInWord = true
        }
        func endWord() throws(Failure) {
            guard isInWord else { return }
            // execve takes C strings: a NUL would silently cut the argument short.
            guard !word.contains("\0") else {
                throw Failure(lineNumber: lineNumber, problem: "NUL character in an argument")
            }
            words.append(String(word))
            word = String.UnicodeScalarView()
            isInWord = false
        }
        func endLine() throws(Failure) {
            try endWord()
            if !words.isEmpty { lines.append(Line(lineNumber: firstWordLineNumber, words: words)) }
            words = []
        }

        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case "\n":
                try endLine()
                lineNumber += 1
                index += 1
            case " ", "\t", "\r":
                try endWord()
                index += 1
            case "#" where !isInWord:
                while index < scalars.count && scalars[index] != "\n" { index += 1 }
            case "\\":
                guard index + 1 < scalars.count else {
                    throw Failure(lineNumber: lineNumber, problem: "backslash at end of file")
                }
                if scalars[index + 1] == "\n" {
                    // A continuation: the newline vanishes, the word (if any) goes on.
                    lineNumber += 1
                } else {
                    startWord()
                    word.append(scalars[index + 1])
                }
                index += 2
            case "'":
                startWord()
                index += 1
                while index < scalars.count && scalars[index] != "'" && scalars[index] != "\n" {
                    word.append(scalars[index])
                    index += 1
                }
                guard index < scalars.count && scalars[index] == "'" else {
                    throw Failure(lineNumber: lineNumber, problem: "unterminated single quote")
                }
                index += 1
            case "\"":
                startWord()
                index += 1
                while index < scalars.count && scalars[index] != "\"" && scalars[index] != "\n" {
                    if scalars[index] == "\\", index + 1 < scalars.count,
                        "\"\\$`".unicodeScalars.contains(scalars[index + 1])
                    {
                        index += 1
                    }
                    word.append(scalars[index])
                    index += 1
                }
                guard index < scalars.count && scalars[index] == "\"" else {
                    throw Failure(lineNumber: lineNumber, problem: "unterminated double quote")
                }
                index += 1
            default:
                startWord()
                word.append(scalar)
                index += 1
            }
        }
        try endLine()
        return lines
    }
}
