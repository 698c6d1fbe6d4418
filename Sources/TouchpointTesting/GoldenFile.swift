import Foundation

/// Compares output with an expected file; with `TOUCHPOINT_UPDATE_GOLDEN=1` in the environment it rewrites the
/// file instead, for review with `git diff`.
package enum GoldenFile {
    package static var isUpdating: Bool { ProcessInfo.processInfo.environment["TOUCHPOINT_UPDATE_GOLDEN"] == "1" }

    /// Nil when `actual` matches (or the file was updated); otherwise a readable diff.
    package static func check(_ actual: String, against expected: URL) -> String? {
        if isUpdating {
            try? FileManager.default.createDirectory(
                at: expected.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? actual.write(to: expected, atomically: true, encoding: .utf8)
            return nil
        }
        guard let wanted = try? String(contentsOf: expected, encoding: .utf8) else {
            return "\(expected.path): missing; run with TOUCHPOINT_UPDATE_GOLDEN=1 to create it"
        }
        return wanted == actual
            ? nil : LineDiff.describe(expected: wanted, actual: actual, label: expected.lastPathComponent)
    }
}

/// A short line diff for failure messages: the first differing lines with a little context.
package enum LineDiff {
    package static func describe(expected: String, actual: String, label: String, maxLines: Int = 12) -> String {
        let wanted = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let got = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var text = "--- \(label) (expected, \(wanted.count) lines)\n+++ actual (\(got.count) lines)\n"
        var shown = 0
        for index in 0..<max(wanted.count, got.count) where shown < maxLines {
            let left = index < wanted.count ? String(wanted[index]) : nil
            let right = index < got.count ? String(got[index]) : nil
            guard left != right else { continue }
            text += "@@ line \(index + 1)\n"
            if let left { text += "-" + left + "\n" }
            if let right { text += "+" + right + "\n" }
            shown += 1
        }
        return text
    }
}
