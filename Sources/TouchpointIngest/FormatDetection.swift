import TouchpointCore
import TouchpointJSON

/// The first lines of an input, kept to tell which format they look like when most of its lines fail the format
/// they were given (`FormatDetection`).
///
/// Bounded: at most `maxLines` non-blank lines and `maxBytes` bytes are kept, so feeding every line of a large file
/// costs a comparison per line once the sample is full. Lines are kept as the format saw them (no terminator, the
/// byte order mark of the first line dropped).
package struct FormatSample: Sendable {
    package static let maxLines = 64
    package static let maxBytes = 64 << 10

    package private(set) var lines: [[UInt8]] = []
    private var byteCount = 0

    package init() {}

    /// The lines of the start of a file: split at `\n`, a `\r` before it and a leading byte order mark dropped.
    /// When `prefix` is only the start of the file (`isWholeFile` false), its last line may be cut and is left out.
    package init(prefix: [UInt8], isWholeFile: Bool) {
        var start = prefix.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        prefix.withUnsafeBufferPointer { bytes in
            while start < bytes.count, !isFull {
                guard let newline = bytes[start...].firstIndex(of: 0x0A) else {
                    if isWholeFile { add(UnsafeBufferPointer(rebasing: bytes[start...])) }
                    return
                }
                var end = newline
                if end > start && bytes[end - 1] == 0x0D { end -= 1 }
                add(UnsafeBufferPointer(rebasing: bytes[start..<end]))
                start = newline + 1
            }
        }
    }

    /// Whether the sample holds all it will keep.
    package var isFull: Bool { lines.count >= FormatSample.maxLines || byteCount >= FormatSample.maxBytes }

    /// Keeps `line` unless the sample is full or the line is blank (spaces and tabs only, as ingest counts them).
    package mutating func add(_ line: UnsafeBufferPointer<UInt8>) {
        guard !isFull, !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) else { return }
        let kept = min(line.count, FormatSample.maxBytes - byteCount)
        lines.append(Array(line.prefix(kept)))
        byteCount += kept
    }
}

/// What one registered format (with one set of options) made of a sample.
package struct FormatGuess: Equatable, Sendable {
    /// The name a warning shows: `syslog (RFC 3164)`, `clf`.
    package let label: String
    /// The format's `--format` name, and the options that made this variant.
    package let formatName: String
    package let options: [FormatOptionAssignment]
    /// Sample lines that decoded as records (a CSV header is not one).
    package let decodedLines: Int
    package let sampledLines: Int

    /// `web.log: 2000 of 2000 lines failed format clf; they look like syslog (RFC 3164)`.
    package func warning(file: String, failedLines: Int, ofLines lines: Int, formatName failing: String) -> String {
        "\(file): \(failedLines) of \(lines) lines failed format \(failing); they look like \(label)"
    }
}

/// Which format a file's first lines look like: every registered format, with each of its `detectionVariants`,
/// decodes the sample, and the one that decodes the most lines wins.
///
/// For the warning after a file whose lines mostly failed their format: "web.log: 2000 of 2000 lines failed format
/// clf; they look like syslog (RFC 3164)". It is a hint, not a choice made for the user: records are never decoded
/// with a guessed format. Ties go to the earlier format in `FormatRegistry.all`. A format that reports its result
/// as not distinctive (csv or tsv with a one-column header: any text is one column) is left out, so free text is
/// not "csv". Time is linear in the sample, which is bounded.
package enum FormatDetection {
    /// Every variant that decoded at least one sample line, best first.
    package static func rank(_ sample: FormatSample, maxRecordBytes: Int = 1 << 20) -> [FormatGuess] {
        var guesses: [(guess: FormatGuess, order: Int)] = []
        var order = 0
        for format in FormatRegistry.all {
            for variant in format.detectionVariants {
                order += 1
                let options = FormatOptions(maxRecordBytes: maxRecordBytes, assignments: variant.options)
                guard var decoder = try? format.init(options: options) else { continue }
                let decoded = decodedLines(of: sample, with: &decoder)
                guard decoded > 0, decoder.isDistinctive else { continue }
                let guess = FormatGuess(
                    label: variant.label, formatName: format.name, options: variant.options, decodedLines: decoded,
                    sampledLines: sample.lines.count)
                guesses.append((guess, order))
            }
        }
        guesses.sort { ($0.guess.decodedLines, -$0.order) > ($1.guess.decodedLines, -$1.order) }
        return guesses.map(\.guess)
    }

    /// The best guess for lines that failed `formatName` with `options`, when it decodes more than half of the
    /// sample; nil when nothing does. The failing format itself is not suggested, but a variant of it with other
    /// options is (lines that fail `syslog` with `rfc=5424` may look like `syslog (RFC 3164)`).
    package static func suggestion(
        for sample: FormatSample, failing formatName: String, options: FormatOptions = FormatOptions()
    ) -> FormatGuess? {
        rank(sample, maxRecordBytes: options.maxRecordBytes).first { guess in
            let isTheFailingOne =
                guess.formatName == formatName && guess.options.allSatisfy { options.assignments.contains($0) }
            return !isTheFailingOne && guess.decodedLines * 2 > guess.sampledLines
        }
    }

    /// How many sample lines `format` decodes to records; a record spanning lines counts once.
    private static func decodedLines(of sample: FormatSample, with format: inout any RecordFormat) -> Int {
        var data: [UInt8] = []
        var count = 0
        for (index, line) in sample.lines.enumerated() {
            data.removeAll(keepingCapacity: true)
            let decoded = line.withUnsafeBufferPointer {
                format.decode($0, at: LinePosition(number: index + 1, offset: 0), into: &data)
            }
            if decoded == .record { count += 1 }
        }
        data.removeAll(keepingCapacity: true)
        if format.finish(into: &data) == .record { count += 1 }
        return count
    }
}
