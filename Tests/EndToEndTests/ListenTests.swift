import Foundation
import Testing
import TouchpointJSON
import TouchpointTesting

/// `ingest --listen` as a real process with real clients: concurrent TCP and unix connections, the real `logger` and
/// `nc`, the line and connection limits, a stdout nobody reads, and the unix socket's file. Every wait is a condition
/// with a deadline; nothing asserts how long something took.
@Suite(.serialized)
struct ListenTests {
    static let received = "2026-11-01T00:00:00Z"

    @Test func concurrentClientsOverTCPAndUnixLoseAndRepeatNothing() throws {
        let directory = try TemporaryDirectory()
        let ingest = try ListeningIngest([
            "--barrier-every", "700", "--source", "feed", "--listen", "tcp://127.0.0.1:0", "--listen",
            "unix:\(directory.path)/feed.sock",
        ])
        let clients = 12
        let lines = 500
        DispatchQueue.concurrentPerform(iterations: clients) { client in
            // Clients 0-7 over TCP, 8-11 over the unix socket; odd pieces cut lines anywhere.
            guard let connection = try? SocketClient(ingest.addresses[client < 8 ? 0 : 1]) else { return }
            let text = (0..<lines).map { "{\"c\":\(client),\"n\":\($0)}\n" }.joined()
            connection.send(text, pieceSize: 37 + client)
            connection.finishSending()
        }
        #expect(ingest.child.waitUntil(seconds: 60) { Self.records(in: $0.output).count == clients * lines })
        ingest.child.signal(SIGTERM)
        #expect(ingest.child.finish().status == 0)
        let records = Self.records(in: ingest.child.output)
        var seen: [Int: [Int]] = [:]
        let schema = try ContractSchema()
        for record in records {
            let client = try #require(record["data"]?["c"]?.intValue)
            seen[client, default: []].append(try #require(record["data"]?["n"]?.intValue))
            let source = try #require(record["source"])
            #expect(schema.violations(of: source, kind: "record_source").isEmpty)
            #expect(source["listener"]?.stringValue == ingest.addresses[client < 8 ? 0 : 1])
            let peer = source["peer"]?.stringValue ?? ""
            #expect(peer.hasPrefix(client < 8 ? "127.0.0.1:" : "pid=\(getpid()),uid="), "\(peer)")
            #expect(source["file"] == nil)
        }
        // Every line once, and each connection's lines in the order it sent them.
        #expect(seen.count == clients)
        for (client, numbers) in seen { #expect(numbers == Array(0..<lines), "client \(client)") }
        #expect(ingest.child.errors.contains("counts: in=6000 out=6000 dead_lettered=0"))
        let last = try #require(Self.lines(of: "barrier", in: ingest.child.output).last)
        #expect(last.contains("\"positions\":[],\"sources\":[{\"name\":\"feed\",\"status\":\"idle\"}]"))
    }

    @Test func realLoggerAndNcDeliverSyslogAndNDJSON() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/logger"),
            FileManager.default.isExecutableFile(atPath: "/usr/bin/nc")
        else {
            Issue.record("logger or nc is not installed (.ci/run installs bsdutils and netcat-openbsd)")
            return
        }
        let directory = try TemporaryDirectory()
        let ingest = try ListeningIngest([
            "--source", "sys", "--format", "syslog", "--listen", "tcp://127.0.0.1:0", "--listen",
            "unix:\(directory.path)/sys.sock", "--source", "app", "--format", "ndjson", "--listen", "tcp://127.0.0.1:0",
        ])
        let port = String(ingest.addresses[0].split(separator: ":").last ?? "")
        let logger = URL(fileURLWithPath: "/usr/bin/logger")
        let tcp = ["-T", "-n", "127.0.0.1", "-P", port, "-t", "shop"]
        for arguments in [
            tcp + ["newline framed"], tcp + ["--octet-count", "octet counted"], tcp + ["--rfc3164", "bsd framed"],
        ] {
            let result = try ChildProcess.run(logger, arguments)
            #expect(result.status == 0, "logger \(arguments): \(result.errors)")
        }
        // Several lines on stdin become several messages on one connection, each octet-counted.
        let many = try ChildProcess.run(logger, tcp + ["--octet-count"], input: Array("first\nsecond\nthird\n".utf8))
        #expect(many.status == 0, "\(many.errors)")
        let nc = URL(fileURLWithPath: "/usr/bin/nc")
        let overUnix = try ChildProcess.run(
            nc, ["-N", "-U", directory.path + "/sys.sock"],
            input: Array("<134>1 2026-12-02T10:00:00Z vm web - - - over unix\n".utf8))
        #expect(overUnix.status == 0, "\(overUnix.errors)")
        let appPort = String(ingest.addresses[2].split(separator: ":").last ?? "")
        let overTCP = try ChildProcess.run(
            nc, ["-N", "127.0.0.1", appPort], input: Array("{\"n\":1}\n{\"n\":2}\n".utf8))
        #expect(overTCP.status == 0, "\(overTCP.errors)")
        #expect(ingest.child.waitUntil { Self.records(in: $0.output).count == 9 })
        ingest.child.signal(SIGTERM)
        #expect(ingest.child.finish().status == 0)
        let records = Self.records(in: ingest.child.output)
        let messages = records.filter { $0["source"]?["name"] == "sys" }.compactMap {
            $0["data"]?["message"]?.stringValue
        }
        #expect(
            Set(messages) == [
                "newline framed", "octet counted", "bsd framed", "first", "second", "third", "over unix",
            ])
        let syslog = records.filter {
            $0["source"]?["name"] == "sys" && $0["source"]?["listener"]?.stringValue == ingest.addresses[0]
        }
        #expect(syslog.count == 6)
        #expect(syslog.allSatisfy { $0["data"]?["app"] == "shop" })
        #expect(syslog.map { $0["data"]?["rfc"]?.intValue }.filter { $0 == 3164 }.count == 1)
        let app = records.filter { $0["source"]?["name"] == "app" }
        #expect(app.map { JSONWriter.string($0["data"] ?? .null) } == ["{\"n\":1}", "{\"n\":2}"])
        #expect(Self.deadLetters(in: ingest.child.errors).isEmpty)
    }

