import Foundation

/// Runs an outside tool (`cat`, `jq -c .`) over a file with stdout to /dev/null, so its time is measured in the same
/// run and on the same bytes as ours. The arguments are fixed strings, never input.
struct PeerCommand {
    let name: String
    let executable: String
    let arguments: [String]

    /// Wall seconds for one run, or nil if the tool is not installed or fails.
    func run(input path: String) -> Double? {
        guard let resolved = Self.which(executable) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: resolved)
        process.arguments = arguments
        guard let input = FileHandle(forReadingAtPath: path) else { return nil }
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let start = monotonicSeconds()
        do { try process.run() } catch { return nil }
        process.waitUntilExit()
        let elapsed = monotonicSeconds() - start
        return process.terminationStatus == 0 ? elapsed : nil
    }

    static func which(_ name: String) -> String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
