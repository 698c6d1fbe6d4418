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
            "ExecStart=/usr/local/bin/touchpoint run ${TOUCHPOINT_PIPELINE} --output ${TOUCHPOINT_OUTPUT} "
                + "--restarts ${TOUCHPOINT_RESTARTS} $TOUCHPOINT_OPTIONS",
            "Environment=TOUCHPOINT_PIPELINE=/etc/touchpoint/main.pipeline",
            "Environment=TOUCHPOINT_OUTPUT=/var/log/touchpoint/output.ndjson",
            "EnvironmentFile=-/etc/default/touchpoint",
            "Type=notify", "NotifyAccess=main", "WatchdogSec=30s", "Restart=on-failure", "KillMode=mixed",
            "NoNewPrivileges=yes", "ProtectSystem=strict",
            "StateDirectory=touchpoint", "CapabilityBoundingSet=",
        ] {
            #expect(settings.contains(expected), "missing \(expected)")
        }
    }

    /// Every variable the unit's ExecStart uses has a default in the unit and a commented line in the env file.
    @Test func theEnvironmentFileNamesEverySettingTheUnitUses() throws {
        let unit = try String(contentsOfFile: Self.deployDirectory + "/touchpoint.service", encoding: .utf8)
        let environment = try String(contentsOfFile: Self.deployDirectory + "/touchpoint.env", encoding: .utf8)
        let settings = unit.split(separator: "\n").filter { !$0.hasPrefix("#") }.joined(separator: "\n")
        // ${NAME} (one argument) and $NAME (split at blanks); $MAINPID is systemd's own.
        let used = settings.split(separator: "$").dropFirst().compactMap { part -> String? in
            if part.hasPrefix("{"), let close = part.firstIndex(of: "}") {
                return String(part[part.index(after: part.startIndex)..<close])
            }
            let name = part.prefix { $0.isUppercase || $0 == "_" }
            return name.isEmpty || name == "MAINPID" ? nil : String(name)
        }
        #expect(
            Set(used) == ["TOUCHPOINT_PIPELINE", "TOUCHPOINT_OUTPUT", "TOUCHPOINT_RESTARTS", "TOUCHPOINT_OPTIONS"])
        for name in used {
            #expect(unit.contains("\nEnvironment=\(name)="), "no default for \(name)")
            #expect(environment.contains("\n#\(name)="), "\(name) missing from touchpoint.env")
        }
    }

    @Test func theUnitParses() throws {
        let analyzer = "/usr/bin/systemd-analyze"
        // .ci/run installs systemd's tools; a machine without them skips only this check, and says so.
        guard FileManager.default.isExecutableFile(atPath: analyzer) else {
            Issue.record("systemd-analyze is not installed (.ci/run installs it)")
            return
        }
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
