import Glibc

/// Waits, without spinning, until a followed file or its folder may have changed, a stop is requested, or a deadline
/// passes.
///
/// With inotify, each open file is watched for writes, truncation, renames and deletion (`IN_MODIFY`, `IN_ATTRIB`,
/// `IN_MOVE_SELF`, `IN_DELETE_SELF`), and each folder for names that come and go (`IN_CREATE`, `IN_MOVED_TO`,
/// `IN_MOVED_FROM`, `IN_DELETE`), so a rotation is seen the moment logrotate renames the file. The events only say
/// "look again": the follower then checks every followed file by `fstat` and `stat`, which is what decides, so a
/// lost or coalesced event (`IN_Q_OVERFLOW`) costs nothing but the next check. Without inotify (it failed to
/// initialize, the watch limit was reached, or `--poll` asked for polling on a network filesystem where inotify sees
/// no remote writes) the wait is a plain timeout of `pollInterval`.
///
/// Even with inotify the wait ends every `safetyInterval`: a folder that did not exist when it was to be watched, or a
/// watch that could not be added, is then still noticed, at the cost of one wake-up every few seconds.
final class FileWatcher {
    /// The inotify descriptor; nil when polling.
    private var descriptor: Int32?
    /// Folders watched, so each is added once.
    private var watchedDirectories: Set<String> = []
    /// Whether some watch could not be added: the safety tick is then the poll interval.
    private var hasMissedWatch = false
    let pollInterval: Int32
    let safetyInterval: Int32 = 2_000
    private var eventBuffer = [UInt8](repeating: 0, count: 16_384)

    /// - Parameters:
    ///   - isPolling: poll every `pollInterval` milliseconds instead of using inotify.
    init(isPolling: Bool, pollInterval: Int32 = 250) {
        self.pollInterval = pollInterval
        guard !isPolling else { return }
        let made = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        if made >= 0 { descriptor = made }
    }

    deinit {
        if let descriptor { close(descriptor) }
    }

    /// Whether changes are seen through inotify, for the note that says how ingest follows.
    var isUsingInotify: Bool { descriptor != nil }

    /// Watches a just-opened file. inotify resolves the path to its inode, so the watch follows the file through a
    /// rename; the path is watched again for every new file at it (the same inode gets the same watch back).
    func watchFile(_ path: String) {
        guard let descriptor else { return }
        let mask = UInt32(IN_MODIFY | IN_ATTRIB | IN_MOVE_SELF | IN_DELETE_SELF | IN_CLOSE_WRITE)
        if inotify_add_watch(descriptor, path, mask) < 0 { hasMissedWatch = true }
    }

    /// Watches a folder for files that appear, are renamed or deleted there.
    func watchDirectory(_ path: String) {
        guard let descriptor, !watchedDirectories.contains(path) else { return }
        if inotify_add_watch(descriptor, path, UInt32(IN_CREATE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_ONLYDIR))
            >= 0
        {
            watchedDirectories.insert(path)
        } else {
            hasMissedWatch = true
        }
    }

    /// Blocks until something may have changed, `wake` becomes readable, `output` is closed by its reader, or
    /// `timeout` milliseconds pass (-1: no deadline of the caller's own), or one of `sockets` (ingest's
    /// `--listen` sockets) is ready. Returns whether the output was closed; inotify's events are drained.
    ///
    /// Without the output in the wait, `ingest --follow app.log | head -n 1` would never end while the log is quiet:
    /// EPIPE comes only from a write (GNU tail watches its output for the same reason since coreutils 8.28).
    func wait(timeout: Int32, wake: Int32?, output: Int32?, sockets: [pollfd] = []) -> Bool {
        var ceiling = descriptor == nil || hasMissedWatch ? pollInterval : safetyInterval
        if timeout >= 0 { ceiling = min(ceiling, timeout) }
        var descriptors: [pollfd] = []
        if let descriptor { descriptors.append(pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)) }
        if let wake { descriptors.append(pollfd(fd: wake, events: Int16(POLLIN), revents: 0)) }
        // Events 0: only POLLERR/POLLHUP, which a pipe's write end reports once its read end is closed.
        if let output { descriptors.append(pollfd(fd: output, events: 0, revents: 0)) }
        // Last, so the output's place stays fixed relative to the end; which socket woke is looked up afterwards.
        descriptors += sockets
        let ready = poll(&descriptors, nfds_t(descriptors.count), ceiling)
        guard ready > 0 else { return false }
        if descriptor != nil, descriptors[0].revents != 0 { drain() }
        if output != nil, descriptors[descriptors.count - 1 - sockets.count].revents & Int16(POLLERR | POLLHUP) != 0 {
            return true
        }
        return false
    }

    /// Reads every queued event; which file they name does not matter, only that something happened.
    private func drain() {
        guard let descriptor else { return }
        while true {
            let count = eventBuffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count <= 0 { return }
            // A folder whose watch the kernel removed (deleted, or events lost) is watched again when it is back.
            var offset = 0
            while offset + MemoryLayout<inotify_event>.size <= count {
                let (mask, length) = eventBuffer.withUnsafeBytes { raw in
                    let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    return (event.mask, Int(event.len))
                }
                if mask & UInt32(IN_IGNORED) != 0 || mask & UInt32(IN_Q_OVERFLOW) != 0 {
                    watchedDirectories.removeAll()
                }
                offset += MemoryLayout<inotify_event>.size + length
            }
        }
    }
}
