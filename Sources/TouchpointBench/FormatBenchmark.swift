import Foundation
import TouchpointCore
import TouchpointIngest
import TouchpointJSON

/// The format rows: ingest decoding generated NDJSON (the benchmark's events), syslog and logfmt files in-process, and gzip inflating through
/// `GzipSource` beside `zcat` on the same compressed file (made by the real `gzip`), in the same run.
///
/// The syslog file mixes the three shapes met in practice (rsyslog's traditional and high-precision file lines,
/// RFC 5424 with structured data); the logfmt file is Go `slog`-style lines with a quoted message and a repeated
/// key now and then. The gzip rows count the inflated bytes, for ours and for `zcat`, so their MB/s compare.
enum FormatBenchmark {
    static func rows(records: Int, repetitions: Int, selected: (String) -> Bool, diagnostics: Diagnostics)
        -> [Measurement]
    {
        let cases = [
            ("ingest: ndjson", "ndjson", BenchmarkData.events(count: records)),
            ("ingest: syslog (3164 + 5424)", "syslog", syslogLines(count: records)),
            ("ingest: logfmt", "logfmt", logfmtLines(count: records)),
        ]
        let gzipNames = ["zcat (syslog .gz)", "gzip inflate (GzipSource)"]
        guard
            cases.contains(where: { selected($0.0) }) || gzipNames.contains(where: selected) || selected("line reader")
        else { return [] }
        let directory = NSTemporaryDirectory() + "touchpoint-bench-formats-\(getpid())"
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var rows: [Measurement] = []
        for (name, format, data) in cases {
            let path = "\(directory)/input.\(format)"
            _ = FileManager.default.createFile(atPath: path, contents: Data(data))
            guard selected(name) else { continue }
            let arguments = [
                "ingest", "--quiet", "--received", StageCase.received, "--barrier-every", "0", "--format", format, path,
            ]
            let seconds = best(of: repetitions) {
                let io = StageIO(input: MemorySource([]), output: DiscardingSink(), errors: DiscardingSink())
                blackHole(IngestCommand.run(arguments, io: io))
            }
            rows.append(
                Measurement(
                    name: name, bytes: data.count, records: records, seconds: seconds,
                    peakResidentKiB: peakResidentKiB()))
        }
        let linesName = "line reader (ndjson, lines only)"
        if selected(linesName) {
            let path = "\(directory)/input.ndjson"
            let seconds = best(of: repetitions) { blackHole(countLines(path)) }
            rows.append(
                Measurement(
                    name: linesName, bytes: cases[0].2.count, records: records, seconds: seconds,
                    peakResidentKiB: peakResidentKiB()))
        }
        guard gzipNames.contains(where: selected) else { return rows }
        let plain = "\(directory)/input.syslog"
        let compressed = plain + ".gz"
        guard compress(plain, to: compressed) else {
            diagnostics.warning("gzip: not installed or failed; gzip rows left out")
            return rows
        }
        let inflatedBytes = cases[1].2.count
        diagnostics.note(
            "gzip rows: \(inflatedBytes) bytes of syslog compressed to \(fileSize(compressed)) by gzip -6")
        if selected(gzipNames[0]) {
            let zcat = PeerCommand(name: gzipNames[0], executable: "zcat", arguments: [])
            var fastest = Double.infinity
            for _ in 0..<repetitions {
                if let seconds = zcat.run(input: compressed) { fastest = min(fastest, seconds) }
            }
            if fastest.isFinite {
                rows.append(
                    Measurement(
                        name: zcat.name, bytes: inflatedBytes, records: records, seconds: fastest,
                        peakResidentKiB: peakResidentKiB(children: true)))
            }
        }
        if selected(gzipNames[1]) {
            let seconds = best(of: repetitions) { blackHole(inflate(compressed)) }
            rows.append(
                Measurement(
                    name: gzipNames[1], bytes: inflatedBytes, records: records, seconds: seconds,
                    peakResidentKiB: peakResidentKiB()))
        }
        return rows
    }

