import ArgumentParser
import Diagnostics
import Engine
import Foundation
import Rules
import SourceText

struct OutputOptions: ParsableArguments {
    @Option(help: "Output format: gcc, pretty, json, sarif or github (default: pretty on a terminal, gcc otherwise).")
    var format: OutputFormat?

    @Option(name: .customLong("output"), help: ArgumentHelp("Write the report to FILE (atomically) instead of standard output.", valueName: "file"))
    var outputFile: String?

    @Option(help: ArgumentHelp("Also write a SARIF 2.1.0 report to FILE, whatever --format is.", valueName: "file"))
    var sarifOutput: String?

    @Flag(help: "Report errors only (warnings and notes still count for --fail-level and --max-warnings).")
    var quiet = false

    @Flag(help: "Print the time spent per phase (read and decode, parse, facts, render) and per rule on standard error.")
    var profile = false

    @Flag(help: "Print how many quantities, breakdowns, percentages, tables and cross-checks the arithmetic rules found and checked (on standard error; pretty output always ends with it).")
    var stats = false

    func validate() throws {
        if let outputFile, outputFile == sarifOutput {
            throw ValidationError("--output and --sarif-output name the same file")
        }
    }
}

struct PolicyOptions: ParsableArguments {
    @Option(help: "Exit 1 when there is a finding of this severity or worse: error, warning or info.")
    var failLevel: Severity = .error

    @Option(help: "Exit 1 when there are more than N warnings.")
    var maxWarnings: Int?

    func validate() throws {
        if let maxWarnings, maxWarnings < 0 { throw ValidationError("--max-warnings must be 0 or more") }
    }
}

struct ProjectOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Use this config for every file instead of the nearest .reportlint.yml.", valueName: "file"))
    var config: String?

    @Flag(help: "Ignore .reportlint.yml files.")
    var noConfig = false

    @Option(help: ArgumentHelp("Hide the findings recorded in this baseline file; report entries that no longer occur.", valueName: "file"))
    var baseline: String?

    @Option(help: ArgumentHelp("Record today's findings in this baseline file (they are then hidden).", valueName: "file"))
    var writeBaseline: String?

    func validate() throws {
        if config != nil && noConfig { throw ValidationError("--config and --no-config cannot be used together") }
        if baseline != nil && writeBaseline != nil {
            throw ValidationError("--baseline and --write-baseline cannot be used together (writing replaces the baseline)")
        }
    }

    var mode: ProfileResolver.Mode {
        if noConfig { return .none }
        if let config { return .file(Paths.absolute(config)) }
        return .discover
    }
}

extension Severity: ExpressibleByArgument {
    public var defaultValueDescription: String { rawValue }
}

func writeError(_ text: String) {
    FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
}

