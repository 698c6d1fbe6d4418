/// Cuts a byte stream that arrives in arbitrary chunks into lines, keeping the unfinished tail between chunks.
///
/// Used for every child's stderr (relayed line by line, so lines from different stages never mix mid-line) and
/// for the demo's view of the final output. Memory stays bounded by `maxLineBytes` whatever a child writes; what
/// happens to a longer line is the `OverlongLines` policy.
struct LineAssembler {
    /// What becomes of a line longer than `maxLineBytes`.
    enum OverlongLines {
        /// Delivered in pieces of `maxLineBytes` (the demo's NDJSON, whose limit is far above any record).
        case split
        /// Delivered once, at its newline: its first `maxLineBytes` (less, to end on a whole UTF-8 character), then
        /// ` [cut: N more bytes]`; the rest is dropped. A log line stays one line, and says it was cut.
        case cut
    }

    private var pending: [UInt8] = []
    /// Bytes of the current line dropped so far (`.cut`).
    private var droppedCount = 0
    let maxLineBytes: Int
    let overlongLines: OverlongLines

    init(maxLineBytes: Int = 8 << 20, overlongLines: OverlongLines = .split) {
        self.maxLineBytes = maxLineBytes
        self.overlongLines = overlongLines
    }

    /// Appends a chunk and calls `line` for each line it completes, without the `\n`.
    mutating func append(_ chunk: UnsafeRawBufferPointer, line: (UnsafeRawBufferPointer) -> Void) {
        var start = 0
        while let newline = chunk[start...].firstIndex(of: 0x0A) {
            if pending.isEmpty && droppedCount == 0 && newline - start <= maxLineBytes {
                line(UnsafeRawBufferPointer(rebasing: chunk[start..<newline]))
            } else {
                collect(UnsafeRawBufferPointer(rebasing: chunk[start..<newline]), line: line)
                deliverPending(line: line)
            }
            start = newline + 1
        }
        collect(UnsafeRawBufferPointer(rebasing: chunk[start...]), line: line)
    }

    /// At end of stream: delivers an unterminated last line, if any.
    mutating func finish(line: (UnsafeRawBufferPointer) -> Void) {
        guard !pending.isEmpty || droppedCount > 0 else { return }
        deliverPending(line: line)
    }

    /// Adds part of the current line to `pending`, keeping it under `maxLineBytes`.
    private mutating func collect(_ bytes: UnsafeRawBufferPointer, line: (UnsafeRawBufferPointer) -> Void) {
        guard droppedCount == 0 else {
            droppedCount += bytes.count
            return
        }
        pending.append(contentsOf: bytes)
        guard pending.count > maxLineBytes else { return }
        switch overlongLines {
        case .split:
            while pending.count > maxLineBytes {
                pending[..<maxLineBytes].withUnsafeBytes { line($0) }
                pending.removeFirst(maxLineBytes)
            }
        case .cut:
            var kept = maxLineBytes
            // Never half a character: step back over the continuation bytes (10xxxxxx) of the one cut through.
            while kept > maxLineBytes - 3 && pending[kept] & 0xC0 == 0x80 { kept -= 1 }
            droppedCount = pending.count - kept
            pending.removeLast(droppedCount)
        }
    }

    private mutating func deliverPending(line: (UnsafeRawBufferPointer) -> Void) {
        if droppedCount > 0 { pending += Array(" [cut: \(droppedCount) more bytes]".utf8) }
        pending.withUnsafeBytes { line($0) }
        pending.removeAll(keepingCapacity: true)
        droppedCount = 0
    }
}
