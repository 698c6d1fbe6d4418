import Foundation
import TouchpointCore
import TouchpointJSON

/// The stage rows: each stage of the demo pipeline timed in-process on realistic input, a generated population.
///
/// The population's raw files come from `--population DIR` (as `touchpoint-gen` writes them) or from running the
/// `touchpoint-gen` built beside this executable into a temporary directory. The stages then run once in order,
/// each on what the previous one wrote, which becomes the next stage's input; each stage is timed on its own input
/// with its output discarded. A row's MB/s and records/s are of that stage's input: the raw files and records read
/// for ingest, the NDJSON lines read for every other stage. Only one stage's input is held at a time.
enum StageBenchmark {
    /// The channel files of a population, in the demo's order (pipelines/demo.pipeline).
    static let channelFiles = [
        "segment.ndjson", "web.log", "pos.csv", "tickets.ndjson", "calls.csv", "surveys.csv", "social.ndjson",
    ]

    static func rows(
        files: [String], repetitions: Int, selected: (String) -> Bool, diagnostics: Diagnostics
    ) -> [Measurement] {
        var rows: [Measurement] = []
        let stages = StageCase.pipeline(files: files)
        var input: [UInt8] = []
        var inputBytes = files.reduce(0) { $0 + fileSize($1) }
        var inputRecords = 0
        for (position, stage) in stages.enumerated() {
            let isLast = position == stages.count - 1
            let wanted = selected(stage.name)
            guard wanted || stages[(position + 1)...].contains(where: { selected($0.name) }) else { break }
            // Run once to make the next stage's input (and, for ingest, to count the records it read).
            let sink = MemorySink()
            let status = stage.run(input, sink)
            guard status == .success else {
                diagnostics.warning("\(stage.name): exit status \(status); this and later stage rows left out")
                break
            }
            if position == 0 { inputRecords = lineCount(sink.bytes, startingWith: #"{"kind":"record""#) }
            if wanted {
                let seconds = best(of: repetitions) { _ = stage.run(input, DiscardingSink()) }
                rows.append(
                    Measurement(
                        name: stage.name, bytes: inputBytes, records: inputRecords, seconds: seconds,
                        peakResidentKiB: peakResidentKiB()))
            }
            if isLast { break }
            input = sink.bytes
            inputBytes = input.count
            inputRecords = lineCount(input, startingWith: "")
        }
        return rows
    }

    /// The raw files of `directory`, or of a population generated into a temporary directory (removed by
    /// `cleanUp`); nil, with a warning, when there is neither.
    static func population(
        directory: String?, people: Int, diagnostics: Diagnostics
    ) -> (files: [String], cleanUp: () -> Void)? {
        if let directory {
            let files = channelFiles.map { directory + "/" + $0 }.filter { FileManager.default.fileExists(atPath: $0) }
            guard !files.isEmpty else {
                diagnostics.warning(
                    "--population \(directory): no channel files (\(channelFiles.joined(separator: " ")))")
                return nil
            }
            return (files, {})
        }
        guard let generator = siblingExecutable("touchpoint-gen") else {
            diagnostics.warning(
                "touchpoint-gen not found beside touchpoint-bench (swift build -c release --product touchpoint-gen); "
                    + "stage rows left out")
            return nil
        }
        let directory = NSTemporaryDirectory() + "touchpoint-bench-population-\(getpid())"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: generator)
        process.arguments = ["--out", directory, "--people", String(people)]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let cleanUp = { _ = try? FileManager.default.removeItem(atPath: directory) }
        do {
            try process.run()
            process.waitUntilExit()
        } catch {
            diagnostics.warning("\(generator): \(error); stage rows left out")
            return nil
        }
        guard process.terminationStatus == 0 else {
            diagnostics.warning("\(generator): exit status \(process.terminationStatus); stage rows left out")
            cleanUp()
            return nil
        }
        return (channelFiles.map { directory + "/" + $0 }, cleanUp)
    }

    private static func siblingExecutable(_ name: String) -> String? {
        guard let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else {
            return nil
        }
        let candidate = URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent(name).path
        return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
    }

    private static func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }

    /// Lines of NDJSON that start with `prefix` (every line for an empty prefix).
    private static func lineCount(_ bytes: [UInt8], startingWith prefix: String) -> Int {
        let prefix = Array(prefix.utf8)
        var count = 0
        var lineStart = 0
        bytes.withUnsafeBufferPointer { buffer in
            for index in buffer.indices where buffer[index] == 0x0A {
                if index - lineStart >= prefix.count,
                    prefix.isEmpty || buffer[lineStart..<lineStart + prefix.count].elementsEqual(prefix)
                {
                    count += 1
                }
                lineStart = index + 1
            }
        }
        return count
    }
}