extension Lint {
    func execute() throws {
        let started = Date()
        Profiler.shared.isEnabled = output.profile
        let stderrIsTerminal = isatty(STDERR_FILENO) == 1
        let resolver = ProfileResolver(mode: project.mode, ruleFiles: common.ruleFiles, language: common.lang)
        let progress = stderrIsTerminal ? ProgressLine() : nil
        var report: (@Sendable (Int, Int) -> Void)?
        if let progress { report = { done, total in progress.update(done, total) } }
        var run = LintRun(source: staged ? .staged(pathspecs: paths) : .paths(paths), resolver: resolver,
                          jobs: jobs, progress: report)
        run.sources = .flaggedLines
        let toTerminal = output.outputFile == nil && isatty(STDOUT_FILENO) == 1
        let format = output.format ?? (toTerminal ? .pretty : .gcc)
        // Findings are printed file by file as the results come in, and each result is then
        // forgotten: memory stays flat over any number of files. SARIF lists the rules that ran
        // before the results, and a baseline is matched across the whole run, so those runs
        // collect every result first.
        if project.baseline == nil, project.writeBaseline == nil, output.sarifOutput == nil, format != .sarif {
            // gcc and GitHub lines name positions only: no text of the file is kept.
            if format == .gcc || format == .github { run.sources = .none }
            try stream(run, format: format, toTerminal: toTerminal, progress: progress,
                       started: started, stderrIsTerminal: stderrIsTerminal)
            return
        }
        var files: [FileResult]
        var ignored = 0
        do {
            let result = try run.run()
            files = result.files
            ignored = result.ignored
        } catch {
            throw Lint.report(error)
        }
        progress?.finish()
        let language = common.lang ?? resolver.languagesUsed.first ?? .vi

        // Baseline: record, or hide what is recorded and report what no longer occurs.
        var stale: [Diagnostic] = []
        let before = files.reduce(0) { $0 + $1.diagnostics.count }
        if let path = project.writeBaseline {
            let directory = (Paths.absolute(path) as NSString).deletingLastPathComponent
            let baseline = Baseline.record(files, language: language, directory: directory)
            do {
                try AtomicFile.write(baseline.serialized(), to: path)
            } catch {
                writeError("reportlint: error: \(error.message)")
                throw ExitCode(2)
            }
            let recorded = baseline.counts.values.reduce(0, +)
            writeError("reportlint: wrote \(recorded) finding\(recorded == 1 ? "" : "s") to \(path)")
            files = baseline.apply(to: files, baselinePath: path).results
        } else if let path = project.baseline {
            switch Baseline.load(path: path) {
            case let .failure(error):
                writeError(error.description)
                throw ExitCode(2)
            case let .success(baseline):
                if let other = resolver.languagesUsed.first(where: { $0 != baseline.language }) {
                    writeError("\(path): error: the baseline was written with --lang \(baseline.language.rawValue); "
                        + "this run uses --lang \(other.rawValue) (messages are part of the key) [baseline]")
                    throw ExitCode(2)
                }
                (files, stale) = baseline.apply(to: files, baselinePath: path)
            }
        }
        let hidden = before - files.reduce(0) { $0 + $1.diagnostics.count }

        let all = (files.flatMap(\.diagnostics) + stale).sorted(by: Diagnostic.ordered)
        let shown = output.quiet ? all.filter { $0.severity == .error } : all
        var sources: [String: SourceFile] = [:]
        for file in files { if let source = file.source { sources[file.path] = source } }
        let paths = files.map(\.path).sorted()
        let elapsed = Date().timeIntervalSince(started)
        let summary = RunSummary.line(files: files.filter { !$0.unreadable }.count, diagnostics: all, seconds: elapsed,
                                      baselined: hidden, ignored: ignored)
        // Silence must never be mistaken for correctness: say what the arithmetic looked at.
        let covered = files.compactMap(\.coverage)
        let coverage = covered.isEmpty ? nil : covered.reduce(Coverage(), +).line(files: covered.count)

        let tool = ToolInfo(name: "reportlint", version: ReportLint.version)
        func sarif() -> String {
            SARIFRenderer.render(shown, sources: sources, rules: SARIFRule.ran(in: files, language: language),
                                 tool: tool, root: FileManager.default.currentDirectoryPath)
        }
        let text = Profiler.shared.measure("phase: render") { () -> String in
            var text: String
            switch format {
            case .gcc: text = GCCRenderer.render(shown)
            case .pretty:
                let color = toTerminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
                text = PrettyRenderer(color: color).render(shown, sources: sources)
                // The human format ends with the summary; machine formats keep stdout to the report.
                if !text.isEmpty { text += "\n" }
                text += summary + "\n"
                if let coverage { text += coverage + "\n" }
            case .json: text = JSONRenderer.render(shown, files: paths, sources: sources, tool: tool)
            case .sarif: text = sarif()
            case .github: text = GitHubRenderer.render(shown)
            }
            return text
        }
        do {
            if let file = output.outputFile {
                try AtomicFile.write(text, to: file)
            } else {
                FileHandle.standardOutput.write(Data(text.utf8))
            }
            if let file = output.sarifOutput { try AtomicFile.write(sarif(), to: file) }
        } catch {
            writeError("reportlint: error: \(error.message)")
            throw ExitCode(2)
        }
        try finish(format: format, summary: summary, coverage: coverage, stderrIsTerminal: stderrIsTerminal,
                   unreadable: files.contains(where: \.unreadable), tally: Tally(all))
    }

    static func report(_ error: LintRun.Failure) -> ExitCode {
        switch error {
        case let .config(errors):
            writeError(errors.map { $0.description }.joined(separator: "\n"))
        case let .git(message):
            writeError("reportlint: error: \(message)")
        }
        return ExitCode(2)
    }

    /// What every run ends with: the summary on a terminal's stderr, the profile and the
    /// statistics when asked for, and the exit status.
    func finish(format: OutputFormat, summary: String, coverage: String?, stderrIsTerminal: Bool, unreadable: Bool,
                tally: Tally) throws {
        if format != .pretty && stderrIsTerminal { writeError(summary) }
        if output.profile { writeError(Profiler.shared.report()) }
        if format != .pretty, output.stats { writeError(coverage ?? "arithmetic: no arithmetic rule ran") }

        if unreadable { throw ExitCode(2) }
        if let reason = PolicyOptions.policy(policy).failure(tally) {
            if !reason.isEmpty { writeError("reportlint: failing: \(reason)") }
            throw ExitCode(1)
        }
    }

