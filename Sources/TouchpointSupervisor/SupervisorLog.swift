import Glibc
import TouchpointCore
import TouchpointJSON

/// touchpoint's own diagnostics in the run's log format: a `Diagnostics` sink that writes each of its lines
/// (`touchpoint: note: …`) as a line of the stage `touchpoint`, with touchpoint's pid, so the log has one shape
/// whoever wrote the line.
package final class SupervisorLog: ByteSink {
    package let formatter: LogLineFormatter
    /// touchpoint's stderr.
    package let destination: any ByteSink
    private let origin: LogLineFormatter.Origin

    package init(format: LogFormat, destination: any ByteSink) {
        formatter = LogLineFormatter(format: format)
        self.destination = destination
        origin = LogLineFormatter.Origin(label: "touchpoint", program: "touchpoint", pid: getpid())
    }

    /// Formats every line in `bytes` (Diagnostics writes one at a time, each ending in a newline) and writes them
    /// in one piece.
    package func write(_ bytes: UnsafeRawBufferPointer) throws(ByteStreamError) {
        var output: [UInt8] = []
        let time = ProcessClock.now()
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            formatter.append(UnsafeRawBufferPointer(rebasing: bytes[start..<end]), from: origin, at: time, to: &output)
            start = end + 1
        }
        var failure: ByteStreamError?
        output.withUnsafeBytes { bytes in
            do throws(ByteStreamError) { try destination.write(bytes) } catch { failure = error }
        }
        if let failure { throw failure }
    }
}
