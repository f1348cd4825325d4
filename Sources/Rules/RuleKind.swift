import Diagnostics
import ReportModel
import SourceText
import YAMLTree

/// A kind of rule: its YAML fields, checked when the rule set loads, and one pure `check`.
/// Adding a kind is one file in `Kinds/` and one line in `Registry.swift`.
public protocol RuleKind: Sendable {
    static var name: String { get }
    static var summary: String { get }
    static var fields: [FieldDoc] { get }
    static var examples: [Example] { get }
    init(_ fields: RuleFields) throws(RuleSetError)
    /// Throws only when a regular expression gives up (match limit), which the linter reports.
    func check(_ report: Report, _ rule: RuleContext) throws(Pattern.MatchError) -> [Diagnostic]
}

public struct FieldDoc: Sendable {
    public let name: String
    public let type: String
    public init(_ name: String, _ type: String) {
        self.name = name
        self.type = type
    }
}

/// A rule example that doubles as a test: the rule's fields in YAML (no `id`, no `kind`), a
/// report where `↓` marks where each diagnostic must point, and the messages in marker order.
public struct Example: Sendable, CustomStringConvertible {
    public let rule: String
    public let report: String
    public let expect: [String]
    public let file: String
    public let line: Int

    public init(rule: String, report: String, expect: [String] = [], file: String = #filePath, line: Int = #line) {
        self.rule = rule
        self.report = report
        self.expect = expect
        self.file = file
        self.line = line
    }

    public var description: String { "\(file.lastComponent):\(line)" }
}

extension String {
    var lastComponent: String { split(separator: "/").last.map(String.init) ?? self }
}

/// What a kind's `check` knows of the rule it runs for, and the one way it makes diagnostics.
public struct RuleContext: Sendable {
    public let id: String
    public let severity: Severity
    /// The rule file's own message, which replaces the kind's wording.
    public let message: Message?
    public let language: Language
    public let source: SourceFile
    /// Numbers read from the report, shared by every rule that runs on it.
    public let facts: Facts

    public init(id: String, severity: Severity, message: Message?, language: Language, facts: Facts) {
        self.id = id
        self.severity = severity
        self.message = message
        self.language = language
        self.source = facts.report.source
        self.facts = facts
    }

    /// `range`, note and fix-it ranges are in the NFC lines the report was parsed from; the
    /// diagnostic points into the file as saved.
    public func diagnose(_ defaultMessage: Message, _ values: [String: String] = [:], at range: SourceRange,
                         notes: [(Message, SourceRange)] = [], fixIts: [FixIt] = [],
                         severity override: Severity? = nil) -> Diagnostic {
        let text = (message ?? defaultMessage).text(language, filling: values)
        return Diagnostic(
            path: source.path, range: source.originalRange(range), severity: override ?? severity, message: text,
            ruleID: id,
            notes: notes.map { Note($0.0.text(language), at: source.originalRange($0.1)) },
            fixIts: fixIts.map { FixIt(source.originalRange($0.range), replacement: $0.replacement, safe: $0.safe) })
    }
}
