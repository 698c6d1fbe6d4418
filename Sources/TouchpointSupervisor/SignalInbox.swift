import Glibc
import Synchronization
import TouchpointCore

/// Signals for the supervisor's poll loop, one byte per signal through a pipe (the self-pipe trick).
///
/// A signal handler may do almost nothing; writing a byte to a pipe is one of the things it may do. The loop polls
/// the read end with the children's stderr pipes, so a SIGTERM wakes it at once and is never lost between a check
/// and a `poll`, and every signal is counted (a second Ctrl-C escalates). Tests post signals by hand.
package final class SignalInbox: Sendable {
    package let readDescriptor: Int32
    private let writeDescriptor: Int32

    package init() throws(StageFailure) {
        guard let pipe = GlibcExtensions.makePipe(isNonBlocking: true) else {
            throw StageFailure("cannot create a pipe: \(String(cString: strerror(errno)))")
        }
        readDescriptor = pipe.read
        writeDescriptor = pipe.write
    }

    deinit {
        close(readDescriptor)
        close(writeDescriptor)
    }

    /// Records that `signal` arrived. Async-signal-safe: one `write(2)`; a full pipe drops the byte, which only
    /// matters after hundreds of unread signals.
    package func post(_ signal: Int32) {
        Self.post(signal, to: writeDescriptor)
    }

    fileprivate static func post(_ signal: Int32, to descriptor: Int32) {
        var byte = UInt8(truncatingIfNeeded: signal)
        _ = write(descriptor, &byte, 1)
    }

    /// The signals posted since the last call, in order; empty when none.
    package func drain() -> [Int32] {
        var signals: [Int32] = []
        var buffer = [UInt8](repeating: 0, count: 256)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(readDescriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return signals }
            signals += buffer[0..<count].map { Int32($0) }
        }
    }
}

/// The supervisor executable's signal policy; `main.swift` calls `install()` first and nothing else does.
///
/// SIGPIPE is ignored (a closed stdout is an EPIPE the writers handle). SIGTERM and SIGINT are stop
/// requests, SIGHUP a reload the supervisor passes on to the stages, and SIGCHLD says a child may have ended; each handler only posts to `inbox`. The handlers are installed
/// without SA_RESTART, so a blocking `waitpid` returns EINTR and the loop looks at the inbox.
///
/// The four signals are also unblocked: a process inherits its parent's signal mask, and a parent that spawns from
/// a Dispatch worker thread (Foundation's `Process` in a test, for one) hands over a mask with nearly everything
/// blocked, under which SIGTERM would never arrive.
package enum SupervisorSignals {
    /// The write end the handlers use; -1 until installed. An atomic, because a handler may read no lazy global.
    private static let handlerDescriptor = Atomic<Int32>(-1)
    nonisolated(unsafe) private static var installedInbox: SignalInbox?

    /// The inbox the handlers post to, once `install()` has run.
    package static var inbox: SignalInbox? { installedInbox }

    package static func install() {
        ProcessLifecycle.install()
        guard let inbox = try? SignalInbox() else { return }
        installedInbox = inbox
        handlerDescriptor.store(inbox.writeDescriptorForHandlers, ordering: .relaxed)
        for signalNumber in [SIGTERM, SIGINT, SIGHUP, SIGCHLD] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                let savedErrno = errno
                SignalInbox.post(number, to: SupervisorSignals.handlerDescriptor.load(ordering: .relaxed))
                errno = savedErrno
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = signalNumber == SIGCHLD ? SA_NOCLDSTOP : 0
            sigaction(signalNumber, &action, nil)
        }
        var handled = sigset_t()
        sigemptyset(&handled)
        for signalNumber in [SIGTERM, SIGINT, SIGHUP, SIGCHLD] { sigaddset(&handled, signalNumber) }
        sigprocmask(SIG_UNBLOCK, &handled, nil)
    }
}

extension SignalInbox {
    fileprivate var writeDescriptorForHandlers: Int32 { writeDescriptor }
}