    @Test func overLongFramesAndCutOffLinesAreDeadLettersNamingThePeer() throws {
        let ingest = try ListeningIngest([
            "--max-line-bytes", "64", "--source", "sys", "--format", "syslog", "--listen", "tcp://127.0.0.1:0",
        ])
        let long = "<13>Dec  2 10:24:52 vm shop: " + String(repeating: "x", count: 200)
        let client = try SocketClient(ingest.addresses[0])
        client.send(
            "\(long)\n<13>Dec  2 10:24:53 vm shop: short\n\(long.utf8.count) \(long)"
                + "24 <13>Dec  2 10:24:54 vm a<13>Dec  2 10:24:55 vm shop: cut", pieceSize: 50)
        client.finishSending()
        #expect(ingest.child.waitUntil { $0.errors.contains("incomplete_line") })
        // A line in the making when ingest stops is a dead letter too.
        let late = try SocketClient(ingest.addresses[0])
        late.send("<13>Dec  2 10:24:56 vm shop: unfinished")
        ingest.child.signal(SIGTERM)
        #expect(ingest.child.finish().status == 0)
        let records = Self.records(in: ingest.child.output)
        #expect(records.compactMap { $0["data"]?["message"]?.stringValue } == ["short", "a"])
        let letters = Self.deadLetters(in: ingest.child.errors)
        #expect(
            letters.map { $0["reason"]?.stringValue ?? "" } == [
                "line_too_long", "line_too_long", "incomplete_line", "incomplete_line",
            ])
        #expect(letters.prefix(3).allSatisfy { $0["source"]?["peer"]?.stringValue == client.localName })
        #expect(letters.allSatisfy { $0["source"]?["listener"]?.stringValue == ingest.addresses[0] })
        #expect(letters[0]["input_length"]?.intValue == long.utf8.count)
        #expect(letters[1]["input_length"]?.intValue == long.utf8.count)
        #expect(letters[2]["input"]?.stringValue == "<13>Dec  2 10:24:55 vm shop: cut")
        #expect(letters[2]["detail"]?.stringValue?.hasPrefix("the connection closed after 32 bytes") ?? false)
        #expect(letters[3]["input"]?.stringValue == "<13>Dec  2 10:24:56 vm shop: unfinished")
        #expect(letters[3]["detail"]?.stringValue?.hasPrefix("ingest stopped after") ?? false)
        #expect(ingest.child.errors.contains("counts: in=6 out=2 dead_lettered=4"))
    }

    @Test func aConnectionOverTheLimitIsToldWhyAndClosed() throws {
        let ingest = try ListeningIngest(["--listen-max-connections", "2", "--listen", "tcp://127.0.0.1:0"])
        let first = try SocketClient(ingest.addresses[0])
        let second = try SocketClient(ingest.addresses[0])
        first.send("{\"n\":1}\n")
        second.send("{\"n\":2}\n")
        // Both are accepted once their lines are out.
        #expect(ingest.child.waitUntil { Self.records(in: $0.output).count == 2 })
        let third = try SocketClient(ingest.addresses[0])
        #expect(third.readToEnd() == "ingest: too many connections (at most 2, --listen-max-connections)\n")
        let warning =
            "ingest: warning: \(ingest.addresses[0]): connection from \(third.localName) refused and closed: 2 "
            + "already open (--listen-max-connections 2)"
        #expect(ingest.child.waitUntil { $0.errors.contains(warning) })
        // Once one closes (its cut-off line says ingest saw the close), a new connection is accepted again.
        first.send("{")
        first.finishSending()
        #expect(ingest.child.waitUntil { $0.errors.contains("incomplete_line") })
        let fourth = try SocketClient(ingest.addresses[0])
        fourth.send("{\"n\":4}\n")
        fourth.finishSending()
        #expect(ingest.child.waitUntil { Self.records(in: $0.output).count == 3 })
        ingest.child.signal(SIGTERM)
        #expect(ingest.child.finish().status == 0)
    }

    /// stdout is a pipe nobody reads while a client writes 48 MB: ingest must stop reading the socket (the client
    /// then blocks) and stay small; once the pipe is read, every line comes out.
    @Test func aBlockedStdoutStopsTheReadingAndMemoryStaysBounded() throws {
        let directory = try TemporaryDirectory()
        let socketPath = directory.path + "/feed.sock"
        let process = Process()
        process.executableURL = BuiltProducts.executable("ingest")
        process.arguments = ["--received", Self.received, "--listen", "unix:" + socketPath]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        // The socket file exists from bind(2) on, a moment before listen(2): connect until it takes.
        var connected: SocketClient?
        #expect(
            ChildWait.until {
                connected = try? SocketClient("unix:" + socketPath)
                return connected != nil
            })
        let client = try #require(connected)
        let total = 48_000
        let padding = String(repeating: "p", count: 1_000)
        let progress = SentCount()
        Thread.detachNewThread {
            for number in 0..<total {
                client.send("{\"n\":\(number),\"pad\":\"\(padding)\"}\n")
                progress.set(number + 1)
            }
            client.finishSending()
        }
        // Wait until the client is stuck (its count stops moving) or, if ingest buffered everything, done.
        var largestResident = 0
        var unchanged = 0
        var last = -1
        while unchanged < 100 && progress.value < total {
            largestResident = max(largestResident, Self.residentKilobytes(of: process.processIdentifier))
            unchanged = progress.value == last ? unchanged + 1 : 0
            last = progress.value
            usleep(20_000)
        }
        #expect(progress.value < total, "the client wrote everything while nobody read ingest's output")
        #expect(largestResident > 0)
        #expect(largestResident < 40_000, "ingest grew to \(largestResident) kB while its output was blocked")
        let reader = OutputReader(output.fileHandleForReading)
        #expect(ChildWait.until(seconds: 120) { reader.recordCount == total })
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(reader.recordCount == total)
        #expect(reader.distinctNumbers == total)
    }

    @Test func theUnixSocketIsPrivateAStaleOneIsReplacedAndAFileIsNot() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/feed.sock"
        // A socket file left by a process that died: nobody listens on it.
        let stale = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = SocketClient.unixAddress(path)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(stale, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        #expect(bound == 0)
        close(stale)
        let ingest = try ListeningIngest(["--listen", "unix:" + path])
        var status = stat()
        #expect(lstat(path, &status) == 0)
        #expect(status.st_mode & S_IFMT == S_IFSOCK)
        #expect(status.st_mode & 0o777 == 0o600)
        // A second ingest on the same path finds it in use and leaves it alone.
        let second = try ChildProcess.run(BuiltProducts.executable("ingest"), ["--listen", "unix:" + path])
        #expect(second.status == 1)
        #expect(second.errors.contains("ingest: error: unix:\(path): another process is listening on it"))
        let client = try SocketClient("unix:" + path)
        client.send("{\"n\":1}\n")
        client.finishSending()
        #expect(ingest.child.waitUntil { Self.records(in: $0.output).count == 1 })
        ingest.child.signal(SIGTERM)
        #expect(ingest.child.finish().status == 0)
        #expect(!FileManager.default.fileExists(atPath: path), "the socket file outlived ingest")
        // A regular file at the path is never replaced.
        let file = try directory.write("feed.sock", "keep me\n")
        let refused = try ChildProcess.run(BuiltProducts.executable("ingest"), ["--listen", "unix:" + file])
        #expect(refused.status == 1)
        #expect(refused.errors.contains("ingest: error: unix:\(file): exists and is not a socket; not replacing it"))
        #expect(refused.output.isEmpty)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "keep me\n")
        // --listen-mode opens it to the socket's group.
        let grouped = try ListeningIngest(["--listen-mode", "0660", "--listen", "unix:\(directory.path)/group.sock"])
        #expect(lstat(directory.path + "/group.sock", &status) == 0)
        #expect(status.st_mode & 0o777 == 0o660)
        grouped.child.signal(SIGTERM)
        #expect(grouped.child.finish().status == 0)
    }

    @Test func aNonLoopbackAddressNeedsListenPublic() throws {
        let result = try ChildProcess.run(BuiltProducts.executable("ingest"), ["--listen", "tcp://0.0.0.0:0"])
        #expect(result.status == 2)
        #expect(result.output.isEmpty)
        #expect(result.errors.contains("--listen tcp://0.0.0.0:0: not a loopback address"))
    }

    @Test func aClosedPipeEndsAQuietListenerWithStatusZero() throws {
        let directory = try TemporaryDirectory()
        // head exits after the opening barrier while no client ever connects: ingest must notice in its wait.
        let script = "\"$0\" --listen \"unix:$1\" 2>/dev/null | head -n 1 > /dev/null; echo \"${PIPESTATUS[0]}\""
        let result = try ChildProcess.run(
            URL(fileURLWithPath: "/bin/bash"),
            ["-c", script, BuiltProducts.executable("ingest").path, directory.path + "/quiet.sock"])
        #expect(result.output == "0\n")
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/quiet.sock"))
    }

    @Test func listenersAndAFollowedFileRunTogether() throws {
        let directory = try TemporaryDirectory()
        let log = try directory.write("app.ndjson", "{\"n\":0}\n")
        let ingest = try ListeningIngest(["--follow", log, "--source", "feed", "--listen", "tcp://127.0.0.1:0"])
        #expect(ingest.child.waitUntil { Self.records(in: $0.output).count == 1 })
        let client = try SocketClient(ingest.addresses[0])
        client.send("{\"n\":1}\n")
        #expect(ingest.child.waitUntil { Self.records(in: $0.output).count == 2 })
        // A barrier follows the socket's record although no file position moved.
        #expect(
            ingest.child.waitUntil {
                $0.output.split(separator: "\n").last?.hasPrefix("{\"kind\":\"barrier\"") ?? false
            })
        #expect(Self.lines(of: "barrier", in: ingest.child.output).last?.contains("\"offset\":8,") ?? false)
        try FollowTests.append("{\"n\":2}\n", to: log)
        #expect(ingest.child.waitUntil { Self.records(in: $0.output).count == 3 })
        ingest.child.signal(SIGTERM)
        #expect(ingest.child.finish().status == 0)
        #expect(FollowTests.numbers(in: ingest.child.output).sorted() == [0, 1, 2])
        let last = try #require(Self.lines(of: "barrier", in: ingest.child.output).last)
        #expect(last.contains("\"offset\":16"))
        #expect(last.contains("{\"name\":\"app\",\"status\":\"idle\"},{\"name\":\"feed\",\"status\":\"idle\"}"))
    }

    // MARK: - Helpers

    static func lines(of kind: String, in output: String) -> [String] {
        output.split(separator: "\n").filter { $0.hasPrefix("{\"kind\":\"\(kind)\"") }.map(String.init)
    }

    static func records(in output: String) -> [JSONValue] {
        lines(of: "record", in: output).compactMap { try? JSONParser.parseValue($0) }
    }

    static func deadLetters(in errors: String) -> [JSONValue] {
        lines(of: "dead_letter", in: errors).compactMap { try? JSONParser.parseValue($0) }
    }

    static func residentKilobytes(of pid: Int32) -> Int {
        let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }) else { return 0 }
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }
}

