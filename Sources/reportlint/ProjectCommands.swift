import ArgumentParser
import Diagnostics
import Engine
import Foundation
import ReportModel
import Rules
import SourceText

/// `reportlint config FILE`: which config governs FILE and the rules that run on it.
struct ShowConfig: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Print the effective configuration and rules for a report.")

    @OptionGroup var common: CommonOptions

    @Option(help: ArgumentHelp("Use this config instead of the nearest .reportlint.yml.", valueName: "file"))
    var config: String?

    @Flag(help: "Ignore .reportlint.yml files.")
    var noConfig = false

    @Argument(help: "The report file.")
    var path: String

    func run() throws {
        let mode: ProfileResolver.Mode = noConfig ? .none : config.map { .file(Paths.absolute($0)) } ?? .discover
        let resolver = ProfileResolver(mode: mode, ruleFiles: common.ruleFiles, language: common.lang)
        let absolute = Paths.absolute(path)
        guard let profile = resolver.profile(for: absolute) else {
            writeError(resolver.errors.map(\.description).joined(separator: "\n"))
            throw ExitCode(2)
        }
        var out = "config: " + (profile.config.map(\.path) ?? "none (built-in defaults)") + "\n"
        if let extends = profile.config?.extends {
            out += "extends: " + extends.map(\.name).joined(separator: ", ") + "\n"
        }
        out += "lang: \(profile.language.rawValue)\n"
        if profile.isIgnored(absolute) {
            out += "\(path) is ignored by the config's ignore list\n"
            FileHandle.standardOutput.write(Data(out.utf8))
            return
        }
        let source: SourceFile
        switch ReportLoader.load(path: path) {
        case let .success(loaded): source = loaded
        case let .failure(problem):
            writeError(GCCRenderer.render([Linter.diagnostic(for: problem, path: path)]))
            throw ExitCode(2)
        }
        let rules = profile.rules(for: TextReportParser.parse(source), absolutePath: absolute)
        out += "rules for \(path):\n"
        let width = rules.map(\.id.count).max() ?? 0
        let kindWidth = rules.map(\.kindName.count).max() ?? 0
        for rule in rules {
            out += "  " + rule.id.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                + rule.kindName.padding(toLength: kindWidth, withPad: " ", startingAt: 0) + "  "
                + (rule.severity?.rawValue ?? "off").padding(toLength: 7, withPad: " ", startingAt: 0) + "  "
                + rule.path + "\n"
        }
        if rules.isEmpty { out += "  (none)\n" }
        FileHandle.standardOutput.write(Data(out.utf8))
    }
}

/// `reportlint init`: a commented starter `.reportlint.yml` in the working directory.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented starter .reportlint.yml in the current directory (never overwrites).")

    func run() throws {
        let path = ProjectConfig.fileName
        guard !FileManager.default.fileExists(atPath: path) else {
            writeError("reportlint: error: \(path) already exists; not overwriting it")
            throw ExitCode(2)
        }
        do {
            try AtomicFile.write(ProjectConfig.starter, to: path)
        } catch {
            writeError("reportlint: error: \(error.message)")
            throw ExitCode(2)
        }
        FileHandle.standardOutput.write(Data("wrote \(path)\n".utf8))
    }
}

/// `reportlint install-hook`: the git pre-commit hook that runs `reportlint --staged`.
struct InstallHook: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install-hook",
        abstract: "Install a git pre-commit hook that runs reportlint --staged (respects core.hooksPath).")

    @Flag(help: "Keep an existing pre-commit hook and run it before reportlint.")
    var chain = false

    @Flag(help: "Remove the hook reportlint installed (and restore a chained hook).")
    var uninstall = false

    func run() throws {
        do {
            let directory = try Git.hooksDirectory()
            let message = uninstall
                ? try HookInstaller.uninstall(hooksDirectory: directory)
                : try HookInstaller.install(hooksDirectory: directory, binary: HookInstaller.currentBinary(), chain: chain)
            FileHandle.standardOutput.write(Data((message + "\n").utf8))
        } catch let error as Git.Failure {
            writeError("reportlint: error: \(error.message)")
            throw ExitCode(2)
        } catch let error as HookInstaller.Failure {
            writeError("reportlint: error: \(error.message)")
            throw ExitCode(2)
        }
    }
}
