import Arithmetic
import Diagnostics
import Foundation
import ReportModel
import Rules
import SourceText

/// The result of linting one file.
public struct FileResult: Sendable {
    public let path: String
    /// nil when the file could not be read as a report.
    public let source: SourceFile?
    public let diagnostics: [Diagnostic]
    /// True when the input itself could not be read (counts towards exit status 2).
    public let unreadable: Bool
    /// The rules that ran on the file, with the severity they ran at (SARIF lists them).
    public let rules: [Rule]
    /// Where the file is on disk, absolute, when it has a place there (baseline keys use it).
    public let absolutePath: String?
    /// What the arithmetic rules found and checked (nil when none of them ran).
    public let coverage: Coverage?

    public init(path: String, source: SourceFile?, diagnostics: [Diagnostic], unreadable: Bool, rules: [Rule] = [],
                absolutePath: String? = nil, coverage: Coverage? = nil) {
        self.coverage = coverage
        self.path = path
        self.source = source
        self.diagnostics = diagnostics
        self.unreadable = unreadable
        self.rules = rules
        self.absolutePath = absolutePath
    }

    /// The result with only the source lines its findings point at (see `SourceFile.excerpt`).
    public func keepingFlaggedLines() -> FileResult {
        guard let source else { return self }
        return FileResult(path: path, source: source.excerpt(keeping: flaggedLines()), diagnostics: diagnostics,
                          unreadable: unreadable, rules: rules, absolutePath: absolutePath, coverage: coverage)
    }

    /// The result as `retention` asks: the whole source, its flagged lines, or no source.
    func keeping(_ retention: Linter.SourceRetention) -> FileResult {
        switch retention {
        case .whole: return self
        case .flaggedLines: return keepingFlaggedLines()
        case .none:
            guard source != nil else { return self }
            return FileResult(path: path, source: nil, diagnostics: diagnostics, unreadable: unreadable, rules: rules,
                              absolutePath: absolutePath, coverage: coverage)
        }
    }

    /// The lines the findings, their notes and their fix-its point at (every line of a range).
    func flaggedLines() -> Set<Int> {
        var lines = Set<Int>(minimumCapacity: diagnostics.count * 2)
        func add(_ range: SourceRange?) {
            guard let range else { return }
            // Each line of `range.start.line...max(range.start.line, range.end.line)`, inserted
            // one by one (no generic `formUnion` over a range).
            var line = range.start.line
            let last = max(line, range.end.line)
            while true {
                lines.insert(line)
                if line == last { break }
                line += 1
            }
        }
        for diagnostic in diagnostics {
            add(diagnostic.range)
            diagnostic.notes.forEach { add($0.range) }
            diagnostic.fixIts.forEach { add($0.range) }
        }
        return lines
    }

    /// The former `flaggedLines`, kept for the tests that compare the two.
    func flaggedLinesReference() -> Set<Int> {
        var lines: Set<Int> = []
        func add(_ range: SourceRange?) {
            guard let range else { return }
            lines.formUnion(range.start.line...max(range.start.line, range.end.line))
        }
        for diagnostic in diagnostics {
            add(diagnostic.range)
            diagnostic.notes.forEach { add($0.range) }
            diagnostic.fixIts.forEach { add($0.range) }
        }
        return lines
    }

    public func replacing(diagnostics: [Diagnostic]) -> FileResult {
        FileResult(path: path, source: source, diagnostics: diagnostics, unreadable: unreadable, rules: rules,
                   absolutePath: absolutePath, coverage: coverage)
    }
}

/// One file to lint: where its bytes come from, the path the output names, and the linter
/// (rules, language) its project configuration chose.
public struct LintInput: Sendable {
    public enum Content: Sendable {
        /// A file on disk, or `-` for standard input.
        case file(String)
        /// The staged version of a file (path relative to the top of the git work tree).
        case staged(String, topLevel: String)
        /// Bytes already in hand.
        case bytes([UInt8])
    }

    public let content: Content
    public let displayPath: String
    public let absolutePath: String?
    public let linter: Linter

    public init(content: Content, displayPath: String, absolutePath: String?, linter: Linter) {
        self.content = content
        self.displayPath = displayPath
        self.absolutePath = absolutePath
        self.linter = linter
    }
}

/// Paths in, diagnostics out: decode, parse, run every enabled rule. One `Linter` is shared by
/// all threads; it holds only the compiled, immutable rule catalog.
public struct Linter: Sendable {
    /// Chooses the rules for each report (rule sets with `applies-when` run only where they match).
    let selectRules: @Sendable (Report) -> [Rule]
    public let language: Language
    /// The words the arithmetic facts are read with (from the rule sets' `vocabulary:`).
    /// (No default value: evaluating `RuleCatalog.builtinVocabulary` compiles every built-in
    /// rule set a second time, which a normal run must not pay at start-up.)
    public let vocabulary: Vocabulary