/// The built `ingest` with `--listen` arguments, started and waited for until every listener is bound; `addresses`
/// are the listeners as its notes name them (a port 0 replaced by the bound port).
struct ListeningIngest: Sendable {
    let child: ChildProcess
    let addresses: [String]

    init(_ arguments: [String]) throws {
        child = try ChildProcess(
            BuiltProducts.executable("ingest"), ["--received", ListenTests.received] + arguments)
        let count = arguments.filter { $0 == "--listen" }.count
        let prefix = "ingest: note: listening on "
        _ = child.waitUntil { $0.errors.components(separatedBy: prefix).count > count }
        addresses = child.errors.split(separator: "\n").filter { $0.hasPrefix(prefix) }.map {
            String($0.dropFirst(prefix.count).prefix { $0 != " " })
        }
        guard addresses.count == count else { throw POSIXError(.EADDRNOTAVAIL) }
    }
}

/// How many lines the writing thread has sent.
final class SentCount: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }

    func set(_ value: Int) {
        lock.lock()
        count = value
        lock.unlock()
    }
}

/// Reads a pipe from a thread from the moment it is made, counting records and the distinct `n` they carry.
final class OutputReader: @unchecked Sendable {
    private let lock = NSLock()
    private var records = 0
    private var numbers = Set<Int>()

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            var pending: [UInt8] = []
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                pending += chunk
                guard let lastNewline = pending.lastIndex(of: 0x0A) else { continue }
                let text = String(decoding: pending[...lastNewline], as: UTF8.self)
                pending.removeSubrange(...lastNewline)
                let found = FollowTests.numbers(in: text)
                lock.lock()
                records += found.count
                numbers.formUnion(found)
                lock.unlock()
            }
        }
    }

    var recordCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return records
    }

    var distinctNumbers: Int {
        lock.lock()
        defer { lock.unlock() }
        return numbers.count
    }
}

enum ChildWait {
    static func until(seconds: Double = 20, _ condition: () -> Bool) -> Bool {
        FollowTests.waitUntil(seconds: seconds, condition)
    }
}
