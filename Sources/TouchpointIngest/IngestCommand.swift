import TouchpointCore
import TouchpointJSON

/// `ingest`: reads raw channel files (NDJSON, CSV, combined logs) and writes one `record` per input record, with
/// its provenance, plus `barrier`s that say how far each file has been read.
package enum IngestCommand {
    package static let spec = CommandSpec(
        name: "ingest",
        summary: "read raw channel files and write one NDJSON record per input record",
        usage: [
            "ingest [--source NAME] [--format FORMAT] [FILE | -]... [options]",
            "ingest --sources FILE [options]",
            "ingest --help-formats",
        ],
        options: [
            .init("--source", value: "NAME", help: "source name for the files after it (default: the file's stem)"),
            .init("--format", value: "FORMAT", help: "format of the files after it (default: from the extension)"),
            .init(
                "--format-option", value: "KEY=VALUE",
                help: "an option of the format of the files after it (see --help-formats)"),
            .init(
                "--sources", value: "FILE", help: "read the sources listed in this JSON file (docs/stages/ingest.md)"),
            .init("--received", value: "TIME", help: "fixed \"received\" time, or \"now\" (default: the wall clock)"),
            .init(
                "--barrier-every", value: "N", help: "barrier after every N records and at each file's end (0: none)"),
            .init(
                "--forget-after", value: "DURATION",
                help: "with --state: drop a committed position whose file is gone this long (default 7d)"),
            .init("--follow", help: "read on as the files grow, through rotation and truncation, until SIGTERM"),
            .init("--poll", help: "with --follow: look for changes every 250 ms instead of through inotify"),
            .init(
                "--listen", value: "ADDRESS",
                help: "also read connections to tcp://HOST:PORT or unix:PATH, until SIGTERM (repeatable)"),
            .init("--listen-public", help: "allow --listen on an address other hosts can reach (not loopback)"),
            .init("--listen-mode", value: "MODE", help: "file mode of --listen unix sockets, octal (default 0600)"),
            .init(
                "--listen-max-connections", value: "N",
                help: "open connections across the listeners; one more is refused (default 256)"),
            .init("--help-formats", help: "list the formats and exit"),
        ] + StageOptions.commandOptions,
        details: """
            Formats: ndjson (.ndjson .jsonl .json), csv (.csv), clf (.log); see --help-formats and docs/FORMATS.md.
            With no FILE, or with -, reads stdin (format ndjson and source "stdin" unless given).
            --follow reads on like tail -F: rotation by rename (the old file read to its end first), copytruncate and
            truncation (read again from the start), barriers with sources "idle" while quiet, until SIGTERM/SIGINT;
            with --state a restart resumes at the committed positions, in a rotated file beside the path if need be.
            A quoted pattern ('logs/*.log') is matched when the run starts, and with --follow also later.
            A sources file lists a deployment's feeds: {"sources":[{"name","format","options":{…},"files":[…]}]}, paths
            relative to the file's folder; each entry reads like --source NAME --format FORMAT --format-option … FILE….
            --listen reads NDJSON (or the --format before it) from many clients at once; syslog over TCP may be
            newline-framed or octet-counted (RFC 6587). Loopback only unless --listen-public; a unix socket is 0600.

            Output kinds: record {"kind":"record","source":{"name","format","file","line","offset"},"received","data"}
            (from a socket: "listener", "peer" and "connection" instead of "file")
            and barrier {"kind":"barrier","id","positions":[{"source","file","device","inode","offset"}],"sources"}.
            Dead letters (stage "ingest") go to stderr or --dead-letters.

            Exit status: 0 done; 1 an input could not be opened or read (the others are still read); 2 usage error.

            Example: ingest --received 2026-11-01T00:00:00Z sample/pos.csv sample/web.log | normalize
            """)

    package static func run(_ arguments: [String], io: StageIO) -> ExitStatus {
        let diagnostics = Diagnostics(program: spec.name, sink: io.errors)
        let plan: IngestPlan
        do {
            let parsed = try spec.parse(arguments.dropFirst())
            if let early = StageCommand.answerHelpOrVersion(parsed, spec: spec, io: io) { return early }
            if parsed.isSet("--help-formats") {
                var text = Array(FormatRegistry.helpText.utf8)
                text.withUnsafeMutableBytes { try? io.output.write(UnsafeRawBufferPointer($0)) }
                return .success
            }
            plan = try IngestPlan(parsed, workingDirectory: io.workingDirectory)
        } catch {
            diagnostics.error(error.message)
            return .usage
        }
        var io = io
        let progress =
            plan.isFollowing || plan.options.isQuiet
            ? nil
            : (io.errors as? FileDescriptorSink).flatMap {
                ProgressLine.onTerminal($0.descriptor, for: plan.inputs.compactMap(\.path), resolvedBy: io.resolvedPath)
            }
        if let progress { io.errors = progress }
        let context: StageContext
        do {
            context = try StageContext(name: spec.name, io: io, options: plan.options)
        } catch {
            diagnostics.error(error.message)
            return .failure
        }
        var ingester = Ingester(plan: plan, context: context, io: io, progress: progress)
        let status = ingester.run()
        try? progress?.erase()
        return status
    }
}
