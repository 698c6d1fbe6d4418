import Foundation
import Glibc
import Testing
import TouchpointCore
import TouchpointTesting

/// Starting a program that is still open for writing somewhere (ETXTBSY) waits for it to close instead of
/// failing: a file just written stays open in any child another thread forked meanwhile.
struct ProcessSpawnTests {
    @Test func aProgramStillOpenForWritingIsStartedOnceItCloses() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path + "/stand-in"
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
        try #require(descriptor >= 0)
        let script = Array("#!/bin/sh\nexit 0\n".utf8)
        #expect(write(descriptor, script, script.count) == script.count)
        let closer = Thread {
            usleep(30_000)
            close(descriptor)
        }
        closer.start()
        let null = open("/dev/null", O_RDWR)
        defer { close(null) }
        var request = ProcessSpawn.Request(
            executablePath: path, arguments: [path], standardInput: null, standardOutput: null, standardError: null)
        // Far more than the 30 ms the file stays open, so a loaded machine cannot make the test fail.
        request.busyProgramWaitMilliseconds = 10_000
        let pid = try ProcessSpawn.spawn(request)
        var status: Int32 = 0
        #expect(waitpid(pid, &status, 0) == pid)
        #expect(status == 0)
    }
}
