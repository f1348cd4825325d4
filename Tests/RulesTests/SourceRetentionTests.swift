@testable import Engine
import Foundation
import Rules
import SourceText
import Testing

/// What a linted file's result keeps of its text: everything, the flagged lines, or nothing;
/// the findings are the same whichever is kept.
struct SourceRetentionTests {
    static let reports: [String] = [
        "I. Kết quả\nDòng thường.\nTổng số 10 người, trong đó: nam 4 người, nữ 5 người.\nxxx\n",
        "BÁO CÁO\nKhông có gì để nói.\n",
        "II. Số liệu\nTổng cộng 7 đơn vị, gồm 3 đơn vị A và 4 đơn vị B.\n",
        "",
    ]

    static func inputs() throws -> [LintInput] {
        let linter = Linter(catalog: try #require(RuleCatalog.builtin().0))
        return reports.enumerated().map { index, text in
            LintInput(content: .bytes(Array(text.utf8)), displayPath: "r\(index).txt", absolutePath: nil, linter: linter)
        }
    }

    @Test func everyRetentionGivesTheSameFindings() throws {
        let whole = Linter.lint(try Self.inputs(), jobs: 2, sources: .whole)
        let flagged = Linter.lint(try Self.inputs(), jobs: 2, sources: .flaggedLines)
        let none = Linter.lint(try Self.inputs(), jobs: 2, sources: .none)
        #expect(whole.count == Self.reports.count)
        #expect(whole.contains { !$0.diagnostics.isEmpty })
        for index in whole.indices {
            #expect(flagged[index].diagnostics == whole[index].diagnostics)
            #expect(none[index].diagnostics == whole[index].diagnostics)
            #expect(none[index].path == whole[index].path)
            #expect(none[index].coverage == whole[index].coverage)
            #expect(none[index].source == nil)
            guard let source = whole[index].source else {
                #expect(flagged[index].source == nil)
                continue
            }
            #expect(source.lines == Self.reports[index].split(separator: "\n", omittingEmptySubsequences: false)
                .dropLast().map(String.init))
            // Flagged lines keep their text; the others are empty.
            let kept = try #require(flagged[index].source)
            let lines = whole[index].flaggedLines()
            #expect(kept.lineCount == source.lineCount)
            for number in 1...source.lineCount {
                #expect(kept.line(number) == (lines.contains(number) ? source.line(number) : ""))
            }
        }
    }
}
