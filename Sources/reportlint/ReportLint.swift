import ArgumentParser
import Diagnostics
import Engine
import Foundation
import ReportModel
import Rules
import SourceText

/// The CLI: arguments in, `Linter` called, diagnostics rendered, exit status out
/// (0 no errors, 1 errors found, 2 the run itself failed).
@main
struct ReportLint: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "reportlint",
        abstract: "Checks Vietnamese government periodic reports (báo cáo tháng / quý / năm).",
        version: version,
        subcommands: [Lint.self, ListRules.self, Explain.self, Cat.self, ShowConfig.self, Init.self, InstallHook.self],
        defaultSubcommand: Lint.self)

    /// argument-parser exits 64 on a usage error; reportlint's contract is 2.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            // The usual end of a run with findings: nothing to print, and argument-parser's
            // general error path costs half a million instructions on first use.
            Foundation.exit(code.rawValue == 64 ? 2 : code.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                exit(withError: error)
            }
            let message = fullMessage(for: error)
            if !message.isEmpty {
                FileHandle.standardError.write((message + "\n").data(using: .utf8)!)
            }
            Foundation.exit(code.rawValue == 64 ? 2 : code.rawValue)
        }
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case gcc, pretty, json, sarif, github
    var defaultValueDescription: String { rawValue }
}

struct CommonOptions: ParsableArguments {
    @Option(name: .customLong("rules"), help: "A rule set file to add to the built-in ones (repeatable).")
    var ruleFiles: [String] = []

    @Option(help: "Language of the messages: vi or en (default: the config's lang, else vi).")
    var lang: Language?

    var language: Language { lang ?? .vi }

    func catalog() throws -> RuleCatalog {
        let (catalog, errors) = RuleCatalog.load(files: ruleFiles)
        guard let catalog else {
            let text = errors.map(\.description).joined(separator: "\n") + "\n"
            FileHandle.standardError.write(text.data(using: .utf8)!)
            FileHandle.standardOutput.write(text.data(using: .utf8)!)
            throw ExitCode(2)
        }
        return catalog
    }
}

// argument-parser describes each value with `"\(self)"`, which reflects on the enum (a few
// hundred thousand instructions at every start); the raw value is the same text.
extension Language: ExpressibleByArgument {
    public var defaultValueDescription: String { rawValue }
}

struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Lint reports (files, directories, or - for standard input).",
        discussion: """
            Exit status: 0 passed, 1 findings at or above --fail-level (or more warnings than \
            --max-warnings), 2 the run itself failed (bad arguments, a missing file, a broken \
            .reportlint.yml or rule file).
            """)

    @OptionGroup var common: CommonOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var policy: PolicyOptions
    @OptionGroup var project: ProjectOptions

    @Flag(help: "Lint the staged version of the staged report files (git index), with repository paths.")
    var staged = false

    @Option(help: "Files linted at once (default: all cores).")
    var jobs: Int?

    @Argument(help: "Files or directories (.txt, .md, .docx) to lint; - reads standard input. With --staged: pathspecs.")
    var paths: [String] = []

    func validate() throws {
        if !staged && paths.isEmpty {
            throw ValidationError("give at least one file or directory to lint (or - for standard input, or --staged)")
        }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be 1 or more") }
        try output.validate()
        try policy.validate()
        try project.validate()
    }

    // --fix / --fix-dry-run (Engine/Fixer.swift): apply the safe fix-its, then lint what is left.
    @Flag(help: "Apply the safe fix-its to the files (atomically; never a .docx), then lint them again.")
    var fix = false
    @Flag(name: .customLong("fix-dry-run"), help: "Print the safe fix-its as a unified diff and change nothing.")
    var fixDryRun = false

    func run() throws {
        if fix || fixDryRun {
            if staged { throw ValidationError("--fix and --fix-dry-run work on files, not on --staged") }
            let resolver = ProfileResolver(mode: project.mode, ruleFiles: common.ruleFiles, language: common.lang)
            guard let outcome = try? Fixer.run(paths: paths, resolver: resolver, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
                                               dryRun: fixDryRun) else { return try execute() }
            if !outcome.diagnostics.isEmpty { writeError(GCCRenderer.render(outcome.diagnostics)) }
            if fixDryRun {
                FileHandle.standardOutput.write(Data(outcome.diff.utf8))
                return
            }
        }
        try execute()
    }
}

