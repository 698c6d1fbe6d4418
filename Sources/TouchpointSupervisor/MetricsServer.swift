import Glibc
import Synchronization
import TouchpointCore

/// `--metrics-listen ADDR`: serves the metrics text of `touchpoint.prom` on `GET /metrics`, from a thread of its own.
///
/// The supervisor loop only ever `publish`es the text (one assignment under a lock), so no client, however slow or
/// hostile, can hold it up. The server thread polls the listening socket and its clients: each client has
/// `clientTimeout` seconds from its connection to send a request head (at most `MetricsHTTP.maxRequestHeadBytes`)
/// and take its answer, at most `maxClients` are served at once (more wait in the kernel's backlog), and every
/// connection is closed after one response. The thread starts with every signal blocked, so the supervisor's
/// signals still reach its own loop (which relies on `waitpid` being interrupted), and it writes nothing to the log.
package final class MetricsServer: Sendable {
    package static let maxClients = 16
    /// The bound address, `tcp://127.0.0.1:9464` (a port 0 bound to a free one).
    package var name: String { socket.name }
    /// The port bound.
    package var port: UInt16 { socket.port ?? 0 }
    /// `http://127.0.0.1:9464/metrics`: where to point a scraper.
    package var url: String { "http://" + name.dropFirst("tcp://".count) + "/metrics" }

    private let socket: ListeningSocket
    private let clientTimeout: Double
    private let page = Mutex<[UInt8]>([])
    private let wakeRead: Int32
    private let wakeWrite: Int32
    private let thread = Mutex<pthread_t?>(nil)

    /// Binds `address` and starts serving; the error names the address.
    package init(_ address: ListenAddress, clientTimeout: Double = 10) throws(ListenError) {
        socket = try ListeningSocket(address)
        self.clientTimeout = clientTimeout
        guard let pipe = GlibcExtensions.makePipe(isNonBlocking: true) else {
            let error = ListenError(address.text(), errno)
            socket.close()
            throw error
        }
        wakeRead = pipe.read
        wakeWrite = pipe.write
        // Every signal blocked while the thread is created, so it starts with them blocked: no window in which a
        // SIGTERM could land on it instead of on the supervisor's loop.
        var all = sigset_t()
        var previous = sigset_t()
        sigfillset(&all)
        pthread_sigmask(SIG_SETMASK, &all, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        var created = pthread_t()
        let context = Unmanaged.passRetained(self).toOpaque()
        let result = pthread_create(
            &created, nil,
            { context in
                let server = Unmanaged<MetricsServer>.fromOpaque(context!).takeRetainedValue()
                server.serve()
                return nil
            }, context)
        guard result == 0 else {
            Unmanaged<MetricsServer>.fromOpaque(context).release()
            close(wakeRead)
            close(wakeWrite)
            socket.close()
            throw ListenError(address.text(), result)
        }
        thread.withLock { $0 = created }
    }

    /// Replaces the text served from now on (the supervisor loop calls this each time it writes touchpoint.prom).
    package func publish(_ metrics: [UInt8]) {
        page.withLock { $0 = metrics }
    }

    /// Stops the thread, closes every connection and the listening socket; the port is free when this returns.
    package func stop() {
        let running = thread.withLock { current in
            let value = current
            current = nil
            return value
        }
        guard let running else { return }
        var byte: UInt8 = 1
        _ = write(wakeWrite, &byte, 1)
        pthread_join(running, nil)
        close(wakeRead)
        close(wakeWrite)
        socket.close()
    }

    // MARK: - The server thread

    /// One connection, from accept to close.
    private struct Client {
        let descriptor: Int32
        let deadline: Double
        var request: [UInt8] = []
        /// What is still to be sent, once the request is answered.
        var response: [UInt8]?
        var sent = 0
        /// Answered and shut down for writing; reading (and dropping) what the client still sends until it closes,
        /// so the kernel does not reset the connection under an answer the client has not read yet.
        var isDraining = false
    }

    private func serve() {
        var clients: [Client] = []
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 4096, alignment: 16)
        defer {
            buffer.deallocate()
            for client in clients { close(client.descriptor) }
        }
        while true {
            var descriptors = [pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)]
            let isAccepting = clients.count < Self.maxClients
            if isAccepting { descriptors.append(pollfd(fd: socket.descriptor, events: Int16(POLLIN), revents: 0)) }
            let firstClient = descriptors.count
            for client in clients {
                let events = client.response != nil && !client.isDraining ? POLLOUT : POLLIN
                descriptors.append(pollfd(fd: client.descriptor, events: Int16(events), revents: 0))
            }
            let now = ProcessClock.monotonicSeconds()
            let timeout = clients.map { Int32(max(1, ($0.deadline - now) * 1000)) }.min() ?? -1
            if poll(&descriptors, nfds_t(descriptors.count), timeout) < 0 && errno != EINTR { return }
            if descriptors[0].revents != 0 { return }
            for index in clients.indices.reversed() where descriptors[firstClient + index].revents != 0 {
                if !advance(&clients[index], buffer: buffer) {
                    close(clients[index].descriptor)
                    clients.remove(at: index)
                }
            }
            expire(&clients)
            if isAccepting && descriptors[1].revents != 0 {
                while clients.count < Self.maxClients, let (descriptor, _) = socket.accept() {
                    clients.append(
                        Client(descriptor: descriptor, deadline: ProcessClock.monotonicSeconds() + clientTimeout))
                }
            }
        }
    }

    /// Reads, answers or drains as far as the socket allows now; false when the connection is done with.
    private func advance(_ client: inout Client, buffer: UnsafeMutableRawBufferPointer) -> Bool {
        if client.response == nil || client.isDraining {
            let count = recv(client.descriptor, buffer.baseAddress, buffer.count, 0)
            if count < 0 { return errno == EINTR || errno == EAGAIN }
            // The client closed its side: a drained connection is finished, an unanswered one abandoned.
            if count == 0 { return false }
            if client.isDraining { return true }
            client.request += UnsafeRawBufferPointer(rebasing: buffer[..<count])
            if let end = MetricsHTTP.headEnd(client.request), end <= MetricsHTTP.maxRequestHeadBytes {
                client.response = MetricsHTTP.response(toHead: client.request[..<end], metrics: page.withLock { $0 })
            } else if client.request.count > MetricsHTTP.maxRequestHeadBytes {
                client.response = MetricsHTTP.headTooLarge
            } else {
                return true
            }
        }
        return send(&client)
    }

    /// Sends what the client can take now; when all is sent, shuts the sending side and starts draining.
    private func send(_ client: inout Client) -> Bool {
        guard let response = client.response else { return true }
        while client.sent < response.count {
            let count = response.withUnsafeBytes { bytes in
                Glibc.send(
                    client.descriptor, bytes.baseAddress! + client.sent, bytes.count - client.sent,
                    Int32(MSG_NOSIGNAL))
            }
            if count < 0 {
                if errno == EINTR { continue }
                return errno == EAGAIN
            }
            client.sent += count
        }
        shutdown(client.descriptor, Int32(SHUT_WR))
        client.isDraining = true
        return true
    }

    /// Closes the connections whose time is up, telling a client that never sent a whole request why.
    private func expire(_ clients: inout [Client]) {
        let now = ProcessClock.monotonicSeconds()
        for index in clients.indices.reversed() where now >= clients[index].deadline {
            if clients[index].response == nil {
                MetricsHTTP.timedOut.withUnsafeBytes {
                    _ = Glibc.send(clients[index].descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
                }
            }
            close(clients[index].descriptor)
            clients.remove(at: index)
        }
    }
}
