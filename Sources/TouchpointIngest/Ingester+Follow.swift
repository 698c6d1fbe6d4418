import Glibc
import TouchpointCore
import TouchpointJSON

/// `--follow`: tail -F semantics, with positions a restart can trust.
///
/// Every named path is followed through its *generations*: the file at the path between two rotations, known by
/// device, inode and the fingerprint of its first bytes. Appended bytes are read as they arrive; a partial last line
/// waits in the line reader for its newline (`FollowedFileSource`). Each pass reads every generation to the end of
/// what was written, then checks every path:
/// - the path names another file, or none (rename rotation, logrotate's `create`, or a delete): the old generation
///   is read on for `rotateWait` after it last grew, because a writer that has not reopened yet still appends to it,
///   and the new file at the path is opened as soon as it exists;
/// - the open file is shorter than what was read, or its first bytes changed (copytruncate, or a truncation): a
///   note on stderr, then the path is read again from its start. If a copy with the same first bytes and at least
///   the committed length sits beside it (`copytruncate` to `path.1`), the lines that were not read yet are taken
///   from the copy first, so only lines written between logrotate's copy and its truncate can be lost.
///
/// After each pass with news (and at most every `barrierSpacing`) a barrier lists the positions, with the quiet
/// sources `idle`, so the commit advances and a quiet source does not hold back watermarks. Between passes the
/// follower sleeps in `FileWatcher.wait`; SIGTERM/SIGINT wake it, and it writes a final barrier and its counts.
extension Ingester {
    /// How long a rotated-away file is still read after it last grew (fluent-bit's `Rotate_Wait` is the same idea).
    static let rotateWait: Int64 = 5_000
    /// The least time between two barriers while following, so a busy file does not checkpoint on every line.
    static let barrierSpacing: Int64 = 100

    /// One generation of a followed path.
    struct Generation {
        let pathIndex: Int
        var reading: Reading
        let source: FollowedFileSource?
        /// When the path was seen to name another file (monotonic ms); nil while this is the file at the path.
        var rotatedAt: Int64?
        /// When bytes were last read from it (monotonic ms).
        var grewAt: Int64
        var isFinished = false
        /// Whether its reading already returned end of input (or failed), so there is no last line left to read.
        var isDrained = false
    }

    /// A path named on the command line.
    struct FollowedPath {
        let specification: InputSpecification
        let resolved: String
        var isWaitingReported = false
        /// Whether a file was ever opened at it: after a rotation, the moment without a file is not worth a note.
        var hasBeenOpened = false
    }

