/// The facts DESIGN.md states about the two real reports, checked paragraph by paragraph. The
/// reports live outside the repository (`<repo>/../shared/reference-reports/`); without them
/// these tests are skipped.
import Foundation
import Testing
@testable import Arithmetic

enum ReferenceReports {
    static let folder: URL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/reference-reports")

    static var available: Bool {
        FileManager.default.fileExists(atPath: folder.appendingPathComponent("bac-giang-stttt-2014-04.txt").path)
    }

    static func paragraphs(_ name: String) throws -> [String] {
        let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }

    static func paragraph(_ name: String, containing fragment: String) throws -> String {
        let found = try paragraphs(name).filter { $0.contains(fragment) }
        try #require(found.count == 1, "one paragraph should contain \(fragment)")
        return found[0]
    }
}

private func dec(_ s: String) -> Decimal { Decimal(string: s)! }

@Suite(.enabled(if: ReferenceReports.available))
struct BacGiangReportTests {
    let name = "bac-giang-stttt-2014-04.txt"

    @Test func processingRecordsDoNotAddUp() throws {
        let paragraph = try ReferenceReports.paragraph(name, containing: "10.538")
        let found = findBreakdowns(in: paragraph)
        try #require(found.count == 1)
        let b = found[0]
        #expect(b.total.value == 10538)
        #expect(b.parts.map(\.quantity.value) == [4731, 1729, 3318, 697])
        #expect(checkSum(b) == .mismatch(partsSum: 10475, difference: 63))
        #expect(formatVietnamese(10475) == "10.475")
        let shares = checkShares(b)
        #expect(shares.map(\.part.share?.number.text) == ["44,9", "16,5", "31,6", "6,6"])
        #expect(shares.map(\.check) == [.consistent, .mismatch(exact: dec("16.41")), .mismatch(exact: dec("31.49")), .consistent])
        #expect(b.parts[1].label == "hồ sơ giải quyết chậm, quá hạn")
    }

    @Test func telephoneSubscribersAddUp() throws {
        let paragraph = try ReferenceReports.paragraph(name, containing: "1.322.235")
        let found = findBreakdowns(in: paragraph)
        try #require(found.count == 1)
        #expect(found[0].total.value == 1_322_235)
        #expect(found[0].parts.map(\.label) == ["cố định", "di động"])
        #expect(checkSum(found[0]) == .consistent)
        #expect(found[0].parts.allSatisfy { $0.share == nil })
    }

    @Test func nothingElseIsABreakdown() throws {
        let totals = try ReferenceReports.paragraphs(name).flatMap { findBreakdowns(in: $0) }.map(\.total.value)
        #expect(totals == [10538, 1_322_235])
    }

    @Test func comparisonsAndFractionsAreNotShares() throws {
        let revenue = try ReferenceReports.paragraph(name, containing: "104,3%")
        #expect(findBreakdowns(in: revenue).allSatisfy { $0.parts.allSatisfy { $0.share == nil } })
        let fraction = try ReferenceReports.paragraph(name, containing: "22/23")
        #expect(scanQuantities(in: fraction).isEmpty)
        let press = try ReferenceReports.paragraph(name, containing: "khoảng 1300")
        let hedged = scanQuantities(in: press).filter { $0.hedge == .approximate }.map(\.number.text)
        #expect(hedged == ["1300", "1.300", "3300"])
    }
}

@Suite(.enabled(if: ReferenceReports.available))
struct QuangNinhReportTests {
    let name = "quang-ninh-stttt-2014-08.txt"

    @Test func subscriberBreakdownsAddUp() throws {
        let paragraph = try ReferenceReports.paragraph(name, containing: "52.592")
        let found = findBreakdowns(in: paragraph)
        #expect(found.map(\.total.value) == [52592, 2611])
        #expect(found.map { $0.parts.map(\.quantity.value) } == [[178, 121, 3174, 49119], [1960, 651]])
        #expect(found.map { checkSum($0) } == [.consistent, .consistent])
        #expect(found.first?.total.hedge == .estimate)
        #expect(found.last?.parts.last?.label == "thuê bao internet truy nhập qua hệ thống cáp quang (FTTH)")
    }

    @Test func nothingElseIsABreakdown() throws {
        let totals = try ReferenceReports.paragraphs(name).flatMap { findBreakdowns(in: $0) }.map(\.total.value)
        #expect(totals == [52592, 2611])
    }

    @Test func densitiesDatesAndOrdinalsAreNotQuantities() throws {
        let paragraph = try ReferenceReports.paragraph(name, containing: "157 thuê bao/100 dân")
        let values = Set(scanQuantities(in: paragraph).map(\.value))
        #expect(values.isDisjoint(with: [157, 100, 9, 8]))
        let conference = try ReferenceReports.paragraph(name, containing: "(từ 28-30/8)")
        #expect(scanQuantities(in: conference).isEmpty)   // `3.` opening the item is a list marker
        let congress = try ReferenceReports.paragraph(name, containing: "Khóa XI);")
        #expect(scanQuantities(in: congress).isEmpty)
    }

    @Test func indicatorTableHasNoTotalRow() throws {
        let lines = try ReferenceReports.paragraphs(name).filter { $0.contains("\t") }
        try #require(lines.count == 7)
        let cells = lines.map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        #expect(checkTable(header: cells[0], rows: Array(cells.dropFirst())).isEmpty)
        let ftth = try #require(findCell(header: cells[0], rows: Array(cells.dropFirst()), row: .labelContains("FTTH"), column: "Hiện có"))
        #expect(ftth.number?.value == 7559)
        let xdsl = try #require(findCell(header: cells[0], rows: Array(cells.dropFirst()), row: .code("5"), column: "số tăng"))
        #expect(xdsl.number?.value == 1960)
    }

    @Test func scanningIsFast() throws {
        let paragraphs = try ReferenceReports.paragraphs(name) + ReferenceReports.paragraphs("bac-giang-stttt-2014-04.txt")
        let clock = ContinuousClock()
        var count = 0
        let elapsed = clock.measure {
            for _ in 0..<20 {
                for p in paragraphs { count += findBreakdowns(in: p).count }
            }
        }
        #expect(count == 80)
        // Both reports (20 KB) twenty times; generous for a debug build on a loaded machine.
        #expect(elapsed < .seconds(3))
    }
}