struct ListRules: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rules", abstract: "List every rule: id, kind, severity, description.")

    @OptionGroup var common: CommonOptions

    func run() throws {
        let catalog = try common.catalog()
        let width = catalog.rules.map(\.id.count).max() ?? 0
        let kindWidth = catalog.rules.map(\.kindName.count).max() ?? 0
        var out = ""
        for rule in catalog.rules {
            let severity = rule.severity?.rawValue ?? "off"
            let description = rule.description ?? (rule.message?.text(common.language) ?? "")
            out += rule.id.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                + rule.kindName.padding(toLength: kindWidth, withPad: " ", startingAt: 0) + "  "
                + severity.padding(toLength: 7, withPad: " ", startingAt: 0) + "  " + description + "\n"
        }
        FileHandle.standardOutput.write(out.data(using: .utf8)!)
    }
}

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "explain", abstract: "Explain a rule (by id) or a rule kind (by name).")

    @OptionGroup var common: CommonOptions

    @Argument(help: "A rule id such as monthly/required-sections, or a kind such as recipients.")
    var name: String

    func run() throws {
        let catalog = try common.catalog()
        let rule = catalog.rule(name)
        guard let kind = allKinds.first(where: { $0.name == (rule?.kindName ?? name) }) else {
            throw ValidationError("no rule or rule kind named '\(name)'; see 'reportlint rules'")
        }
        var out = ""
        if let rule {
            out += "\(rule.id) (\(rule.kindName), \(rule.severity?.rawValue ?? "off"))\n"
            if let description = rule.description { out += description + "\n" }
            out += "defined in \(rule.path):\(rule.location.line)\n\n"
        }
        out += "kind \(kind.name): \(kind.summary)\n\nfields:\n"
        for field in kind.fields { out += "  \(field.name): \(field.type)\n" }
        out += "\nexamples (↓ marks where a finding points):\n"
        for example in kind.examples {
            out += "\n  rule: \(example.rule.replacingOccurrences(of: "\n", with: "\n        "))\n"
            out += "  report:\n" + example.report.split(separator: "\n", omittingEmptySubsequences: false)
                .map { "    | " + $0 }.joined(separator: "\n") + "\n"
            out += example.expect.isEmpty ? "  expect: (silent)\n" : example.expect.map { "  expect: \($0)\n" }.joined()
        }
        FileHandle.standardOutput.write(out.data(using: .utf8)!)
    }
}

struct Cat: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cat", abstract: "Print a report as reportlint sees it, with line numbers.")

    @Argument(help: "The report file.")
    var path: String

    @Flag(help: "Print the parsed structure (header, sections, tables, Nơi nhận, signature) instead of the text.")
    var structure = false

    func run() throws {
        switch ReportLoader.load(path: path) {
        case let .success(source) where structure:
            FileHandle.standardOutput.write(TextReportParser.parse(source).outline.data(using: .utf8)!)
        case let .success(source):
            let width = String(source.lineCount).count
            var out = ""
            for number in 1...max(1, source.lineCount) where number <= source.lineCount {
                let label = String(number)
                out += String(repeating: " ", count: width - label.count) + label + "  " + source.line(number) + "\n"
            }
            FileHandle.standardOutput.write(out.data(using: .utf8)!)
        case let .failure(problem):
            let diagnostic = Linter.diagnostic(for: problem, path: path)
            FileHandle.standardError.write(GCCRenderer.render([diagnostic]).data(using: .utf8)!)
            throw ExitCode(2)
        }
    }
}