    mutating func follow() -> ExitStatus {
        var hasFailed = false
        let watcher = FileWatcher(isPolling: plan.isPolling)
        // Only a pipe is watched for its reader going away; a file or terminal has none that can.
        let outputPipe = self.outputPipe
        var paths: [FollowedPath] = []
        var generations: [Generation] = []
        defer {
            closeListeners()
            for index in generations.indices {
                generations[index].reading.close()
                inputs[generations[index].reading.index].close()
            }
        }
        do {
            try openListeners()
            try restore()
            if lastBarrier == nil { try emitBarrier() }
            for (index, specification) in plan.inputs.enumerated() {
                let path = specification.path ?? "-"
                let followed = FollowedPath(specification: specification, resolved: io.resolvedPath(path))
                paths.append(followed)
                openedUpTo = index + 1
                watcher.watchDirectory(Self.directory(of: followed.resolved))
                try resumeRotated(pathIndex: index, paths: paths, into: &generations, watcher: watcher)
                if !(try openCurrent(pathIndex: index, paths: &paths, into: &generations, watcher: watcher)) {
                    hasFailed = true
                }
            }
            var matched = Set(paths.map(\.resolved))
            try followNewMatches(&paths, &generations, matched: &matched, watcher: watcher)
            for glob in plan.globs where glob.matches(workingDirectory: io.workingDirectory).isEmpty {
                context.diagnostics.note("\(glob.pattern): no file matches yet; waiting for one to appear")
            }
            if !paths.isEmpty || !plan.globs.isEmpty {
                context.diagnostics.note(
                    "following \(paths.count) file\(paths.count == 1 ? "" : "s") "
                        + (watcher.isUsingInotify ? "(inotify)" : "(polling every \(watcher.pollInterval) ms)"))
            }
            while !io.isStopRequested() {
                // Waiting for a file to change is interrupted by a status request as well.
                context.reportStatusIfRequested()
                if case .stopped = try readAll(&generations) { break }
                try serviceListeners()
                if try followNewMatches(&paths, &generations, matched: &matched, watcher: watcher) { continue }
                let checked = try checkPaths(&paths, &generations, watcher: watcher)
                hasFailed = hasFailed || checked.hasFailed
                // A finished generation may have a final unterminated line to deliver; read it, then drop it.
                for index in generations.indices where generations[index].isFinished {
                    if !generations[index].isDrained { _ = try read(&generations[index].reading) }
                    let inputIndex = generations[index].reading.index
                    reportFormatFit(
                        of: inputs[inputIndex].specification, format: generations[index].reading.format)
                    generations[index].reading.close()
                    inputs[inputIndex].close()
                    inputs[inputIndex].isDone = true
                    inputs[inputIndex].isRetired = true
                }
                generations.removeAll(where: \.isFinished)
                let now = ProcessClock.monotonicMilliseconds()
                var timeout = try emitBarrierIfDue(now: now)
                try flushOutput()
                for generation in generations {
                    guard generation.rotatedAt != nil else { continue }
                    let due = max(0, generation.grewAt + Self.rotateWait - now)
                    timeout = timeout < 0 ? due : min(timeout, due)
                }
                if checked.hasChanged { timeout = 0 }
                for path in paths { watcher.watchDirectory(Self.directory(of: path.resolved)) }
                for glob in plan.globs { watcher.watchDirectory(Self.directory(of: io.resolvedPath(glob.pattern))) }
                if watcher.wait(
                    timeout: Int32(clamping: timeout), wake: io.wakeDescriptor, output: outputPipe,
                    sockets: listenerSet?.pollDescriptors ?? [])
                {
                    throw IngestFailure.output(.downstreamClosed)
                }
            }
            try drainListeners()
            for index in inputs.indices where !inputs[index].isDone { inputs[index].isIdle = true }
            try emitBarrier()
            try flushOutput()
            context.reportCounts()
            return hasFailed ? .failure : .success
        } catch IngestFailure.output(.downstreamClosed), ByteStreamError.downstreamClosed {
            context.reportCounts(isCutShort: true)
            return .success
        } catch {
            context.diagnostics.error("\(error)")
            return .failure
        }
    }

    /// Follows the files the patterns match that are not followed yet; true if there were any. A file already read in
    /// this run under another name (a pattern that also matches the rotated names) is left alone: its lines came out.
    @discardableResult
    private mutating func followNewMatches(
        _ paths: inout [FollowedPath], _ generations: inout [Generation], matched: inout Set<String>,
        watcher: FileWatcher
    ) throws -> Bool {
        var hasNew = false
        for glob in plan.globs {
            for path in glob.matches(workingDirectory: io.workingDirectory) {
                let resolved = io.resolvedPath(path)
                guard !matched.contains(resolved), let specification = glob.specification(for: path) else { continue }
                matched.insert(resolved)
                var status = stat()
                if stat(resolved, &status) == 0,
                    inputs.contains(where: {
                        $0.device == UInt64(status.st_dev) && $0.inode == UInt64(status.st_ino)
                    })
                {
                    continue
                }
                addedInputs.append(specification)
                paths.append(FollowedPath(specification: specification, resolved: resolved))
                watcher.watchDirectory(Self.directory(of: resolved))
                try resumeRotated(pathIndex: paths.count - 1, paths: paths, into: &generations, watcher: watcher)
                _ = try openCurrent(pathIndex: paths.count - 1, paths: &paths, into: &generations, watcher: watcher)
                hasNew = true
            }
        }
        return hasNew
    }

    /// Writes the barrier that the records since the last one (or moved positions, or changed statuses) call for,
    /// once `barrierSpacing` has passed; returns in how many ms it will be due (-1: none is owed).
    mutating func emitBarrierIfDue(now: Int64) throws(IngestFailure) -> Int64 {
        guard
            recordsSinceBarrier > 0 || nextBarrier.positions != lastBarrier?.positions
                || nextBarrier.sources != lastBarrier?.sources
        else { return -1 }
        let due = lastBarrierTime + Self.barrierSpacing - now
        guard due <= 0 else { return due }
        // The records first: a checkpoint's fsync must not stand between an append and its output.
        try flushOutput()
        try emitBarrier()
        return -1
    }

