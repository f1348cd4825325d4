import Foundation
import Diagnostics
import Engine
import ReportModel
@testable import Rules
import SourceText
import Testing

/// The parts of the compliance rules that are not one kind's examples: reading periods, the
/// fixer's edits and diff, and the built-in sets on whole samples.
struct ComplianceTests {
    func period(_ title: String) -> (ReportingPeriod, ReportingPeriod?)? {
        let report = TextReportParser.parse(SourceFile(path: "r.txt", text: "BÁO CÁO\n\(title)\n"))
        guard let parsed = report.title else { return nil }
        return ReportingPeriod.fromTitle(parsed).map { ($0.period, $0.next) }
    }

    @Test func periodsFromTitles() throws {
        #expect(period("Hoạt động thông tin và truyền thông tháng 8 và nhiệm vụ trọng tâm tháng 9 năm 2014")?.0
                == ReportingPeriod(.month(8), year: 2014))
        #expect(period("Kết quả thực hiện công tác tháng 4; nhiệm vụ trọng tâm tháng 5 năm 2014")?.1
                == ReportingPeriod(.month(5), year: 2014))
        #expect(period("Tình hình kinh tế - xã hội quý I năm 2023")?.0 == ReportingPeriod(.quarter(1), year: 2023))
        #expect(period("Kết quả công tác 6 tháng đầu năm 2023")?.0 == ReportingPeriod(.half(1), year: 2023))
        #expect(period("Tổng kết công tác năm 2023 và phương hướng năm 2024")?.0 == ReportingPeriod(.year, year: 2023))
        #expect(period("Kết quả 4 tháng đầu năm") == nil)
        #expect(ReportingPeriod(.month(12), year: 2023).next == ReportingPeriod(.month(1), year: 2024))
        #expect(ReportingPeriod(.quarter(4), year: 2023).next == ReportingPeriod(.quarter(1), year: 2024))
        let window = try #require(ReportingPeriod(.month(1), year: 2024).dataWindow(cutoffDay: 15))
        #expect(window.start == CalendarDate(year: 2023, month: 12, day: 15) && window.end == CalendarDate(year: 2024, month: 1, day: 14))
        #expect(CalendarDate.valid(year: 2024, month: 2, day: 29) != nil && CalendarDate.valid(year: 2023, month: 2, day: 29) == nil)
    }

    @Test func aDateIsNotAPeriod() {
        #expect(ReportingPeriod.mentions(in: "Quảng Ninh, ngày 19 tháng 8 năm 2014").isEmpty)
    }

    @Test func overlappingFixesAreAppliedOnce() {
        let text = "Báo cáo HDND tỉnh\nCông thông tin"
        let fixes = [
            FixIt(SourceRange(line: 1, column: 9, length: 4), replacement: "HĐND"),
            FixIt(SourceRange(line: 1, column: 9, length: 4), replacement: "HĐND"),
            FixIt(SourceRange(line: 1, column: 10, length: 2), replacement: "xx"),
            FixIt(SourceRange(line: 2, column: 1, length: 4), replacement: "Cổng"),
            FixIt(SourceRange(line: 9, column: 1, length: 1), replacement: "out of range"),
        ]
        let (fixed, applied) = Fixer.apply(fixes, to: text)
        #expect(fixed == "Báo cáo HĐND tỉnh\nCổng thông tin")
        #expect(applied == 2)
    }

    @Test func unifiedDiffHasContextAndCounts() {
        let old = (1...10).map { "dòng \($0)" }.joined(separator: "\n") + "\n"
        let new = old.replacingOccurrences(of: "dòng 5", with: "dòng năm")
        #expect(Fixer.unifiedDiff(old: old, new: new, path: "r.txt") == """
            --- a/r.txt
            +++ b/r.txt
            @@ -2,7 +2,7 @@
             dòng 2
             dòng 3
             dòng 4
            -dòng 5
            +dòng năm
             dòng 6
             dòng 7
             dòng 8

            """)
    }

    @Test func unicodeTextWithGuillemetsIsNotLegacy() throws {
        let (rule, errors) = RuleSetLoader.exampleRule(kind: "encoding", fields: "{}")
        #expect(errors.isEmpty)
        let source = SourceFile(path: "r.txt", text: "Chương trình «Chung tay vì cộng đồng» của Müller® tại Köln, Düsseldorf và München.")
        #expect(Linter(rules: [try #require(rule)]).lint(source).isEmpty)
    }

    @Test func builtinSetsAreSilentOnTheCleanSample() throws {
        let (catalog, errors) = RuleCatalog.builtin()
        #expect(errors.isEmpty)
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("samples/clean-monthly.txt")
        let source = try ReportLoader.decode(Array(try Data(contentsOf: url)), path: "clean-monthly.txt").get()
        #expect(Linter(catalog: try #require(catalog)).lint(source).map(\.message) == [])
    }
}
