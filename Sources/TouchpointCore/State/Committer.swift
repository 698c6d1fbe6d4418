import Glibc
import TouchpointJSON

/// The end of a pipeline: records each barrier that has left it as committed (contract §4, "Commit").
///
/// The last stage is the committer: a stage run with `--commit`, or `touchpoint commit`, a pass-through that does
/// nothing else. After barrier N is written to its output and flushed (and fsynced, when the output is a regular
/// file), it writes N to the state directory's `committed` file; every stage of the pipeline restores the state of
/// that barrier on its next start, and sources resume from its positions. On start, if the output is a regular file
/// that grew after the last commit, the records in that tail are recognised when they come again (`ReplayFilter`),
/// so the file is appended to, never truncated, and holds each record once.
package final class Committer {
    private let directory: StateDirectory
    private let outputDescriptor: Int32?
    package private(set) var committed: CommitMarker?
    package private(set) var replayFilter: ReplayFilter?
    /// Messages for the stage's diagnostics, gathered while starting.
    package private(set) var notes: [String] = []

    package init(directory: StateDirectory, output: any ByteSink) throws(StageFailure) {
        self.directory = directory
        committed = try CommitMarker.read(from: directory)
        var status = stat()
        if let sink = output as? FileDescriptorSink, fstat(sink.descriptor, &status) == 0,
            status.st_mode & S_IFMT == S_IFREG
        {
            outputDescriptor = sink.descriptor
            try collectTail(size: Int(status.st_size))
        } else {
            outputDescriptor = nil
        }
    }

    /// Commits `barrier` once everything before it has been written to the output. Barriers at or before the last
    /// committed one (a resumed source repeats it) change nothing.
    package func commit(barrier: Int, endOfInput: Bool = false) throws(StageFailure) {
        if let committed, barrier <= committed.barrier { return }
        var offset: Int?
        if let outputDescriptor {
            // The output must survive a crash before the commit says it holds everything up to the barrier.
            guard fsync(outputDescriptor) == 0 || errno == EINVAL else {
                throw StageFailure("output: fsync: \(String(cString: strerror(errno)))")
            }
            var status = stat()
            if fstat(outputDescriptor, &status) == 0 { offset = Int(status.st_size) }
        }
        let marker = CommitMarker(barrier: barrier, outputOffset: offset, isEndOfInput: endOfInput)
        try marker.write(to: directory)
        committed = marker
        if let last = replayFilter?.lastBarrierInTail, barrier > last { replayFilter = nil }
    }

    /// Whether `line`, about to be written, is already in the output's uncommitted tail.
    @inline(__always)
    package func isReplayed(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard replayFilter != nil else { return false }
        let matched = replayFilter!.matches(line)
        if replayFilter!.isEmpty { replayFilter = nil }
        return matched
    }

    private func collectTail(size: Int) throws(StageFailure) {
        guard let outputDescriptor else { return }
        let committedOffset = committed?.outputOffset ?? 0
        if size < committedOffset {
            notes.append(
                "output is \(size) bytes, shorter than the \(committedOffset) bytes committed "
                    + "(was it opened with > instead of >>?); what was committed before is not in it")
            return
        }
        guard size > committedOffset, committed != nil else { return }
        // stdout is usually opened write-only (`>>`); the same file, opened again through /proc, can be read.
        let reader = open("/proc/self/fd/\(outputDescriptor)", O_RDONLY | O_CLOEXEC)
        guard reader >= 0 else { throw StageFailure("output: reopen to read: \(String(cString: strerror(errno)))") }
        defer { close(reader) }
        var tail = [UInt8](repeating: 0, count: size - committedOffset)
        var done = 0
        while done < tail.count {
            let count = tail.withUnsafeMutableBytes {
                pread(reader, $0.baseAddress! + done, $0.count - done, off_t(committedOffset + done))
            }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw StageFailure("output: read: \(String(cString: strerror(errno)))") }
            done += count
        }
        // A line cut short by the crash is garbage nobody could have read whole: cut it off, so new lines start clean.
        if let lastNewline = tail.lastIndex(of: 0x0A), lastNewline < tail.count - 1 {
            let keep = committedOffset + lastNewline + 1
            guard ftruncate(outputDescriptor, off_t(keep)) == 0 else {
                throw StageFailure("output: truncate: \(String(cString: strerror(errno)))")
            }
            notes.append("output ended in a partial line (\(tail.count - lastNewline - 1) bytes); removed it")
            tail.removeSubrange((lastNewline + 1)...)
        } else if tail.lastIndex(of: 0x0A) == nil {
            guard ftruncate(outputDescriptor, off_t(committedOffset)) == 0 else {
                throw StageFailure("output: truncate: \(String(cString: strerror(errno)))")
            }
            notes.append("output ended in a partial line (\(tail.count) bytes); removed it")
            tail.removeAll()
        }
        let filter = ReplayFilter(tail: tail)
        if !filter.isEmpty {
            replayFilter = filter
            notes.append(
                "output holds \(tail.count) bytes written after barrier \(committed!.barrier) was committed; "
                    + "records in them are not written again")
        }
    }
}
