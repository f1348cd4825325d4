import Diagnostics
import Foundation
import Rules
import SourceText

/// One `reportlint` lint run, up to the diagnostics: which files (the paths given, or the
/// staged files), each with the profile its `.reportlint.yml` chooses, linted in parallel.
public struct LintRun {
    public enum Source: Sendable {
        /// Files and folders (`-` for standard input).
        case paths([String])
        /// Staged report files, optionally limited to pathspecs.
        case staged(pathspecs: [String])
    }

    public struct Result {
        public var files: [FileResult]
        /// Files left out by a config's `ignore`.
        public var ignored: Int
    }

    public enum Failure: Error {
        /// Broken `.reportlint.yml` or rule files: every mistake, located.
        case config([RuleSetError])
        case git(String)
    }

    public let source: Source
    public let resolver: ProfileResolver
    /// Threads to lint on; nil: one per core (asked only when there are several files, since
    /// Foundation's count reads the cgroup limits, a few hundred thousand instructions).
    public var jobs: Int?
    public var progress: (@Sendable (Int, Int) -> Void)?
    /// How much of each file's text its result keeps: all of it (`--fix` needs it), the lines
    /// its findings point at (renderers that quote lines, the baseline), or none (gcc and GitHub
    /// output name positions only), so memory does not grow with the corpus.
    public var sources = Linter.SourceRetention.whole

    public init(source: Source, resolver: ProfileResolver, jobs: Int?, progress: (@Sendable (Int, Int) -> Void)? = nil) {
        self.source = source
        self.resolver = resolver
        self.jobs = jobs
        self.progress = progress
    }

    public func run() throws(Failure) -> Result {
        var files: [FileResult] = []
        let ignored = try run { files.append($0) }
        return Result(files: files, ignored: ignored)
    }

    /// Lints every file and hands each result to `deliver` as soon as it is done, in the order
    /// of the display paths (the order the diagnostics are printed in), so a caller can render
    /// and forget each file instead of holding the whole corpus. A path named twice is linted
    /// once. Returns the number of files left out by a config's `ignore`.
    public func run(deliver: (FileResult) -> Void) throws(Failure) -> Int {
        var inputs: [LintInput] = []
        var problems: [FileResult] = []
        var ignored = 0

        func add(_ content: LintInput.Content, display: String, absolute: String?) {
            guard let profile = resolver.profile(for: absolute) else { return }
            if profile.isIgnored(absolute) {
                ignored += 1
                return
            }
            inputs.append(LintInput(content: content, displayPath: display, absolutePath: absolute,
                                    linter: profile.linter(for: absolute)))
        }

        switch source {
        case let .paths(paths):
            let found = FileDiscovery.expand(paths)
            for file in found.files {
                if file == "-" {
                    add(.file(file), display: "<stdin>", absolute: nil)
                } else {
                    add(.file(file), display: file, absolute: Paths.absolute(file))
                }
            }
            for problem in found.problems {
                let diagnostic = Diagnostic(path: problem.path, range: nil, severity: .error,
                                            message: problem.message, ruleID: "input")
                problems.append(FileResult(path: problem.path, source: nil, diagnostics: [diagnostic], unreadable: true))
            }
        case let .staged(pathspecs):
            let topLevel: String
            let staged: [String]
            do {
                topLevel = try Git.topLevel()
                staged = try Git.stagedPaths(pathspecs: pathspecs)
            } catch {
                throw .git(error.message)
            }
            for path in staged where Self.isReport(path) {
                add(.staged(path, topLevel: topLevel), display: path,
                    absolute: (topLevel as NSString).appendingPathComponent(path))
            }
        }
        if !resolver.errors.isEmpty { throw .config(resolver.errors) }

        // Display-path order is the order of the printed diagnostics; a stable sort keeps the
        // first of two inputs with one display path, and the second is dropped.
        var seen: Set<String> = []
        inputs = inputs.enumerated().sorted { ($0.element.displayPath, $0.offset) < ($1.element.displayPath, $1.offset) }
            .map(\.element).filter { seen.insert($0.displayPath).inserted }
        problems.sort { $0.path < $1.path }

        let total = inputs.count
        var perFile: (@Sendable (Int) -> Void)?
        if let progress {
            perFile = { done in progress(done, total) }
        }
        // Discovery problems (a missing path, an unlistable folder) take their place in the order.
        var pending = problems[...]
        let threads = inputs.count < 2 ? 1 : jobs ?? ProcessInfo.processInfo.activeProcessorCount
        Linter.lint(inputs, jobs: threads, sources: sources, progress: perFile) { result in
            while let problem = pending.first, problem.path < result.path {
                deliver(problem)
                pending = pending.dropFirst()
            }
            deliver(result)
        }
        pending.forEach(deliver)
        return ignored
    }