    public init(catalog: RuleCatalog, language: Language = .vi) {
        selectRules = { catalog.rules(for: $0) }
        self.language = language
        vocabulary = catalog.vocabulary
    }

    /// A hand-picked list of rules (tests, examples), read with the built-in vocabulary.
    public init(rules: [Rule], language: Language = .vi) {
        selectRules = { _ in rules }
        self.language = language
        vocabulary = RuleCatalog.builtinVocabulary
    }

    public init(language: Language, vocabulary: Vocabulary, selectRules: @escaping @Sendable (Report) -> [Rule]) {
        self.selectRules = selectRules
        self.language = language
        self.vocabulary = vocabulary
    }

    public func lint(path: String, displayPath: String? = nil) -> FileResult {
        let display = displayPath ?? (path == "-" ? "<stdin>" : path)
        return lint(ReportLoader.load(path: path, displayPath: display), displayPath: display, absolutePath: nil)
    }

    public func lint(_ input: LintInput) -> FileResult {
        switch input.content {
        case let .file(path):
            let loaded = Profiler.shared.measure("phase: read and decode") {
                ReportLoader.load(path: path, displayPath: input.displayPath)
            }
            return lint(loaded, displayPath: input.displayPath, absolutePath: input.absolutePath)
        case let .staged(path, topLevel):
            let bytes: [UInt8]
            do {
                bytes = try Git.stagedContent(path, topLevel: topLevel)
            } catch {
                return lint(.failure(.unreadable("cannot read the staged version: \(error.message)")),
                            displayPath: input.displayPath, absolutePath: input.absolutePath)
            }
            return lint(load(bytes, displayPath: input.displayPath), displayPath: input.displayPath,
                        absolutePath: input.absolutePath)
        case let .bytes(bytes):
            return lint(load(bytes, displayPath: input.displayPath), displayPath: input.displayPath,
                        absolutePath: input.absolutePath)
        }
    }

    func load(_ bytes: [UInt8], displayPath: String) -> Result<SourceFile, ReportLoader.Problem> {
        displayPath.lowercased().hasSuffix(".docx")
            ? ReportLoader.readDocx(Data(bytes), path: displayPath)
            : ReportLoader.decode(bytes, path: displayPath)
    }

    func lint(_ loaded: Result<SourceFile, ReportLoader.Problem>, displayPath: String, absolutePath: String?) -> FileResult {
        switch loaded {
        case let .success(source):
            let (diagnostics, rules, coverage) = check(source)
            return FileResult(path: displayPath, source: source, diagnostics: diagnostics, unreadable: false,
                              rules: rules, absolutePath: absolutePath, coverage: coverage)
        case let .failure(problem):
            return FileResult(path: displayPath, source: nil,
                              diagnostics: [Linter.diagnostic(for: problem, path: displayPath)],
                              unreadable: { if case .unreadable = problem { return true } else { return false } }(),
                              absolutePath: absolutePath)
        }
    }

    public static func diagnostic(for problem: ReportLoader.Problem, path: String) -> Diagnostic {
        switch problem {
        case let .unreadable(message):
            return Diagnostic(path: path, range: nil, severity: .error, message: "cannot read file: \(message)", ruleID: "input")
        case let .invalid(message, location):
            return Diagnostic(path: path, range: location.map { SourceRange($0, $0) }, severity: .error,
                              message: message, ruleID: "input")
        case .empty:
            return Diagnostic(path: path, range: nil, severity: .warning, message: "empty file, nothing to check",
                              ruleID: "input")
        }
    }

    public func lint(_ source: SourceFile) -> [Diagnostic] {
        check(source).diagnostics
    }

    /// Kinds that read the arithmetic facts; when one runs, the file reports its coverage.
    static let arithmeticKinds: Set<String> = ["breakdown-sum", "percent", "table-sum", "expression"]

