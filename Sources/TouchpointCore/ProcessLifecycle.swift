import Glibc
import Synchronization

/// Signal policy every executable installs first (STYLE C6; contract §7).
///
/// SIGPIPE is ignored explicitly, because a child of Foundation's `Process` may inherit either disposition; a
/// closed stdout then shows up as EPIPE from write(2), which the writer turns into a quiet exit 0. SIGTERM, SIGINT
/// and SIGHUP only set a flag: the runner finishes the current record, flushes and makes state durable. The
/// handlers are installed without SA_RESTART so that a blocking read returns EINTR and the flag is seen at once.
package enum ProcessLifecycle {
    private static let receivedSignal = Atomic<Int32>(0)

    package static func install() {
        signal(SIGPIPE, SIG_IGN)
        for signalNumber in [SIGTERM, SIGINT, SIGHUP] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                ProcessLifecycle.receivedSignal.store(number, ordering: .relaxed)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(signalNumber, &action, nil)
        }
    }

    package static var isStopRequested: Bool { receivedSignal.load(ordering: .relaxed) != 0 }
}