    static func isReport(_ path: String) -> Bool {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return false }
        return ReportLoader.extensions.contains(path[path.index(after: dot)...].lowercased())
    }
}

/// How many findings of each severity a run produced: all of them for the summary line, and
/// those that count (stale baseline notes never do) for the exit status. Kept as the results
/// stream by, so a run does not need every diagnostic in hand at the end.
public struct Tally: Sendable {
    public private(set) var errors = 0
    public private(set) var warnings = 0
    public private(set) var notes = 0
    /// Findings that count towards the exit status, by severity.
    private var counted: [Severity: Int] = [:]

    public init() {}

    public init(_ diagnostics: [Diagnostic]) {
        diagnostics.forEach { add($0) }
    }

    public mutating func add(_ diagnostic: Diagnostic) {
        switch diagnostic.severity {
        case .error: errors += 1
        case .warning: warnings += 1
        case .info: notes += 1
        }
        if diagnostic.ruleID != "baseline" { counted[diagnostic.severity, default: 0] += 1 }
    }

    func counted(atLeast level: Severity) -> Int {
        counted.filter { $0.key >= level }.values.reduce(0, +)
    }

    var countedWarnings: Int { counted[.warning] ?? 0 }
}

/// When a run fails (exit status 1): any finding at or above `--fail-level`, or more warnings
/// than `--max-warnings`. Stale baseline notes never count.
public struct FailurePolicy: Sendable {
    public var failLevel: Severity
    public var maxWarnings: Int?

    public init(failLevel: Severity = .error, maxWarnings: Int? = nil) {
        self.failLevel = failLevel
        self.maxWarnings = maxWarnings
    }

    /// nil when the run passes; otherwise why it failed (printed on stderr when the reason is
    /// not plain from the findings themselves).
    public func failure(_ diagnostics: [Diagnostic]) -> String? {
        failure(Tally(diagnostics))
    }

    public func failure(_ tally: Tally) -> String? {
        if tally.counted(atLeast: failLevel) > 0 {
            if failLevel == .error { return "" }
            return "findings at or above --fail-level \(failLevel.rawValue)"
        }
        let warnings = tally.countedWarnings
        if let maxWarnings, warnings > maxWarnings {
            return "\(warnings) warning\(warnings == 1 ? "" : "s"), more than --max-warnings \(maxWarnings)"
        }
        return nil
    }
}

/// The closing line: `4 files: 3 errors, 0 warnings, 1 note (0.04 s)`.
public enum RunSummary {
    public static func line(files: Int, diagnostics: [Diagnostic], seconds: Double, baselined: Int = 0,
                            ignored: Int = 0) -> String {
        line(files: files, tally: Tally(diagnostics), seconds: seconds, baselined: baselined, ignored: ignored)
    }

    public static func line(files: Int, tally: Tally, seconds: Double, baselined: Int = 0, ignored: Int = 0) -> String {
        func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        var text = count(files, "file") + ": "
            + count(tally.errors, "error") + ", "
            + count(tally.warnings, "warning") + ", "
            + count(tally.notes, "note")
        if baselined > 0 { text += ", \(baselined) hidden by the baseline" }
        if ignored > 0 { text += ", \(count(ignored, "file")) ignored" }
        return text + " (" + twoDecimals(seconds) + " s)"
    }

    /// `%.2f` without `String(format:)`, whose C-variadic arguments cost a run's start-up a
    /// few hundred thousand instructions of runtime type checks.
    static func twoDecimals(_ value: Double) -> String {
        let hundredths = Int((max(0, value) * 100).rounded())
        let fraction = hundredths % 100
        return String(hundredths / 100) + (fraction < 10 ? ".0" : ".") + String(fraction)
    }
}

extension SARIFRule {
    /// What SARIF says of a rule: its description (or message), its kind's summary, where it is
    /// defined and how to read more.
    public init(_ rule: Rule, language: Language) {
        let summary = type(of: rule.kind).summary
        let short = rule.description ?? rule.message?.text(language) ?? summary
        self.init(id: rule.id, shortDescription: short,
                  fullDescription: rule.description.map { "\(summary) \($0)" } ?? summary,
                  help: "Kind \(rule.kindName): \(summary) Defined in \(rule.path):\(rule.location.line); "
                      + "`reportlint explain \(rule.id)` prints its fields and examples.",
                  level: rule.severity ?? .info)
    }

    /// Every rule that ran on some file, once, sorted by id.
    public static func ran(in results: [FileResult], language: Language) -> [SARIFRule] {
        var seen: [String: Rule] = [:]
        for result in results {
            for rule in result.rules where seen[rule.id] == nil { seen[rule.id] = rule }
        }
        return seen.keys.sorted().map { SARIFRule(seen[$0]!, language: language) }
    }
}