    /// The diagnostics, the enabled rules that produced them, and the arithmetic coverage.
    func check(_ source: SourceFile) -> (diagnostics: [Diagnostic], rules: [Rule], coverage: Coverage?) {
        let profiler = Profiler.shared
        let report = profiler.measure("phase: parse") { TextReportParser.parse(source) }
        let facts = Facts(report: report, vocabulary: vocabulary)
        var diagnostics: [Diagnostic] = []
        // Usually every selected rule is on: keep the (cached) list itself, no copy of each `Rule`.
        let selected = selectRules(report)
        let rules = selected.allSatisfy(\.isEnabled) ? selected : selected.filter(\.isEnabled)
        let readsFacts = rules.contains { Linter.arithmeticKinds.contains($0.kindName) }
        if profiler.isEnabled, readsFacts {
            // The facts are lazy; read them here so their cost is not charged to the first rule.
            profiler.measure("phase: facts") { _ = (facts.quantities.count, facts.breakdowns.count) }
        }
        for rule in rules {
            guard let severity = rule.severity else { continue }
            let context = RuleContext(id: rule.id, severity: severity, message: rule.message, language: language,
                                      facts: facts)
            do {
                diagnostics += try profiler.measure("rule: \(rule.id)") { () throws(Pattern.MatchError) -> [Diagnostic] in
                    try rule.kind.check(report, context)
                }
            } catch {
                diagnostics.append(Diagnostic(
                    path: source.path, range: nil, severity: .error,
                    message: "rule stopped: its regular expression gave up (\(error.message)); the rule needs a simpler pattern",
                    ruleID: rule.id))
            }
        }
        var coverage: Coverage?
        if readsFacts {
            coverage = facts.coverage
            coverage?.crossChecks = rules.count { $0.kindName == "expression" }
        }
        return (Diagnostic.sortedInOutputOrder(diagnostics), rules, coverage)
    }

    /// Lints files in parallel; results come back in the order of `paths`.
    public func lint(paths: [String], jobs: Int = ProcessInfo.processInfo.activeProcessorCount) -> [FileResult] {
        Linter.lint(paths.map { LintInput(content: .file($0), displayPath: $0 == "-" ? "<stdin>" : $0,
                                          absolutePath: nil, linter: self) }, jobs: jobs)
    }

    /// How much of a file's text its result keeps once the file is linted.
    public enum SourceRetention: Sendable {
        /// Every line (`--fix`, and callers that collect results).
        case whole
        /// The lines the findings point at, the others empty (see `SourceFile.excerpt`).
        case flaggedLines
        /// None: the output names positions only (gcc, GitHub).
        case none
    }

    /// Lints `inputs` on at most `jobs` threads; results come back in the order of `inputs`, so
    /// the output does not depend on scheduling. `progress` is called with the number of files
    /// done after each one (from the worker threads).
    public static func lint(_ inputs: [LintInput], jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                            sources: SourceRetention = .whole,
                            progress: (@Sendable (Int) -> Void)? = nil) -> [FileResult] {
        var results: [FileResult] = []
        lint(inputs, jobs: jobs, sources: sources, progress: progress) { results.append($0) }
        return results
    }

    /// Lints `inputs` on at most `jobs` threads and hands each result to `deliver` in the order
    /// of `inputs`, as soon as it and every result before it are done. `deliver` runs on one
    /// thread at a time; a result is dropped once delivered, so a caller that renders and forgets
    /// holds only the results finished ahead of their turn, not the whole corpus.
    public static func lint(_ inputs: [LintInput], jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                            sources: SourceRetention = .whole, progress: (@Sendable (Int) -> Void)? = nil,
                            deliver: (FileResult) -> Void) {
        let slots = ResultSlots(count: inputs.count)
        let workers = max(1, min(jobs, inputs.count))
        withoutActuallyEscaping(deliver) { deliver in
            let handOut = Unchecked(deliver)
            // Each worker takes the next file until none is left: a long file does not hold up
            // the others, and `jobs` bounds the threads.
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                while let index = slots.claim() {
                    let result = inputs[index].linter.lint(inputs[index])
                    let done = slots.set(index, result.keeping(sources))
                    progress?(done)
                    slots.deliverReady(handOut.value)
                }
            }
        }
    }
}

/// A value handed to worker threads that only one of them uses at a time (under a lock).
struct Unchecked<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// Per-index result storage for `concurrentPerform`; each index is written exactly once and
/// handed out, in index order, exactly once.
final class ResultSlots: @unchecked Sendable {
    private var slots: [FileResult?]
    private var next = 0
    private var done = 0
    private var delivered = 0
    private let lock = NSLock()
    /// Held while results are handed out, so they leave in order and one at a time.
    private let delivery = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    /// The next index no worker has taken yet.
    func claim() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < slots.count else { return nil }
        next += 1
        return next - 1
    }
    /// Stores a result; returns how many are stored.
    func set(_ index: Int, _ value: FileResult) -> Int {
        lock.lock()
        defer { lock.unlock() }
        slots[index] = value
        done += 1
        return done
    }
    /// Hands out every result whose predecessors have all been handed out, and forgets it.
    func deliverReady(_ deliver: (FileResult) -> Void) {
        delivery.lock()
        defer { delivery.unlock() }
        while let result = takeNext() { deliver(result) }
    }
    private func takeNext() -> FileResult? {
        lock.lock()
        defer { lock.unlock() }
        guard delivered < slots.count, let result = slots[delivered] else { return nil }
        slots[delivered] = nil
        delivered += 1
        return result
    }
}
