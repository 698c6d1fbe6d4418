import Foundation
import Testing
import TouchpointCore
import TouchpointTesting

/// The page in a real browser: headless Chromium (Debian's `chromium`, installed by .ci/run) renders it to a PNG
/// that is not blank.
@Suite struct BrowserRenderTests {
    static let browser = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    @Test(.enabled(if: browser != nil, "chromium is not installed (.ci/run installs it)"))
    func chromiumRendersThePage() throws {
        let html = try ReportPageTests.report(ReportPageTests.stream.text).html
        let directory = try TemporaryDirectory()
        let page = try directory.write("report.html", html)
        let png = directory.path + "/report.png"
        let result = try ChildProcess.run(
            URL(fileURLWithPath: Self.browser!),
            [
                "--headless", "--disable-gpu", "--no-sandbox", "--hide-scrollbars", "--window-size=1000,2000",
                "--user-data-dir=" + directory.path + "/profile", "--screenshot=" + png, "file://" + page,
            ])
        #expect(result.status == 0, Comment(rawValue: result.errors))
        let bytes = try #require(directory.bytes("report.png"))
        #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        // Not blank: decode the pixels with Python's zlib and count those that are not white.
        let checker = """
            import struct, sys, zlib
            data = open(sys.argv[1], "rb").read(); pos = 8; idat = b""
            while pos < len(data):
                length, kind = struct.unpack(">I4s", data[pos:pos + 8]); chunk = data[pos + 8:pos + 8 + length]
                if kind == b"IHDR": width, height, depth, colour = struct.unpack(">IIBB", chunk[:10])
                if kind == b"IDAT": idat += chunk
                pos += 12 + length
            bpp = {2: 3, 6: 4, 0: 1, 4: 2}[colour]; raw = zlib.decompress(idat); stride = width * bpp
            previous = bytearray(stride); dark = 0
            for row in range(height):
                kind = raw[row * (stride + 1)]; line = bytearray(raw[row * (stride + 1) + 1:(row + 1) * (stride + 1)])
                for i in range(stride):
                    a = line[i - bpp] if i >= bpp else 0; b = previous[i]; c = previous[i - bpp] if i >= bpp else 0
                    if kind == 1: line[i] = (line[i] + a) & 255
                    elif kind == 2: line[i] = (line[i] + b) & 255
                    elif kind == 3: line[i] = (line[i] + (a + b) // 2) & 255
                    elif kind == 4:
                        p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                        line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
                dark += sum(1 for i in range(0, stride, bpp) if line[i] < 128)
                previous = line
            print(width, height, dark)
            """
        let script = try directory.write("pixels.py", checker)
        let pixels = try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", script, png])
        let figures = pixels.output.split(separator: " ").compactMap {
            Int($0.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        #expect(figures.count == 3 && figures[0] == 1000 && figures[2] > 10_000, "\(pixels.output) \(pixels.errors)")
    }
}