    func flushOutput() throws(IngestFailure) {
        do {
            try context.flush()
        } catch {
            throw .output(error)
        }
    }

    /// Reads every generation to the end of what is written; oldest first, so a rotated file's last lines come
    /// before the new file's first ones.
    private mutating func readAll(_ generations: inout [Generation]) throws(IngestFailure) -> InputOutcome {
        for index in generations.indices where !generations[index].isFinished {
            let inputIndex = generations[index].reading.index
            let before = generations[index].source?.readOffset
            inputs[inputIndex].isIdle = false
            let outcome = try read(&generations[index].reading)
            inputs[inputIndex].isIdle = true
            if let before, generations[index].source?.readOffset != before {
                generations[index].grewAt = ProcessClock.monotonicMilliseconds()
            }
            switch outcome {
            case .wouldBlock:
                continue
            case .stopped:
                inputs[inputIndex].isIdle = false
                return .stopped
            case .endOfInput:
                generations[index].isFinished = true
                generations[index].isDrained = true
            case .readFailed(let code):
                let path = inputs[inputIndex].specification.path ?? "-"
                context.diagnostics.error(InputError(path: path, errno: code).description)
                generations[index].isFinished = true
                generations[index].isDrained = true
            case .invalidData(let problem):
                context.diagnostics.error(problem)
                generations[index].isFinished = true
                generations[index].isDrained = true
            }
        }
        return .wouldBlock
    }

    // MARK: - Rotation and truncation

    /// Looks at every path and its open generations; returns whether something failed to open, and whether a
    /// generation was opened or finished (the next pass then comes at once: the new file may hold lines already).
    private mutating func checkPaths(
        _ paths: inout [FollowedPath], _ generations: inout [Generation], watcher: FileWatcher
    ) throws -> (hasFailed: Bool, hasChanged: Bool) {
        var hasFailed = false
        var hasChanged = false
        let now = ProcessClock.monotonicMilliseconds()
        for pathIndex in paths.indices {
            let current = generations.firstIndex {
                $0.pathIndex == pathIndex && $0.rotatedAt == nil && !$0.isFinished
            }
            if let current, let source = generations[current].source {
                let inputIndex = generations[current].reading.index
                if source.size.map({ $0 < source.readOffset }) ?? false || !inputs[inputIndex].refreshFingerprint() {
                    truncated(current, pathIndex: pathIndex, paths[pathIndex], &generations)
                    hasChanged = true
                } else {
                    var status = stat()
                    let exists = stat(paths[pathIndex].resolved, &status) == 0
                    if !exists || UInt64(status.st_dev) != inputs[inputIndex].device
                        || UInt64(status.st_ino) != inputs[inputIndex].inode
                    {
                        generations[current].rotatedAt = now
                        // The rotated file may have grown since the last read: it is read again before it retires.
                        generations[current].grewAt = now
                    }
                }
            }
            if !generations.contains(where: { $0.pathIndex == pathIndex && $0.rotatedAt == nil && !$0.isFinished }) {
                let count = generations.count
                if !(try openCurrent(pathIndex: pathIndex, paths: &paths, into: &generations, watcher: watcher)) {
                    hasFailed = true
                }
                if generations.count != count { hasChanged = true }
            }
        }
        for index in generations.indices where generations[index].rotatedAt != nil && !generations[index].isFinished {
            guard let source = generations[index].source else { continue }
            if !source.hasUnreadBytes && now - generations[index].grewAt >= Self.rotateWait {
                source.finish()
                generations[index].isFinished = true
                hasChanged = true
            }
        }
        return (hasFailed, hasChanged)
    }

    /// Adds a generation for an opened input, read from its committed position; its CSV header is read first
    /// unless `resume` has read it already.
    private mutating func addGeneration(
        _ input: Input, format: any RecordFormat, pathIndex: Int, isRotated: Bool, _ generations: inout [Generation],
        readsHeader: Bool = true
    ) {
        var format = format
        if readsHeader, format.isAwaitingHeader, input.committedOffset > 0, let descriptor = input.descriptor {
            try? readHeader(into: &format, from: InputSource(FileDescriptorSource(descriptor: descriptor)))
        }
        inputs.append(input)
        let source = FollowedFileSource(descriptor: input.descriptor ?? -1, offset: input.committedOffset)
        let now = ProcessClock.monotonicMilliseconds()
        generations.append(
            Generation(
                pathIndex: pathIndex,
                reading: Reading(
                    index: inputs.count - 1, specification: input.specification, format: format,
                    source: InputSource(source), start: input.start, plan: plan, isFollowed: true),
                source: source, rotatedAt: isRotated ? now : nil, grewAt: now))
    }

