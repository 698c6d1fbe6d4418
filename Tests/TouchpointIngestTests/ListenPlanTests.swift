import Testing
import TouchpointCore
import TouchpointIngest

/// How `--listen` reads from the command line: addresses, the loopback rule, and the source and format in force.
/// Nothing here binds a socket (EndToEndTests/ListenTests does, with real clients).
struct ListenPlanTests {
    @Test(arguments: [
        (
            ["--listen", "tcp://0.0.0.0:5140"],
            "ingest: error: --listen tcp://0.0.0.0:5140: not a loopback address; other hosts could connect. Add "
                + "--listen-public to accept connections from the network"
        ),
        (
            ["--listen", "tcp://[::]:5140"],
            "ingest: error: --listen tcp://[::]:5140: not a loopback address; other hosts could connect. Add "
                + "--listen-public to accept connections from the network"
        ),
        (
            ["--listen", "tcp://example.com:5140"],
            "ingest: error: --listen tcp://example.com:5140: \"example.com\" is not an IP address (IPv4, [IPv6] or "
                + "localhost; names are not looked up)"
        ),
        (
            ["--listen", "udp://127.0.0.1:514"],
            "ingest: error: --listen udp://127.0.0.1:514: give tcp://HOST:PORT or unix:PATH"
        ),
        (
            ["--listen", "tcp://127.0.0.1"],
            "ingest: error: --listen tcp://127.0.0.1: no port (tcp://HOST:PORT, PORT 0-65535)"
        ),
        (
            ["--listen", "tcp://127.0.0.1:70000"],
            "ingest: error: --listen tcp://127.0.0.1:70000: no port (tcp://HOST:PORT, PORT 0-65535)"
        ),
        (["--listen", "unix:"], "ingest: error: --listen unix:: no socket path after unix:"),
        (
            ["--listen", "unix:/" + String(repeating: "s", count: 120)],
            "ingest: error: --listen unix:/" + String(repeating: "s", count: 120)
                + ": a unix socket path has at most 107 bytes"
        ),
        (
            ["--listen-mode", "0968", "--listen", "unix:feed.sock"],
            "ingest: error: --listen-mode: \"0968\" is not an octal file mode from 000 to 0777 (e.g. 0660)"
        ),
        (
            ["--listen-max-connections", "0", "--listen", "tcp://127.0.0.1:0"],
            "ingest: error: --listen-max-connections: \"0\" is not a whole number from 1 to 65536"
        ),
    ])
    func badListenAddressesAreUsageErrors(arguments: [String], message: String) {
        let run = ingest(arguments)
        #expect(run.status == .usage)
        #expect(run.output.isEmpty)
        #expect(run.diagnostics == [message])
    }

    @Test func listenPublicAllowsAnAddressOtherHostsCanReach() throws {
        let plan = try IngestPlan(
            IngestCommand.spec.parse(["--listen-public", "--listen", "tcp://0.0.0.0:5140", "--listen", "tcp://[::]:1"]))
        #expect(plan.listens.map { $0.address.text() } == ["tcp://0.0.0.0:5140", "tcp://[::]:1"])
        #expect(plan.listens.map(\.address.isLoopback) == [false, false])
    }

    @Test func eachListenerTakesTheSourceAndFormatBeforeItAndNoStdinIsRead() throws {
        let plan = try IngestPlan(
            IngestCommand.spec.parse([
                "--listen", "tcp://localhost:5140", "--source", "shop", "--format", "syslog", "--listen",
                "tcp://[::1]:5141", "--format", "ndjson", "--listen", "unix:run/feed.sock",
            ]))
        #expect(plan.inputs.isEmpty)
        #expect(plan.listens.map(\.sourceName) == ["tcp-5140", "shop", "shop"])
        #expect(plan.listens.map { type(of: $0.format).name } == ["ndjson", "syslog", "ndjson"])
        #expect(
            plan.listens.map { $0.address.text() } == [
                "tcp://127.0.0.1:5140", "tcp://[::1]:5141", "unix:run/feed.sock",
            ])
        #expect(plan.listens.allSatisfy { $0.address.isLoopback })
        #expect(plan.listenMaxConnections == 256)
        #expect(plan.listens.allSatisfy { $0.socketMode == 0o600 })
        let shared = try IngestPlan(IngestCommand.spec.parse(["--listen", "unix:feed.sock", "--listen-mode", "660"]))
        #expect(shared.listens.map(\.socketMode) == [0o660])
    }

    @Test func followWithOnlyListenersIsAllowed() throws {
        let plan = try IngestPlan(IngestCommand.spec.parse(["--follow", "--listen", "unix:feed.sock"]))
        #expect(plan.isFollowing)
        #expect(plan.listens.map(\.sourceName) == ["feed"])
    }
}
