import TouchpointCore
import TouchpointJSON

/// `normalize`: flags, help and the stage, for the executable and for in-process tests.
package enum NormalizeCommand {
    package static let spec = CommandSpec(
        name: "normalize",
        summary: "turn ingest's records into canonical touchpoint events, one mapping per source",
        usage: [
            "normalize [--map SOURCE=MAPPING]... [--default-country-code N] [options] < records.ndjson",
            "normalize --help-mappings",
        ],
        options: [
            .init("--map", value: "SOURCE=MAPPING", help: "map records of SOURCE with MAPPING (default: same name)"),
            .init(
                "--default-country-code", value: "N", help: "calling code for phones written without one (default 1)"),
            .init(
                "--allowed-lateness", value: "DURATION",
                help: "how late an event may arrive within its source before event time passes it (default: 1h)"),
            .init("--help-mappings", help: "list the mappings and exit"),
        ] + StageOptions.commandOptions,
        details: """
            Input kinds: record (owned: becomes one event); every other kind, barriers included, is forwarded
            unchanged and in order.
            Output kinds: event {"kind":"event","id","time","received","source","channel","type","stage","ids",
            "traits","text","metrics","properties"} (docs/CONTRACT.md); watermark {"kind":"watermark","time"} before
            a barrier when event time advanced (per source the newest event time minus --allowed-lateness, the
            smallest over sources that can still deliver; "final":true once every source is done); dead letters go
            to stderr or --dead-letters (reasons: unknown_source, invalid_record, invalid_field, and the reader's own).

            Exit status: 0 done; 1 output or dead-letter file failed; 2 usage error.

            Example: ingest --received 2026-11-01T00:00:00Z sample/pos.csv | normalize --map pos-berlin=pos
            """)

    package static func run(_ arguments: [String], io: StageIO) -> ExitStatus {
        if arguments.dropFirst().contains("--help-mappings") {
            var text = Array(MappingRegistry.helpText.utf8)
            text.withUnsafeMutableBytes { try? io.output.write(UnsafeRawBufferPointer($0)) }
            return .success
        }
        return StageCommand.run(arguments, io: io, spec: spec) { (parsed, _) throws(UsageError) -> Normalizer in
            try makeNormalizer(parsed)
        }
    }

    /// The stage as the flags describe it; every problem is a usage error naming the flag.
    package static func makeNormalizer(_ parsed: ParsedArguments) throws(UsageError) -> Normalizer {
        var overrides: [String: String] = [:]
        for value in parsed.values("--map") {
            let parts = value.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw UsageError("--map: \"\(value)\" is not SOURCE=MAPPING")
            }
            guard MappingRegistry.mapping(named: parts[1]) != nil else {
                throw UsageError(
                    "--map: unknown mapping \"\(parts[1])\" (known: \(MappingRegistry.names.joined(separator: ", ")))")
            }
            overrides[parts[0]] = parts[1]
        }
        let countryCode = parsed.value("--default-country-code") ?? "1"
        let digits = countryCode.hasPrefix("+") ? String(countryCode.dropFirst()) : countryCode
        guard (1...3).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }), !digits.hasPrefix("0")
        else {
            throw UsageError("--default-country-code: \"\(countryCode)\" is not a calling code of 1 to 3 digits")
        }
        let lateness = try parsed.duration("--allowed-lateness", default: Normalizer.defaultAllowedLateness)
        return Normalizer(
            configuration: MappingConfiguration(defaultCountryCode: digits), overrides: overrides,
            allowedLateness: lateness)
    }
}