    /// The file at a path shrank below what was read, or its first bytes changed: read it again from its start,
    /// after whatever a copy beside it still holds.
    private mutating func truncated(
        _ current: Int, pathIndex: Int, _ path: FollowedPath, _ generations: inout [Generation]
    ) {
        let inputIndex = generations[current].reading.index
        let committed = inputs[inputIndex].position
        let name = path.specification.path ?? "-"
        if let copy = findRotated(committed, path: path, allowsCopy: true),
            case .success(var input) = Input.open(
                path.specification, workingDirectory: nil, at: copy.path)
        {
            // The line in hand may be cut short by the truncation; the copy has it whole, from the committed offset.
            generations[current].source?.finish()
            generations[current].reading.close()
            inputs[inputIndex].close()
            inputs[inputIndex].isDone = true
            inputs[inputIndex].isRetired = true
            generations.remove(at: current)
            context.diagnostics.note(
                "\(name): truncated after byte \(committed.offset); reading the rest from \(copy.path), "
                    + "then \(name) from its start")
            input.commit(offset: committed.offset, lines: committed.line ?? 0)
            // A fresh decoder: `addGeneration` gives it the copy's own header before the committed offset.
            addGeneration(input, format: path.specification.format, pathIndex: pathIndex, isRotated: true, &generations)
            return
        }
        context.diagnostics.note("\(name): truncated after byte \(committed.offset); reading it from its start")
        generations[current].source?.finish()
        generations[current].rotatedAt = ProcessClock.monotonicMilliseconds()
        generations[current].isFinished = true
    }

    /// Opens the file now at a path as its current generation. False when it exists but cannot be opened; a missing
    /// file is waited for (tail -F), with one note.
    private mutating func openCurrent(
        pathIndex: Int, paths: inout [FollowedPath], into generations: inout [Generation], watcher: FileWatcher
    ) throws -> Bool {
        let path = paths[pathIndex]
        let name = path.specification.path ?? "-"
        var status = stat()
        if stat(path.resolved, &status) != 0 {
            if !path.isWaitingReported && !path.hasBeenOpened {
                context.diagnostics.note("\(name): \(String(cString: strerror(errno))); waiting for it to appear")
                paths[pathIndex].isWaitingReported = true
            }
            return true
        }
        // A rotated file still being read may be back at the path (renamed back): it is not a new file.
        let isOpenAlready = generations.contains {
            inputs[$0.reading.index].device == UInt64(status.st_dev)
                && inputs[$0.reading.index].inode == UInt64(status.st_ino)
                && !$0.isFinished && $0.rotatedAt == nil
        }
        // A compressed file is read once: the same one is not read again on every pass.
        let isCompressedAndRead = inputs.contains {
            $0.isCompressed && $0.device == UInt64(status.st_dev) && $0.inode == UInt64(status.st_ino)
        }
        if isOpenAlready || isCompressedAndRead { return true }
        switch Input.open(path.specification, workingDirectory: io.workingDirectory) {
        case .failure(let error):
            if error.errno == ENOENT { return true }
            if !path.isWaitingReported {
                context.diagnostics.error(error.description)
                paths[pathIndex].isWaitingReported = true
            }
            return false
        case .success(var input):
            paths[pathIndex].isWaitingReported = false
            paths[pathIndex].hasBeenOpened = true
            var format = path.specification.format
            var headerSource = InputSource(FileDescriptorSource(descriptor: input.descriptor ?? -1))
            try resume(&input, format: &format, source: &headerSource)
            watcher.watchFile(path.resolved)
            if input.isCompressed {
                // A compressed file does not grow: it is read once, as in a batch run.
                try readCompressed(input, format: format)
                return true
            }
            // `resume` read the header already: the format goes on from there.
            addGeneration(
                input, format: format, pathIndex: pathIndex, isRotated: false, &generations, readsHeader: false)
            // What the restored barrier said of this path and did not match is gone now (resumeRotated took the
            // rotated files).
            resumePositions.removeAll {
                $0.source == path.specification.sourceName && $0.file == path.specification.path
            }
            return true
        }
    }