    /// Reads a file's lines through ingest's `LineReader` and nothing else: the plain reading under every format.
    private static func countLines(_ path: String) -> Int {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return 0 }
        defer { close(descriptor) }
        var reader = LineReader(source: FileDescriptorSource(descriptor: descriptor))
        defer { reader.close() }
        var count = 0
        while let line = try? reader.next() {
            if case .line(let bytes, _) = line { count += bytes.count > 0 ? 1 : 0 }
        }
        return count
    }

    /// Reads a file through `GzipSource` into a quarter-MiB buffer, as ingest's line reader does; the bytes read.
    private static func inflate(_ path: String) -> Int {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return 0 }
        defer { close(descriptor) }
        var source = GzipSource(FileDescriptorSource(descriptor: descriptor), name: path)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 18, alignment: 16)
        defer { buffer.deallocate() }
        var total = 0
        while let count = try? source.read(into: buffer), count > 0 { total += count }
        return total
    }

    /// `gzip -c plain > compressed` with the real gzip.
    private static func compress(_ plain: String, to compressed: String) -> Bool {
        guard let gzip = PeerCommand.which("gzip"), let input = FileHandle(forReadingAtPath: plain),
            FileManager.default.createFile(atPath: compressed, contents: nil),
            let output = FileHandle(forWritingAtPath: compressed)
        else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: gzip)
        process.arguments = ["-c"]
        process.standardInput = input
        process.standardOutput = output
        do { try process.run() } catch { return false }
        process.waitUntilExit()
        try? output.close()
        return process.terminationStatus == 0
    }

    private static func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }

    // MARK: - Generated input

    private static let apps = [("sshd", true), ("CRON", true), ("checkout", true), ("kernel", false), ("sudo", false)]
    private static let messages = [
        "Accepted publickey for anna from 203.0.113.7 port 51234 ssh2: ED25519 SHA256:Vb6Qm8",
        "(root) CMD (command -v debian-sa1 > /dev/null && debian-sa1 1 1)",
        "payment failed: order=O-555 customer=C100234 reason=\"card declined\"",
        "[12345.678901] usb 1-1: device descriptor read/64, error -71",
        "    anna : TTY=pts/0 ; PWD=/home/anna ; USER=root ; COMMAND=/usr/bin/systemctl restart nginx",
    ]

    /// Deterministic syslog lines, about 130 bytes each: a third each traditional, high-precision and RFC 5424,
    /// with varying hosts, process ids, addresses and order numbers so they compress about as real logs do.
    static func syslogLines(count: Int) -> [UInt8] {
        var random = BenchmarkRandom()
        var text = ""
        text.reserveCapacity(count * 140)
        for index in 0..<count {
            let (app, hasPID) = apps[random.next(apps.count)]
            let message = messages[random.next(messages.count)]
                .replacingOccurrences(of: "203.0.113.7", with: "203.0.\(random.next(256)).\(random.next(256))")
            let clock = "10:\(two(index / 60_000 % 60)):\(two(index / 1_000 % 60))"
            let host = "web-\(random.next(40))"
            let pid = hasPID ? "[\(random.next(60_000))]" : ""
            switch random.next(3) {
            case 0:
                text += "Dec  2 \(clock) \(host) \(app)\(pid): \(message)\n"
            case 1:
                text += "2026-12-02T\(clock).\(100_000 + random.next(900_000))+00:00 \(host) \(app)\(pid): \(message)\n"
            default:
                text += "<\(random.next(192))>1 2026-12-02T\(clock).\(100_000 + random.next(900_000))Z \(host) \(app) "
                text += "\(random.next(60_000)) ORDER [order@32473 id=\"O-\(random.next(1_000_000))\" "
                text += "total=\"\(random.next(1_000)).\(two(random.next(100)))\"] \(message)\n"
            }
        }
        return Array(text.utf8)
    }

    /// Deterministic logfmt lines, about 140 bytes each, in Go `slog` text style.
    static func logfmtLines(count: Int) -> [UInt8] {
        var random = BenchmarkRandom()
        let levels = ["INFO", "WARN", "ERROR", "DEBUG"]
        var text = ""
        text.reserveCapacity(count * 150)
        for index in 0..<count {
            let clock = "14:\(two(index / 60_000 % 60)):\(two(index / 1_000 % 60)).\(random.next(1_000))"
            text += "time=2026-10-02T\(clock)Z level=\(levels[random.next(4)]) msg=\"order placed\" "
            text += "order=O-\(random.next(1_000_000)) customer=C\(100_000 + random.next(50_000)) "
            text += "total=\(random.next(1_000)).\(two(random.next(100))) "
            text +=
                random.next(10) == 0
                ? "path=\"/search?q=x y\" cached level=INFO\n" : "duration=\(random.next(900))ms cached\n"
        }
        return Array(text.utf8)
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

/// A fixed-seed generator, so every run measures the same bytes.
private struct BenchmarkRandom {
    private var state: UInt64 = 0x9E37_79B9_7F4A_7C15

    mutating func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }
}
