import Foundation

/// A fresh directory under /tmp for one test, removed with everything in it when released (or by `remove()`).
package final class TemporaryDirectory {
    package let path: String

    package init() throws {
        var template = Array("/tmp/touchpoint-test-XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw CocoaError(.fileWriteUnknown)
        }
        path = String(cString: made)
    }

    /// A directory holding the given files.
    package convenience init(files: [String: [UInt8]]) {
        try! self.init()  // mkdtemp under /tmp failing leaves no test to run
        for (name, bytes) in files { write(name, bytes) }
    }

    package convenience init(texts: [String: String]) {
        self.init(files: texts.mapValues { Array($0.utf8) })
    }

    deinit { remove() }

    /// Writes `bytes` to `name` (parent folders created); returns the full path.
    @discardableResult
    package func write(_ name: String, _ bytes: [UInt8], isExecutable: Bool = false) -> String {
        let file = path + "/" + name
        try? FileManager.default.createDirectory(
            atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let isWritten = FileManager.default.createFile(
            atPath: file, contents: Data(bytes), attributes: [.posixPermissions: isExecutable ? 0o755 : 0o600])
        // A test whose fixture silently failed to appear would test something else.
        precondition(isWritten, "could not write \(file)")
        return file
    }

    @discardableResult
    package func write(_ name: String, _ text: String, isExecutable: Bool = false) throws -> String {
        write(name, Array(text.utf8), isExecutable: isExecutable)
    }

    package func read(_ name: String) throws -> String {
        try String(contentsOfFile: path + "/" + name, encoding: .utf8)
    }

    package func bytes(_ name: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path + "/" + name).map { Array($0) }
    }

    package func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: path + "/" + name) }

    package func remove() { try? FileManager.default.removeItem(atPath: path) }
}
