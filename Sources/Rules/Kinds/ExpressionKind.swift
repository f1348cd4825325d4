import Arithmetic
import Diagnostics
import Foundation
import ReportModel
import SourceText
import YAMLTree

/// Checks an assertion over named facts of the report: numbers taken from the prose (a
/// pattern with a `{n}` slot) or from a table cell (row label or code, column header), e.g.
/// the prose total of broadband subscribers against the table's rows. Values are compared
/// with interval arithmetic at their written precision. When a fact is not found the rule
/// stays silent, unless it says `missing: error`.
struct ExpressionKind: RuleKind {
    static let name = "expression"
    static let summary = "An assertion over numbers taken from the prose and from table cells holds."
    static let fields = [
        FieldDoc("facts", "mapping of name -> { text: pattern with {n} } | { table: { row: pattern | code: text, column: text } }"),
        FieldDoc("assert", "expression: names, numbers, + - * /, ( ), sum(a, b), compared with == != < <= > >="),
        FieldDoc("missing", "silent | error (default silent)"),
    ]

    enum Source: Sendable {
        /// `requiresDigit`: every match holds the number slot, so a line without an ASCII digit
        /// has no match (`requiresDigit(_:)`). `literal`: a piece of text every match holds,
        /// without which a line has no match (nil: every line is matched).
        case text(Pattern, requiresDigit: Bool, literal: RequiredLiteral? = nil)
        case table(row: RowChoice, column: String)
    }

    enum RowChoice: Sendable {
        case code(String)
        case label(Pattern)
    }

    struct Fact: Sendable {
        let name: String
        let source: Source
    }

    /// The number slot of a text fact: Vietnamese or plain notation, ending in a digit.
    static let numberSlot = "([0-9](?:[0-9.,]*[0-9])?)"

    let facts: [Fact]
    let assertion: ArithmeticExpression
    let assertionText: String
    let missingIsError: Bool

    init(_ fields: RuleFields) throws(RuleSetError) {
        let factsNode = try fields.required("facts")
        guard let pairs = factsNode.mapping, !pairs.isEmpty else {
            throw RuleSetError("'facts' maps each name to { text: … } or { table: … }", at: factsNode.location)
        }
        var facts: [Fact] = []
        for pair in pairs {
            facts.append(Fact(name: pair.name, source: try ExpressionKind.source(pair.value, name: pair.name)))
        }
        self.facts = facts
        assertionText = try fields.string("assert")
        do {
            assertion = try ArithmeticExpression.parse(assertionText)
        } catch {
            throw RuleSetError("invalid assertion: \(error.message) at offset \(error.offset)", at: fields.value("assert")!.location)
        }
        for name in assertion.factNames where !facts.contains(where: { $0.name == name }) {
            throw RuleSetError("assertion uses '\(name)', which is not among the facts", at: fields.value("assert")!.location)
        }
        switch try fields.optionalString("missing") ?? "silent" {
        case "silent": missingIsError = false
        case "error": missingIsError = true
        default: throw RuleSetError("'missing' must be silent or error", at: fields.value("missing")!.location)
        }
    }

    static func source(_ node: YAMLNode, name: String) throws(RuleSetError) -> Source {
        let fields = try RuleFields.nested(node, owner: "fact '\(name)'", allowed: ["text", "table"])
        if let textNode = fields.value("text") {
            let text = try RuleFields.string(textNode, "text")
            guard text.utf8Occurrences(of: "{n}").count == 1 else {
                throw RuleSetError("a text fact needs exactly one {n} where the number is", at: textNode.location)
            }
            let pattern = text.replacingUTF8("{n}", with: numberSlot)
            do {
                return .text(try Pattern(pattern), requiresDigit: requiresDigit(text), literal: RequiredLiteral(pattern: pattern))
            } catch {
                throw RuleSetError("invalid regular expression in 'text': \(error.message)", at: textNode.location)
            }
        }
        guard let tableNode = fields.value("table") else {
            throw RuleSetError("fact '\(name)' needs 'text' or 'table'", at: node.location)
        }
        let table = try RuleFields.nested(tableNode, owner: "table fact", allowed: ["row", "code", "column"])
        let column = try table.string("column")
        if let code = try table.optionalString("code") { return .table(row: .code(code), column: column) }
        return .table(row: .label(try table.pattern("row", caseInsensitive: true)), column: column)
    }

    /// Whether the number slot of the text fact `text` (with its `{n}`) is at the top level of
    /// the pattern, outside any group, alternation or optional part: then every match holds the
    /// slot's first character, an ASCII digit. The slot is read as a literal marker by the same
    /// reading that finds the literal every match of a pattern holds (`Pattern.requires`); a
    /// leading `(?i)` changes only case.
    static func requiresDigit(_ text: String) -> Bool {
        let marker: Unicode.Scalar = "\u{E000}"
        guard !text.unicodeScalars.contains(marker) else { return false }
        var body = text.precomposedForMatching
        if body.hasPrefix("(?i)") { body.removeFirst(4) }
        return Pattern.requires(marker, in: body.replacingUTF8("{n}", with: String(Character(marker))))
    }

    struct Found {
        let number: VNumber
        let range: SourceRange
    }

