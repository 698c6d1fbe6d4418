import Glibc
import TouchpointCore

/// One `--listen`: the address, and the source name, format and format options in force where it was given, like a
/// file's.
package struct ListenSpecification {
    package var address: ListenAddress
    /// `--source`, else `tcp-PORT` or the socket file's stem.
    package var sourceName: String
    /// A fresh decoder; every connection starts from a copy (its own CSV header, its own state).
    package var format: any RecordFormat
    /// The file mode of a unix socket (`--listen-mode`, default 0600: only ingest's user may connect).
    package var socketMode: mode_t

    /// Reads one `--listen` value; `--listen-public` and `--listen-mode` come from `arguments`, wherever given.
    package init(
        _ text: String, sourceName: String?, format: any RecordFormat, arguments: ParsedArguments
    ) throws(UsageError) {
        address = try ListenAddress(parsing: text)
        socketMode = try Self.socketMode(arguments)
        guard address.isLoopback || arguments.isSet("--listen-public") else {
            throw UsageError(
                "--listen \(text): not a loopback address; other hosts could connect. Add --listen-public to "
                    + "accept connections from the network")
        }
        switch address {
        case .unix(let path): self.sourceName = sourceName ?? FileName(path).stem
        case .tcp(_, let port, _): self.sourceName = sourceName ?? "tcp-\(port)"
        }
        self.format = format
    }

    /// `--listen-mode MODE`: octal, at most 0777 (`0660` lets the socket's group connect too).
    static func socketMode(_ arguments: ParsedArguments) throws(UsageError) -> mode_t {
        guard let text = arguments.value("--listen-mode") else { return 0o600 }
        guard !text.isEmpty, text.count <= 4, text.allSatisfy({ ("0"..."7").contains($0) }),
            let mode = mode_t(text, radix: 8), mode <= 0o777
        else {
            throw UsageError("--listen-mode: \"\(text)\" is not an octal file mode from 000 to 0777 (e.g. 0660)")
        }
        return mode
    }

    /// `--listen-max-connections`: open connections across all listeners; one more is told so and closed.
    package static func maxConnections(_ arguments: ParsedArguments) throws(UsageError) -> Int {
        try arguments.integer("--listen-max-connections", in: 1...65_536, default: 256)
    }
}
