import Glibc
import TouchpointCore
import TouchpointJSON

/// The line a person at a terminal sees while a batch run reads: bytes read of the total, rate and time left.
///
/// `ingest: 48.0 MB of 200.0 MB (24%), 96.0 MB/s, 2 s left: logs/web.log`, redrawn in place (carriage return, erase
/// to end of line) at most every 250 ms, and erased at the end, so what stays on the screen is only the errors and
/// the counts line. It is the stderr sink while it is shown: anything else written there (an error, a dead letter)
/// first erases the line, which is drawn again at the next update, so messages never run into it.
///
/// Only when stderr is a terminal and the run is a batch one: under a pipeline, a supervisor or a file redirect,
/// stderr stays quiet except for errors and the counts line.
package final class ProgressLine: ByteSink {
    private let terminal: any ByteSink
    /// The size of every regular file in the plan, taken when the run starts (a growing file may read past it).
    private let totalBytes: Int64
    private var finishedBytes: Int64 = 0
    private let startTime = ProcessClock.monotonicMilliseconds()
    private var lastDrawn: Int64 = .min
    private var isShown = false

    static let redrawInterval: Int64 = 250
    /// Carriage return, then erase to the end of the line (ECMA-48 EL).
    private static let erasing: [UInt8] = Array("\r\u{1B}[K".utf8)

    /// A progress line on `descriptor`'s terminal for these files, or nil when `descriptor` is not a terminal.
    package static func onTerminal(_ descriptor: Int32, for paths: [String], resolvedBy resolve: (String) -> String)
        -> ProgressLine?
    {
        guard isatty(descriptor) == 1 else { return nil }
        var total: Int64 = 0
        for path in paths {
            var status = stat()
            if stat(resolve(path), &status) == 0, status.st_mode & S_IFMT == S_IFREG { total += Int64(status.st_size) }
        }
        return ProgressLine(terminal: FileDescriptorSink(descriptor: descriptor), totalBytes: total)
    }

    init(terminal: any ByteSink, totalBytes: Int64) {
        self.terminal = terminal
        self.totalBytes = totalBytes
    }

    package func write(_ bytes: UnsafeRawBufferPointer) throws(ByteStreamError) {
        try erase()
        try terminal.write(bytes)
    }

    /// Shows how far the run is, `offset` bytes into the file `path`; `force` draws even inside the interval (when
    /// a file starts, so the line appears at once).
    func update(path: String, offset: Int64, force: Bool = false) {
        let now = ProcessClock.monotonicMilliseconds()
        guard force || now - lastDrawn >= Self.redrawInterval else { return }
        lastDrawn = now
        let done = finishedBytes + offset
        var text = "ingest: " + Self.size(done)
        if totalBytes > 0 {
            text += " of " + Self.size(totalBytes) + " (\(min(100, done * 100 / totalBytes))%)"
        }
        let elapsed = now - startTime
        if elapsed >= 1000 {
            let rate = Double(done) * 1000 / Double(elapsed)
            text += ", " + Self.size(Int64(rate)) + "/s"
            if totalBytes > done, rate > 0 {
                text += ", \(Int((Double(totalBytes - done) / rate).rounded(.up))) s left"
            }
        }
        text += ": " + path
        let bytes = Self.erasing + Array(text.utf8)
        try? write(bytes, to: terminal)
        isShown = true
    }

    /// A file was read to its end: its bytes count as done.
    func finish(fileBytes: Int64) { finishedBytes += fileBytes }

    /// Takes the line off the screen (before other text, and at the end).
    func erase() throws(ByteStreamError) {
        guard isShown else { return }
        isShown = false
        try write(Self.erasing, to: terminal)
    }

    private func write(_ bytes: [UInt8], to sink: any ByteSink) throws(ByteStreamError) {
        let result: Result<Void, ByteStreamError> = bytes.withUnsafeBytes { buffer in
            Result { () throws(ByteStreamError) in try sink.write(buffer) }
        }
        try result.get()
    }

    /// `512 B`, `48.0 kB`, `1.5 MB`, `2.3 GB` (decimal units, as `ls -h --si` and disk vendors use).
    static func size(_ bytes: Int64) -> String {
        if bytes < 1000 { return "\(bytes) B" }
        let units = ["kB", "MB", "GB", "TB"]
        var value = Double(bytes) / 1000
        var unit = 0
        while value >= 1000 && unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) " + units[unit]
    }
}