    /// A run in a line format or JSON: each file's findings are rendered and written as soon
    /// as the file (and every file before it) is done, then dropped. Standard output gets them in
    /// pieces of about 64 KB; `--output` goes to a temporary file renamed into place at the end.
    func stream(_ run: LintRun, format: OutputFormat, toTerminal: Bool,
                progress: ProgressLine?, started: Date, stderrIsTerminal: Bool) throws {
        var writer: AtomicFile.Writer?
        if let file = output.outputFile {
            do {
                writer = try AtomicFile.Writer(path: file)
            } catch {
                writeError("reportlint: error: \(error.message)")
                throw ExitCode(2)
            }
        }
        var buffer = ""
        func flush() {
            guard !buffer.isEmpty else { return }
            if let writer {
                writer.write(buffer)
            } else {
                progress?.clear()
                FileHandle.standardOutput.write(Data(buffer.utf8))
            }
            buffer = ""
        }
        let pretty = PrettyRenderer(color: format == .pretty && toTerminal
                                        && ProcessInfo.processInfo.environment["NO_COLOR"] == nil)
        let tool = ToolInfo(name: "reportlint", version: ReportLint.version)
        var json = JSONRenderer.Stream()
        if format == .json { buffer = json.start(tool: tool) }
        var tally = Tally()
        var linted = 0, unreadable = false, wrote = false
        var coverage: Coverage?
        var covered = 0
        let ignored: Int
        do {
            ignored = try run.run { file in
                if file.unreadable { unreadable = true } else { linted += 1 }
                if let more = file.coverage {
                    coverage = (coverage ?? Coverage()) + more
                    covered += 1
                }
                file.diagnostics.forEach { tally.add($0) }
                let shown = output.quiet ? file.diagnostics.filter { $0.severity == .error } : file.diagnostics
                guard !shown.isEmpty || format == .json else { return }
                buffer += Profiler.shared.measure("phase: render") { () -> String in
                    switch format {
                    case .pretty: return pretty.render(shown, sources: file.source.map { [file.path: $0] } ?? [:])
                    case .github: return GitHubRenderer.render(shown)
                    case .json: return json.file(file.path, shown, source: file.source)
                    default: return GCCRenderer.render(shown)
                    }
                }
                wrote = true
                if buffer.utf8.count >= 1 << 16 { flush() }
            }
        } catch {
            writer?.discard()
            throw Lint.report(error)
        }
        progress?.finish()
        let summary = RunSummary.line(files: linted, tally: tally, seconds: Date().timeIntervalSince(started),
                                      ignored: ignored)
        let coverageLine = coverage?.line(files: covered)
        if format == .json { buffer += json.end() }
        if format == .pretty {
            // The human format ends with the summary; machine formats keep stdout to the report.
            if wrote { buffer += "\n" }
            buffer += summary + "\n"
            if let coverageLine { buffer += coverageLine + "\n" }
        }
        flush()
        do {
            try writer?.commit()
        } catch {
            writeError("reportlint: error: \(error.message)")
            throw ExitCode(2)
        }
        try finish(format: format, summary: summary, coverage: coverageLine, stderrIsTerminal: stderrIsTerminal,
                   unreadable: unreadable, tally: tally)
    }
}

extension PolicyOptions {
    static func policy(_ options: PolicyOptions) -> FailurePolicy {
        FailurePolicy(failLevel: options.failLevel, maxWarnings: options.maxWarnings)
    }
}

/// `reportlint: 12/50 files` on standard error, rewritten in place, at most ten times a second;
/// only for a terminal and more than a few files, and erased before the report is printed.
final class ProgressLine: @unchecked Sendable {
    static let minimumFiles = 6
    private let lock = NSLock()
    private var lastDraw = Date.distantPast
    private var drawn = false

    func update(_ done: Int, _ total: Int) {
        guard total >= ProgressLine.minimumFiles else { return }
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard done == total || now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        drawn = true
        FileHandle.standardError.write(Data("\r\u{1B}[Kreportlint: \(done)/\(total) files".utf8))
    }

    func finish() {
        clear()
    }

    /// Erases the line before something else is printed to the terminal; the next update draws it again.
    func clear() {
        lock.lock()
        defer { lock.unlock() }
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        drawn = false
        lastDraw = .distantPast
    }
}