    func find(_ fact: Fact, in report: Report, facts: Facts) throws(Pattern.MatchError) -> Found? {
        switch fact.source {
        case let .text(pattern, requiresDigit, literal):
            let withDigit = requiresDigit ? facts.linesWithDigit : []
            // The lines are read in place by index: a line passed for want of a digit is not
            // touched (no copy of its string per line).
            let lines = report.source.lines
            for index in lines.indices {
                if requiresDigit && !withDigit[index] { continue }
                if let literal, !literal.mayMatch(lines[index]) { continue }
                let line = lines[index]
                guard let groups = try pattern.captures(in: line), groups.count > 1, let slot = groups[1] else { continue }
                guard let number = VNumber.parse(line.substring(utf8: slot)) else { continue }
                let span = TextSpan(line, SourceRange(line: index + 1, column: 1, length: line.scalarCount))
                return Found(number: number, range: span.range(ofUTF8: slot))
            }
            return nil
        case let .table(row, column):
            let selector: RowSelector
            switch row {
            case let .code(code): selector = .code(code)
            case let .label(pattern): selector = .label { (try? pattern.matches($0)) ?? false }
            }
            // The layouts are cached per report in `Facts`, not rebuilt for every fact.
            for (table, lookup) in zip(report.tables, facts.tableLookups) {
                if let cell = lookup.findCell(row: selector, column: column),
                   let number = cell.number, let range = table.cellRange(row: cell.row, column: cell.column) {
                    return Found(number: number, range: range)
                }
            }
            return nil
        }
    }

    func check(_ report: Report, _ rule: RuleContext) throws(Pattern.MatchError) -> [Diagnostic] {
        var found: [String: Found] = [:]
        var missing: [String] = []
        for fact in facts {
            // Once a fact is missing and missing facts are silent, the result is [] whatever the
            // rest hold: skip the table lookups (which never throw) but still run text facts,
            // which may throw, so errors are reported exactly as before.
            if !missing.isEmpty && !missingIsError, case .table = fact.source { continue }
            if let value = try find(fact, in: report, facts: rule.facts) { found[fact.name] = value } else { missing.append(fact.name) }
        }
        let anchor = facts.compactMap { found[$0.name]?.range }.first
        if !missing.isEmpty {
            guard missingIsError else { return [] }
            return [rule.diagnose(.factMissing, ["fact": missing[0], "assert": assertionText],
                                  at: anchor ?? report.end, severity: .error)]
        }
        guard case let .fails(left, right) = assertion.evaluate(facts: found.mapValues(\.number)) else { return [] }
        let notes = facts.compactMap { fact -> (Message, SourceRange)? in
            guard let value = found[fact.name] else { return nil }
            return (Message.factValue(fact.name, vn(value.number.value)), value.range)
        }
        return [rule.diagnose(
            .assertionFails,
            ["assert": assertionText, "left": ExpressionKind.describe(left), "right": ExpressionKind.describe(right),
             "difference": vn(left.midpoint - right.midpoint)],
            at: anchor ?? report.end, notes: notes)]
    }

    static func describe(_ interval: DecimalInterval) -> String {
        interval.isExact ? vn(interval.low) : "\(vn(interval.low))–\(vn(interval.high))"
    }

    static let examples = [
        Example(rule: broadband,
                report: "Tổng số thuê bao băng rộng là ↓103.988 thuê bao.\n\nTT\tChỉ tiêu\tHiện có\n01\txDSL\t96.439\n02\tFTTH\t7.559\n",
                expect: ["không thỏa \"stated == xdsl + ftth\": vế trái 103.988, vế phải 103.998 (lệch -10)"]),
        Example(rule: broadband,
                report: "Tổng số thuê bao băng rộng là 103.998 thuê bao.\n\nTT\tChỉ tiêu\tHiện có\n01\txDSL\t96.439\n02\tFTTH\t7.559\n"),
        Example(rule: broadband, report: "Tổng số thuê bao băng rộng là 103.988 thuê bao."),
        Example(rule: broadband + "\nmissing: error", report: "Tổng số thuê bao băng rộng là ↓103.988 thuê bao.",
                expect: ["không tìm thấy số liệu \"xdsl\" cho \"stated == xdsl + ftth\""]),
        Example(rule: #"{ facts: { a: { text: "đạt {n} hồ sơ" }, b: { text: "trong đó {n} đúng hạn" } }, assert: "b <= a" }"#,
                report: "Tiếp nhận đạt ↓1.200 hồ sơ.\nTrong tháng, trong đó 1.250 đúng hạn.",
                expect: ["không thỏa \"b <= a\": vế trái 1.250, vế phải 1.200 (lệch 50)"]),
    ]
    private static let broadband = """
        facts:
          stated: { text: "(?i)tổng số thuê bao băng rộng[^.]*? là {n}" }
          xdsl: { table: { row: "xDSL", column: "Hiện có" } }
          ftth: { table: { row: "FTTH", column: "Hiện có" } }
        assert: "stated == xdsl + ftth"
        """
}

extension Message {
    static let assertionFails = Message(vi: "không thỏa \"{assert}\": vế trái {left}, vế phải {right} (lệch {difference})",
                                        en: "\"{assert}\" does not hold: left side {left}, right side {right} (off by {difference})")
    static let factMissing = Message(vi: "không tìm thấy số liệu \"{fact}\" cho \"{assert}\"",
                                     en: "fact \"{fact}\" for \"{assert}\" not found")
    static func factValue(_ name: String, _ value: String) -> Message { Message("\(name) = \(value)") }
}
