/// Formats measurements with each row's speed as a ratio to a reference peer (jq), measured in the same run.
struct BenchmarkTable {
    let rows: [Measurement]
    let reference: String

    private var referenceSpeed: Double? { rows.first { $0.name == reference }?.megabytesPerSecond }

    private func ratio(_ row: Measurement) -> String {
        guard let referenceSpeed else { return "n/a" }
        return format(row.megabytesPerSecond / referenceSpeed, places: 1) + "x"
    }

    var plain: String {
        var text = pad("case", 38) + pad("MB/s", 10) + pad("records/s", 12) + pad("vs jq", 8) + "peak RSS MiB\n"
        for row in rows {
            text += pad(row.name, 38) + pad(format(row.megabytesPerSecond, places: 1), 10)
            text += pad(format(row.recordsPerSecond / 1000, places: 0) + "k", 12) + pad(ratio(row), 8)
            text += format(Double(row.peakResidentKiB) / 1024, places: 0) + "\n"
        }
        return text
    }

    var markdown: String {
        var text = "| case | MB/s | records/s | vs jq -c . | peak RSS (MiB) |\n|---|---:|---:|---:|---:|\n"
        for row in rows {
            text += "| \(row.name) | \(format(row.megabytesPerSecond, places: 1)) | "
            text += "\(format(row.recordsPerSecond / 1000, places: 0))k | \(ratio(row)) | "
            text += "\(format(Double(row.peakResidentKiB) / 1024, places: 0)) |\n"
        }
        return text
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }

    private func format(_ value: Double, places: Int) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        if places == 0 { return String(Int(rounded)) }
        let whole = Int(rounded)
        let fraction = Int(((abs(rounded) - Double(abs(whole))) * scale).rounded())
        let digits = String(fraction)
        return "\(whole)." + String(repeating: "0", count: places - digits.count) + digits
    }
}
