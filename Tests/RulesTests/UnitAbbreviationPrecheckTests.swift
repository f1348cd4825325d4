import Arithmetic
import Diagnostics
import Foundation
import ReportModel
@testable import Rules
import SourceText
import Testing

/// unit-abbreviation skips a line with fewer than two quantities it could read as written in
/// full or abbreviated (`mayMixSpellings`), which may not change a finding.
struct UnitAbbreviationPrecheckTests {
    /// unit-abbreviation on random reports: the same findings with the two-quantity check and
    /// without it.
    @Test func unitAbbreviationFindsTheSameWithAndWithoutThePrecheck() throws {
        let (loaded, errors) = RuleSetLoader.exampleRule(kind: "number-format", fields: "check: unit-abbreviation")
        #expect(errors.isEmpty)
        let rule = try #require(loaded)
        let kind = try #require(rule.kind as? NumberFormatKind)
        let pieces = ["10.538 hồ sơ", "4.731 hs", "3 hs", "12 hồ sơ", "5 HS", "7 Hồ Sơ", "44,9%", "5 %", "3 km", "2 ki-lô-mét",
                      "1.200 thuê bao", "9 tb", "đạt", ". ", ", ", " ", "trong đó", "12", "năm 2014", "1 người", "2 ng"]
        var generator = SystemRandomNumberGenerator()
        var reported = 0
        for _ in 0..<1500 {
            let lines = (0..<Int.random(in: 1...8, using: &generator)).map { _ in
                (0..<Int.random(in: 0...8, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined(separator: " ")
            }
            let report = TextReportParser.parse(SourceFile(path: "r.txt", text: "I. Kết quả\n" + lines.joined(separator: "\n")))
            let facts = Facts(report: report, vocabulary: RuleCatalog.builtinVocabulary)
            let context = RuleContext(id: "u", severity: .info, message: nil, language: .vi, facts: facts)
            let fast = kind.unitAbbreviation(report, context)
            let slow = kind.unitAbbreviation(report, context, precheck: false)
            #expect(fast.map { "\($0)" } == slow.map { "\($0)" }, "\(lines)")
            reported += slow.count
        }
        #expect(reported > 50)
    }
}
