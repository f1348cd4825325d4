/// Table sums: total rows, parent rows, total columns; and what is never added up.
import Foundation
import Testing
@testable import Arithmetic

private func dec(_ s: String) -> Decimal { Decimal(string: s)! }

struct TableTests {
    static let indicatorHeader = ["TT", "Tên chỉ tiêu", "Đơn vị tính", "Số tăng trong kỳ", "Số giảm trong kỳ", "So với tháng trước", "Hiện có"]
    static let indicatorRows = [
        ["01", "Điện thoại cố định có dây", "Thuê bao", "150", "600", "-2%", "120.500"],
        ["02", "Điện thoại cố định không dây", "", "100", "250", "110%", "25.300"],
        ["03", "Di động trả sau", "", "3.000", "1.000", "10%", "150.000"],
    ]

    @Test func aTableWithoutTotalOrHierarchyIsLeftAlone() {
        #expect(checkTable(header: Self.indicatorHeader, rows: Self.indicatorRows).isEmpty)
    }

    @Test func totalRowCoversTheRowsAbove() {
        let rows = Self.indicatorRows + [["", "Tổng cộng", "", "3.250", "1.850", "", "295.900"]]
        let findings = checkTable(header: Self.indicatorHeader, rows: rows)
        #expect(findings == [TableFinding(kind: .totalRow, row: 3, column: 6, stated: 295900, computed: 295800, covered: [0, 1, 2])])
        #expect(findings.first?.difference == 100)
    }

    @Test func totalRowFirstCoversTheRowsBelow() {
        let header = ["STT", "Đơn vị", "Số hồ sơ", "Tỷ lệ đúng hạn"]
        let rows = [
            ["", "Tổng số", "1.000", "95%"],
            ["1", "Huyện A", "400", "96%"],
            ["2", "Huyện B", "590", "94%"],
        ]
        #expect(checkTable(header: header, rows: rows) == [
            TableFinding(kind: .totalRow, row: 0, column: 2, stated: 1000, computed: 990, covered: [1, 2]),
        ])
    }

    @Test func parentRowsAndDottedChildren() {
        let header = ["TT", "Nội dung", "Kế hoạch", "Thực hiện"]
        let rows = [
            ["1", "Thuê bao điện thoại", "1.000", "1.010"],
            ["1.1", "Cố định", "100", "120"],
            ["1.2", "Di động", "900", "890"],
            ["2", "Thuê bao Internet", "500", "520"],
            ["2.1", "xDSL", "300", "300"],
            ["2.2", "FTTH", "200", "210"],
            ["", "Trong đó: thuê bao mới", "50", "60"],
        ]
        #expect(checkTable(header: header, rows: rows) == [
            TableFinding(kind: .parentRow, row: 3, column: 3, stated: 520, computed: 510, covered: [4, 5]),
        ])
    }

    @Test func romanSectionsLettersAndBlankHeadings() {
        let header = ["TT", "Chỉ tiêu", "Số lượng"]
        let rows = [
            ["I", "Bưu chính", ""],
            ["1", "Điểm phục vụ", "120"],
            ["2", "Bưu cục", "30"],
            ["II", "Viễn thông", "75"],
            ["1", "Trạm BTS", "50"],
            ["a", "Trạm 3G", "30"],
            ["b", "Trạm 4G", "20"],
            ["2", "Tổng đài", "25"],
            ["", "Tổng cộng", "225"],
        ]
        #expect(checkTable(header: header, rows: rows).isEmpty)
        var broken = rows
        broken[6][2] = "25"
        #expect(checkTable(header: header, rows: broken) == [
            TableFinding(kind: .parentRow, row: 4, column: 2, stated: 50, computed: 55, covered: [5, 6]),
        ])
        broken = rows
        broken[8][2] = "230"
        // The blank heading `I` counts as the sum of its children.
        #expect(checkTable(header: header, rows: broken) == [
            TableFinding(kind: .totalRow, row: 8, column: 2, stated: 230, computed: 225, covered: [0, 3]),
        ])
    }

    @Test func totalColumn() {
        let header = ["Đơn vị", "Quý I", "Quý II", "Tỷ lệ (%)", "Tổng cộng"]
        let rows = [
            ["Huyện A", "10", "12", "5", "22"],
            ["Huyện B", "7", "-", "3", "8"],
            ["Huyện C", "", "", "", ""],
        ]
        #expect(checkTable(header: header, rows: rows) == [
            TableFinding(kind: .totalColumn, row: 1, column: 4, stated: 8, computed: 7, covered: [1, 2]),
        ])
    }

    @Test func rateAndPercentColumnsAreNeverSummed() {
        let header = ["TT", "Đơn vị", "Chỉ số giá", "Tăng trưởng"]
        let rows = [
            ["1", "Huyện A", "101,5", "5%"],
            ["2", "Huyện B", "99,8", "3%"],
            ["", "Cộng", "100,7", "4%"],
        ]
        #expect(checkTable(header: header, rows: rows).isEmpty)
    }

    @Test func decimalCellsUseIntervals() {
        let header = ["TT", "Nguồn vốn", "Tỷ đồng"]
        let rows = [
            ["1", "Ngân sách", "12,3"],
            ["2", "Xã hội hóa", "7,8"],
            ["", "Tổng", "20"],
        ]
        #expect(checkTable(header: header, rows: rows).isEmpty)
    }

    @Test func grandTotalAfterDifferentlyNamedSubtotalsIsNotGuessed() {
        let header = ["TT", "Đơn vị", "Số lượng"]
        let rows = [
            ["1", "A", "1"], ["2", "B", "2"], ["", "Cộng", "3"],
            ["3", "C", "4"], ["4", "D", "5"], ["", "Cộng", "9"],
            ["", "Tổng cộng", "100"],
        ]
        #expect(checkTable(header: header, rows: rows).isEmpty)
    }

    @Test func cellLookup() throws {
        let byLabel = try #require(findCell(header: Self.indicatorHeader, rows: Self.indicatorRows,
                                            row: .labelContains("KHÔNG DÂY"), column: "hiện có"))
        #expect(byLabel.row == 1)
        #expect(byLabel.column == 6)
        #expect(byLabel.number?.value == 25300)
        let byCode = try #require(findCell(header: Self.indicatorHeader, rows: Self.indicatorRows,
                                           row: .code("3"), column: "Số tăng"))
        #expect(byCode.number?.value == 3000)
        let byPredicate = try #require(findCell(header: Self.indicatorHeader, rows: Self.indicatorRows,
                                                row: .label { $0.hasPrefix("Điện thoại cố định có") }, column: "So với"))
        #expect(byPredicate.isPercent)
        #expect(byPredicate.number?.value == -2)
        #expect(findCell(header: Self.indicatorHeader, rows: Self.indicatorRows, row: .code("9"), column: "Hiện có") == nil)
        #expect(findCell(header: Self.indicatorHeader, rows: Self.indicatorRows, row: .code("1"), column: "Không có") == nil)
        let blank = try #require(findCell(header: Self.indicatorHeader, rows: Self.indicatorRows, row: .code("02"), column: "Đơn vị tính"))
        #expect(blank.number == nil)
    }
}
