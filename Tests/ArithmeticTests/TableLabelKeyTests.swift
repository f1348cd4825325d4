import Foundation
import Testing
@testable import Arithmetic

/// The table layout builds a row label's key only when the label's first byte leaves the total
/// or detail test open: the rows it finds are those found with every key built.
struct TableLabelKeyTests {
    static let labels: [String] = FastPathTests.samples + [
        "Trong đó", "trong đó:", " - Trạm 4G", "+ Cố định", "* Ghi chú", "\tTổng", "\nTrong đó", "\r- a",
        "Thuê bao", "Tỷ lệ", "Di động", "Cố định", "- ", "+", "T", "t", "Ttrong đó", "TRONG ĐÓ",
        "\u{A0}Trong đó", "\u{3000}- x", "Ưu tiên", "\u{B}- a", "\u{C}trong đó", "-1", "–  a",
    ]

    @Test func detailTextMatchesTheKeyTest() {
        var generator = SystemRandomNumberGenerator()
        var texts = Self.labels
        let pieces = ["T", "t", "-", "+", "*", " ", "\t", "\n", "\u{A0}", "rong", " đó", "Đ", "x", "1", "R", "ỗ"]
        for _ in 0..<3000 {
            let n = Int.random(in: 0...5, using: &generator)
            texts.append((0..<n).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        for text in texts {
            #expect(isDetailText(text) == isDetailKey(foldedKey(text)), "\(text.debugDescription)")
            #expect(isTotalText(text) == isTotalKey(foldedKey(text)), "\(text.debugDescription)")
            if !mayBeTotalText(text) { #expect(!isTotalKey(foldedKey(text)), "\(text.debugDescription)") }
            if !mayBeDetailText(text) { #expect(!isDetailKey(foldedKey(text)), "\(text.debugDescription)") }
        }
    }

    /// The layout's total rows and detail rows, with every key built as before.
    @Test func layoutRowsMatchTheKeyedReference() {
        var generator = SystemRandomNumberGenerator()
        let labelPool = Self.labels + ["Tổng cộng", "Tổng số", "Cộng", "tổng", "Tổng cộng:", "TỔNG"]
        let codePool = ["1", "2", "1.1", "1.2", "I", "II", "a", "-", "", "Tổng", "A"]
        for _ in 0..<400 {
            let rowCount = Int.random(in: 1...9, using: &generator)
            let rows = (0..<rowCount).map { _ in
                [codePool.randomElement(using: &generator)!, labelPool.randomElement(using: &generator)!,
                 String(Int.random(in: 0...999, using: &generator)), ["5", "", "-", "1.234"].randomElement(using: &generator)!]
            }
            let t = TableLayout(header: ["TT", "Chỉ tiêu", "Số lượng", "Khác"], rows: rows)
            let keys = t.labels.map(foldedKey)
            let totals = rows.indices.filter { r in
                isTotalKey(keys[r]) || (t.codeColumn.map { isTotalText(t.cell(r, $0)) } ?? false)
            }
            #expect(t.totalRows == totals, "\(rows)")
            #expect(t.totalRowKeys == totals.map { keys[$0] })
            let anyCodes = t.codes.contains { $0.level != nil }
            var details = Set<Int>()
            for r in rows.indices where !totals.contains(r) {
                if t.codes[r] == .bullet || isDetailKey(keys[r]) || (anyCodes && t.codes[r] == .none) { details.insert(r) }
            }
            #expect(t.detailRows == details, "\(rows)")
        }
    }
}
