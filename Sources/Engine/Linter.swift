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

    public init(path: String, source: SourceFile?, diagnostics: [Diagnostic], unreadable: Bool) {
        self.path = path
        self.source = source
        self.diagnostics = diagnostics
        self.unreadable = unreadable
    }
}

/// Paths in, diagnostics out: decode, parse, run every enabled rule. One `Linter` is shared by
/// all threads; it holds only the compiled, immutable rule catalog.
public struct Linter: Sendable {
    /// Chooses the rules for each report (rule sets with `applies-when` run only where they match).
    let selectRules: @Sendable (Report) -> [Rule]
    public let language: Language

    public init(catalog: RuleCatalog, language: Language = .vi) {
        selectRules = { catalog.rules(for: $0) }
        self.language = language
    }

    public init(rules: [Rule], language: Language = .vi) {
        selectRules = { _ in rules }
        self.language = language
    }

    public func lint(path: String, displayPath: String? = nil) -> FileResult {
        let display = displayPath ?? (path == "-" ? "<stdin>" : path)
        switch ReportLoader.load(path: path, displayPath: display) {
        case let .success(source):
            return FileResult(path: display, source: source, diagnostics: lint(source), unreadable: false)
        case let .failure(problem):
            return FileResult(path: display, source: nil, diagnostics: [Linter.diagnostic(for: problem, path: display)],
                              unreadable: { if case .unreadable = problem { return true } else { return false } }())
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
        let report = TextReportParser.parse(source)
        var diagnostics: [Diagnostic] = []
        for rule in selectRules(report) {
            guard let severity = rule.severity else { continue }
            let context = RuleContext(id: rule.id, severity: severity, message: rule.message, language: language,
                                      source: source)
            do {
                diagnostics += try rule.kind.check(report, context)
            } catch {
                diagnostics.append(Diagnostic(
                    path: source.path, range: nil, severity: .error,
                    message: "rule stopped: its regular expression gave up (\(error.message)); the rule needs a simpler pattern",
                    ruleID: rule.id))
            }
        }
        return diagnostics.sorted(by: Diagnostic.ordered)
    }

    /// Lints files in parallel; results come back in the order of `paths`.
    public func lint(paths: [String], jobs: Int = ProcessInfo.processInfo.activeProcessorCount) -> [FileResult] {
        let results = ResultSlots(count: paths.count)
        DispatchQueue.concurrentPerform(iterations: paths.count) { index in
            results.set(index, lint(path: paths[index]))
        }
        return results.values
    }
}

/// Per-index result storage for `concurrentPerform`; each index is written exactly once.
final class ResultSlots: @unchecked Sendable {
    private var slots: [FileResult?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: FileResult) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }
    var values: [FileResult] { slots.map { $0! } }
}
