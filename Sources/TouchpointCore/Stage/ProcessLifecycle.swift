import Glibc
import Synchronization

/// Signal policy every executable installs first (STYLE C6; contract §7).
///
/// SIGPIPE is ignored explicitly, because a child of Foundation's `Process` may inherit either disposition; a
/// closed stdout then shows up as EPIPE from write(2), which the writer turns into a quiet exit 0. SIGTERM and
/// SIGINT only set a flag and write a byte to a self-pipe: the runner finishes the current record, flushes and
/// makes state durable. The self-pipe closes the race where a signal lands after the stop check but before a
/// blocking read (`FileDescriptorSource` polls it beside stdin); SA_RESTART is off so a read already blocked
/// returns EINTR. The three signals are unblocked, because a parent that spawns from a thread with a full signal
/// mask (Dispatch workers do) would otherwise hand that mask down and the signals would never arrive.
package enum ProcessLifecycle {
    private static let receivedSignal = Atomic<Int32>(0)
    private static let wakeWriteDescriptor = Atomic<Int32>(-1)
    private static let wakeReadDescriptor = Atomic<Int32>(-1)

    package static func install() {
        signal(SIGPIPE, SIG_IGN)
        var descriptors: [Int32] = [-1, -1]
        if pipe(&descriptors) == 0 {
            for descriptor in descriptors {
                _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
                _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
            }
            wakeReadDescriptor.store(descriptors[0], ordering: .relaxed)
            wakeWriteDescriptor.store(descriptors[1], ordering: .relaxed)
        }
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        for signalNumber in [SIGTERM, SIGINT] {
            handle(signalNumber, unblocking: &unblocked) { number in
                ProcessLifecycle.receivedSignal.store(number, ordering: .relaxed)
                var byte: UInt8 = 1
                // write(2) is async-signal-safe; a full pipe already holds a wake-up.
                _ = write(ProcessLifecycle.wakeWriteDescriptor.load(ordering: .relaxed), &byte, 1)
            }
        }
        // SIGUSR1 asks for a status line, as it asks dd for its statistics; it only sets a flag and, with SA_RESTART
        // off, interrupts a blocked read so an idle stage answers too. `touchpoint run` starts stages with it blocked,
        // so one sent before this handler exists waits instead of killing the stage.
        handle(SIGUSR1, unblocking: &unblocked) { _ in ProcessLifecycle.statusRequested.store(true, ordering: .relaxed)
        }
        // SIGHUP asks a stage to read its rules or mappings again, as daemons do; the runner does it at the next
        // barrier, once the state that barrier covers is checkpointed under the old configuration.
        handle(SIGHUP, unblocking: &unblocked) { _ in ProcessLifecycle.reloadRequested.store(true, ordering: .relaxed) }
        sigprocmask(SIG_UNBLOCK, &unblocked, nil)
    }

    /// Installs `handler` for `signalNumber` without SA_RESTART (a blocked read returns EINTR) and adds it to the
    /// set to unblock.
    private static func handle(
        _ signalNumber: Int32, unblocking unblocked: inout sigset_t,
        _ handler: @convention(c) (Int32) -> Void
    ) {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handler
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(signalNumber, &action, nil)
        sigaddset(&unblocked, signalNumber)
    }

    private static let statusRequested = Atomic<Bool>(false)
    private static let reloadRequested = Atomic<Bool>(false)

    /// Whether a reload was asked for (SIGHUP) since the last call; clears the request.
    package static func takeReloadRequest() -> Bool {
        reloadRequested.exchange(false, ordering: .relaxed)
    }

    /// Whether a status line was asked for (SIGUSR1) since the last call; clears the request.
    package static func takeStatusRequest() -> Bool {
        statusRequested.exchange(false, ordering: .relaxed)
    }

    package static var isStopRequested: Bool { receivedSignal.load(ordering: .relaxed) != 0 }

    /// The read end of the self-pipe a stop signal writes to, once `install()` has run.
    package static var wakeDescriptor: Int32? {
        let descriptor = wakeReadDescriptor.load(ordering: .relaxed)
        return descriptor >= 0 ? descriptor : nil
    }
}
