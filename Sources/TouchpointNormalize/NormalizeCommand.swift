import Glibc
import TouchpointCore
import TouchpointJSON

/// `normalize`: flags, help and the stage, for the executable and for in-process tests.
package enum NormalizeCommand {
    package static let spec = CommandSpec(
        name: "normalize",
        summary: "turn ingest's records into canonical touchpoint events, one mapping file per kind of source",
        usage: [
            "normalize [--mappings DIR] [--map SOURCE=MAPPING]... [--default-country-code N] [options] < records.ndjson",
            "normalize --check [--mappings DIR] FILE... [--sample RECORDS]",
            "normalize --help-mappings [--mappings DIR]",
        ],
        options: [
            .init(
                "--mappings", value: "DIR",
                help: "mapping, table and list files beside the built-ins (same name replaces)"),
            .init(
                "--map", value: "SOURCE=MAPPING",
                help: "map records of SOURCE with MAPPING (default: chosen, see below)"),
            .init(
                "--default-country-code", value: "N", help: "calling code for phones written without one (default 1)"),
            .init(
                "--allowed-lateness", value: "DURATION",
                help: "how late an event may arrive within its source before event time passes it (default: 1h)"),
            .init(
                "--identifier-blocklist", value: "FILE",
                help: "values that mean \"no identifier\", merged into the built-in list (its JSON shape)"),
            .init("--email-provider-rules", help: "fold Gmail dots and +tags of known providers (off by default)"),
            .init("--check", help: "check the mapping FILEs (with the built-ins and --mappings) and exit"),
            .init("--sample", value: "RECORDS", help: "with --check: map these ingest records and report coverage"),
            .init("--help-mappings", help: "list the mappings and exit"),
        ] + StageOptions.commandOptions,
        details: """
            Input kinds: record (owned: becomes one event); every other kind, barriers included, is forwarded
            unchanged and in order.
            Output kinds: event {"kind":"event","id","entity","time","received","source","channel","type","stage",
            "ids","traits","text","metrics","properties"} (docs/CONTRACT.md); watermark {"kind":"watermark","time"}
            before a barrier when event time advanced (per source the newest event time minus --allowed-lateness,
            the smallest over sources that can still deliver; "final":true once every source is done); dead letters
            go to stderr or --dead-letters (reasons: unknown_source, invalid_record, invalid_field, and the reader's
            own). A mapping's drop rules filter records, counted by reason.

            A source's mapping: --map, else the mapping named like the source, else one listing it in
            select.sources, else the first whose select.shape its first record fits; the choice is noted on stderr.
            At the end, mapped fields missing from most of a source's events are reported (docs/stages/normalize.md).

            Exit status: 0 done; 1 output or dead-letter file failed; 2 usage error or a broken mapping file.

            Example: ingest --received 2026-11-01T00:00:00Z sample/pos.csv | normalize --map pos-berlin=pos
            """)

    package static func run(_ arguments: [String], io: StageIO) -> ExitStatus {
        let diagnostics = Diagnostics(program: spec.name, sink: io.errors)
        let parsed: ParsedArguments
        do {
            parsed = try spec.parse(arguments.dropFirst())
        } catch {
            diagnostics.error(error.message)
            return .usage
        }
        if parsed.isSet("--check") { return check(parsed, io: io) }
        if parsed.isSet("--help-mappings") {
            do {
                write(try catalog(parsed, io: io).helpText, to: io)
                return .success
            } catch {
                diagnostics.error(error.message)
                return .usage
            }
        }
        return StageCommand.run(arguments, io: io, spec: spec) { (parsed, io) throws(UsageError) -> Normalizer in
            guard parsed.positionals.isEmpty else {
                throw UsageError("\(parsed.positionals[0]): normalize reads stdin (files are for --check)")
            }
            return try makeNormalizer(parsed, io: io)
        }
    }

    /// The stage as the flags describe it; every problem is a usage error naming the flag or the file.
    package static func makeNormalizer(
        _ parsed: ParsedArguments, io: StageIO, extraFiles: [ConfigFile] = [], overrideAll: String? = nil
    ) throws(UsageError) -> Normalizer {
        let catalog = try catalog(parsed, io: io, extraFiles: extraFiles)
        let diagnostics = Diagnostics(program: spec.name, sink: io.errors)
        if !parsed.isSet("--quiet") { for note in catalog.notes { diagnostics.note(note) } }
        var overrides: [String: String] = [:]
        for value in parsed.values("--map") {
            let parts = value.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw UsageError("--map: \"\(value)\" is not SOURCE=MAPPING")
            }
            guard catalog.mapping(named: parts[1]) != nil else {
                throw UsageError(
                    "--map: unknown mapping \"\(parts[1])\" (known: \(catalog.names.joined(separator: ", ")))")
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
        let blocklist: IdentifierBlocklist
        do {
            blocklist = try IdentifierBlocklist.loading(
                userFile: parsed.value("--identifier-blocklist").map(io.resolvedPath))
        } catch {
            throw error.usageError
        }
        return Normalizer(
            catalog: catalog, overrides: overrides, defaultCountryCode: digits, allowedLateness: lateness,
            diagnostics: parsed.isSet("--quiet") ? nil : diagnostics, overrideAll: overrideAll, blocklist: blocklist,
            emailRules: EmailRules(providerRules: parsed.isSet("--email-provider-rules")))
    }

    private static func catalog(_ parsed: ParsedArguments, io: StageIO, extraFiles: [ConfigFile] = [])
        throws(UsageError) -> MappingCatalog
    {
        do {
            return try MappingCatalog(
                userFolder: parsed.value("--mappings").map(io.resolvedPath), extraFiles: extraFiles)
        } catch {
            throw error.usageError
        }
    }

    /// `--check FILE... [--sample RECORDS]`: each file compiles with everything it may name; with a sample, the
    /// records are mapped (events discarded) and the coverage report and counts go to stderr.
    private static func check(_ parsed: ParsedArguments, io: StageIO) -> ExitStatus {
        var files: [ConfigFile] = []
        let status = ConfigCheck.run(parsed.positionals, io: io, program: spec.name) { (file) throws(ConfigError) in
            _ = try MappingCatalog(userFolder: parsed.value("--mappings").map(io.resolvedPath), extraFiles: [file])
            files.append(file)
        }
        guard status == .success, let sample = parsed.value("--sample") else { return status }
        let diagnostics = Diagnostics(program: spec.name, sink: io.errors)
        let descriptor = open(io.resolvedPath(sample), O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            diagnostics.error("--sample \(sample): \(String(cString: strerror(errno)))")
            return .usage
        }
        defer { close(descriptor) }
        let mappings = files.compactMap { try? MappingCatalog.kind(of: $0) == "mapping" ? $0 : nil }
        do {
            let onlyMapping = mappings.count == 1 ? try mappings[0].root.required("mapping").string() : nil
            var stage = try makeNormalizer(parsed, io: io, extraFiles: files, overrideAll: onlyMapping)
            stage.isDetailedReport = true
            var sampleIO = io
            sampleIO.input = FileDescriptorSource(descriptor: descriptor)
            sampleIO.output = DiscardingSink()
            let options = try StageOptions(parsed)
            return StageRunner.run(&stage, io: sampleIO, options: options)
        } catch let error as UsageError {
            diagnostics.error(error.message)
            return .usage
        } catch {
            diagnostics.error("\(error)")
            return .usage
        }
    }

    private static func write(_ text: String, to io: StageIO) {
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { try? io.output.write(UnsafeRawBufferPointer($0)) }
    }
}

/// Output nobody reads: `--check --sample` maps records for the report only.
private final class DiscardingSink: ByteSink {
    func write(_ bytes: UnsafeRawBufferPointer) throws(ByteStreamError) {}
}
