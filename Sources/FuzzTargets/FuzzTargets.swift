import Arithmetic
import DocxReader
import Engine
import Foundation
import Rules
import SourceText
import YAMLTree

/// What the fuzzers feed with arbitrary bytes, one function per entry point of untrusted input.
/// The same functions replay saved inputs in the regression tests (Tests/FuzzRegressionTests),
/// so a crash found by fuzzing stays fixed.
public enum FuzzTargets {
    /// Linting with every built-in rule set, shared by all runs.
    static let linter: Linter = {
        guard let catalog = RuleCatalog.builtin().0 else { fatalError("the built-in rule sets do not load") }
        return Linter(catalog: catalog)
    }()

    /// Text decoding, the report parser and every built-in rule.
    public static func report(_ bytes: [UInt8]) {
        guard case let .success(source) = ReportLoader.decode(bytes, path: "fuzz.txt") else { return }
        _ = linter.lint(source)
    }

    /// The number and quantity scanner, breakdowns and their checks, and expressions.
    public static func numbers(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        _ = scanNumbers(in: text)
        for breakdown in findBreakdowns(in: text) {
            _ = checkSum(breakdown)
            _ = checkShares(breakdown)
            _ = checkShareTotal(breakdown)
        }
        let rows = text.split(separator: "\n").prefix(50).map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        if let header = rows.first { _ = checkTable(header: header, rows: Array(rows.dropFirst())) }
        if let expression = try? ArithmeticExpression.parse(String(text.prefix(200))) {
            _ = expression.evaluate(facts: [String: DecimalInterval]())
        }
    }

    /// The YAML layer and the rule-set loader (every kind's field validation), and the snapshot
    /// form of parsed YAML the built-in sets are embedded in: any text decodes or is refused
    /// without a crash, and a parsed tree survives encoding and decoding.
    public static func ruleSet(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        if let node = try? YAMLParser.parse(text) {
            let snapshot = YAMLSnapshot.encode(node)
            guard let decoded = YAMLSnapshot.decode(snapshot), YAMLSnapshot.encode(decoded).utf8.elementsEqual(snapshot.utf8) else {
                fatalError("a parsed tree does not survive its snapshot")
            }
        }
        _ = YAMLSnapshot.decode(text)
        _ = RuleSetLoader.load(text: text, path: "fuzz.yaml")
    }

    /// The .docx container and XML reader, then the report pipeline on its rendering.
    public static func docx(_ bytes: [UInt8]) {
        guard case let .success(source) = ReportLoader.readDocx(Data(bytes), path: "fuzz.docx") else { return }
        _ = linter.lint(source)
    }
}
