/// Cuts a byte stream that arrives in arbitrary chunks into lines, keeping the unfinished tail between chunks.
///
/// Used for every child's stderr (relayed line by line, so lines from different stages never mix mid-line) and
/// for the demo's view of the final output. A line longer than `maxLineBytes` is delivered in pieces of that size
/// rather than held without bound; stage diagnostics and dead letters are far below the default.
struct LineAssembler {
    private var pending: [UInt8] = []
    let maxLineBytes: Int

    init(maxLineBytes: Int = 8 << 20) { self.maxLineBytes = maxLineBytes }

    /// Appends a chunk and calls `line` for each line it completes, without the `\n`.
    mutating func append(_ chunk: UnsafeRawBufferPointer, line: (UnsafeRawBufferPointer) -> Void) {
        var start = 0
        while let newline = chunk[start...].firstIndex(of: 0x0A) {
            if pending.isEmpty {
                line(UnsafeRawBufferPointer(rebasing: chunk[start..<newline]))
            } else {
                pending.append(contentsOf: chunk[start..<newline])
                pending.withUnsafeBytes { line($0) }
                pending.removeAll(keepingCapacity: true)
            }
            start = newline + 1
        }
        pending.append(contentsOf: chunk[start...])
        while pending.count >= maxLineBytes {
            pending[..<maxLineBytes].withUnsafeBytes { line($0) }
            pending.removeFirst(maxLineBytes)
        }
    }

    /// At end of stream: delivers an unterminated last line, if any.
    mutating func finish(line: (UnsafeRawBufferPointer) -> Void) {
        guard !pending.isEmpty else { return }
        pending.withUnsafeBytes { line($0) }
        pending.removeAll()
    }
}
