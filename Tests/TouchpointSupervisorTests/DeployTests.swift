import Foundation
import Testing

/// deploy/: the unit keeps the settings the docs promise, and parses when systemd-analyze is at hand.
struct DeployTests {
    static let deployDirectory: String = {
        var path = #filePath
        for _ in 0..<3 { path = (path as NSString).deletingLastPathComponent }
        return path + "/deploy"
    }()

    @Test func theUnitRunsTheMainPipelineHardened() throws {
        let unit = try String(contentsOfFile: Self.deployDirectory + "/touchpoint.service", encoding: .utf8)
        let settings = Set(unit.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") })
        for expected in [
            "ExecStart=/usr/local/bin/touchpoint run /etc/touchpoint/main.pipeline --output /var/log/touchpoint/output.ndjson",
            "Restart=on-failure", "KillMode=mixed", "NoNewPrivileges=yes", "ProtectSystem=strict",
            "StateDirectory=touchpoint", "CapabilityBoundingSet=",
        ] {
            #expect(settings.contains(expected), "missing \(expected)")
        }
    }

    @Test func theUnitParses() throws {
        let analyzer = "/usr/bin/systemd-analyze"
        guard FileManager.default.isExecutableFile(atPath: analyzer) else { return }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: analyzer)
        process.arguments = ["verify", "--man=no", Self.deployDirectory + "/touchpoint.service"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        // The binary is not installed on a build machine; every other complaint is a real one.
        let complaints = text.split(separator: "\n").filter { !$0.contains("is not executable") }
        #expect(complaints.isEmpty, "\(complaints)")
    }
}
