import Foundation
import PackagePlugin

/// Embeds every file under a target's `Builtin/` folder into the target as `BuiltinFiles.all`.
///
/// Built-in mappings, rules, lexicons and blocklists are files in the same format a user writes, not Swift: adding
/// one is adding a file. Embedding them (rather than shipping a resource bundle) keeps each executable a single file
/// that finds its built-ins wherever it is installed, and needs no Foundation at run time.
@main
struct EmbedBuiltinFiles: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        let folder = target.directoryURL.appending(path: "Builtin")
        let output = context.pluginWorkDirectoryURL.appending(path: "BuiltinFiles.swift")
        // Directories are inputs too, so adding or removing a file re-runs the command.
        var inputs = [folder]
        if let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) {
            for case let url as URL in walker { inputs.append(url) }
        }
        return [
            .buildCommand(
                displayName: "Embedding the built-in files of \(target.name)",
                executable: try context.tool(named: "embed-builtin-files").url,
                arguments: [folder.path, output.path],
                inputFiles: inputs,
                outputFiles: [output])
        ]
    }
}