    private mutating func readCompressed(_ input: Input, format: any RecordFormat) throws(IngestFailure) {
        let name = input.specification.path ?? "-"
        inputs.append(input)
        var reading = Reading(
            index: inputs.count - 1, specification: input.specification, format: format,
            source: InputSource(GzipSource(FileDescriptorSource(descriptor: input.descriptor ?? -1), name: name)),
            start: input.start, plan: plan, isFollowed: false)
        defer { reading.close() }
        switch try read(&reading) {
        case .readFailed(let code): context.diagnostics.error(InputError(path: name, errno: code).description)
        case .invalidData(let problem): context.diagnostics.error(problem)
        default: break
        }
        inputs[inputs.count - 1].isDone = true
        inputs[inputs.count - 1].close()
    }

    // MARK: - Resume

    /// On a restart, the committed barrier may name a file of this path that has since been rotated away: find it
    /// beside the path (by device, inode and fingerprint) and read what it holds past the committed position
    /// before the file now at the path.
    private mutating func resumeRotated(
        pathIndex: Int, paths: [FollowedPath], into generations: inout [Generation], watcher: FileWatcher
    ) throws(IngestFailure) {
        let path = paths[pathIndex]
        let specification = path.specification
        let name = specification.path ?? "-"
        let current: Input? =
            if case .success(let input) = Input.open(specification, workingDirectory: io.workingDirectory) {
                input
            } else {
                nil
            }
        defer { current?.close() }
        let mine = resumePositions.filter { $0.source == specification.sourceName && $0.file == specification.path }
        for position in mine {
            // The file still at the path is resumed by `openCurrent`, as in a batch run.
            if let current, current.isSameFile(as: position) { continue }
            resumePositions.removeAll { $0 == position }
            guard let found = findRotated(position, path: path, allowsCopy: true),
                case .success(var input) = Input.open(specification, workingDirectory: nil, at: found.path)
            else {
                context.diagnostics.warning(
                    "\(name): the file read up to byte \(position.offset) (inode "
                        + "\(position.inode.map(String.init) ?? "?")) is no longer beside it; what it held past "
                        + "that position was not read")
                continue
            }
            context.diagnostics.note("\(name): resuming the rotated file \(found.path) at byte \(position.offset)")
            input.commit(offset: position.offset, lines: position.line ?? 0)
            watcher.watchFile(found.path)
            addGeneration(input, format: specification.format, pathIndex: pathIndex, isRotated: true, &generations)
        }
    }

    /// Where the file a position names went: a file in the same folder whose name starts with the path's and whose
    /// device and inode match (a rename rotation: `web.log.1`, `web.log-20261201`), or, with `allowsCopy`, the
    /// copy logrotate's `copytruncate` made (`web.log.1`, same first bytes, a new inode). Compressed rotations are
    /// not looked into: their inode is new and their bytes are not the plain ones.
    func findRotated(_ position: SourcePosition, path: FollowedPath, allowsCopy: Bool) -> (path: String, offset: Int)? {
        let directory = Self.directory(of: path.resolved)
        let base = String(path.resolved.split(separator: "/", omittingEmptySubsequences: false).last ?? "")
        guard let stream = opendir(directory) else { return nil }
        defer { closedir(stream) }
        var candidates: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            guard name != base, name.hasPrefix(base + ".") || name.hasPrefix(base + "-") else { continue }
            candidates.append(name)
        }
        // logrotate's newest rotation first.
        candidates.sort { ($0 == base + ".1" ? 0 : 1, $0) < ($1 == base + ".1" ? 0 : 1, $1) }
        for name in candidates {
            // A relative path's folder is "."; the note then names the file as the user would.
            let candidate = path.resolved.contains("/") ? directory + "/" + name : name
            var status = stat()
            guard stat(candidate, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { continue }
            let isSameInode = UInt64(status.st_dev) == position.device && UInt64(status.st_ino) == position.inode
            guard isSameInode || (allowsCopy && name == base + ".1") else { continue }
            guard case .success(let input) = Input.open(path.specification, workingDirectory: nil, at: candidate)
            else { continue }
            defer { input.close() }
            if input.hasSameContent(as: position) { return (candidate, position.offset) }
        }
        return nil
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
