import Arithmetic
import Diagnostics
import ReportModel
import SourceText

/// Checks a table's own arithmetic, per numeric column: a total row (`Tổng`, `Tổng cộng`,
/// `Cộng`) equals the sum of the rows it covers, a parent row (`1`) the sum of its children
/// (`1.1`, `1.2`), and a total column the sum of the columns it covers. Columns of rates,
/// indices and percentages (`%`, `Tỷ lệ`, `So với`, `Chỉ số`) are never added up; a table with
/// no total and no hierarchy is left alone.
struct TableSumKind: RuleKind {
    static let name = "table-sum"
    static let summary = "Total rows, parent rows and total columns of a table equal the sum of what they cover."
    static let fields: [FieldDoc] = []

    init(_ fields: RuleFields) throws(RuleSetError) {}

    func check(_ report: Report, _ rule: RuleContext) throws(Pattern.MatchError) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        // The layouts the expression rules look cells up in: each table is laid out once.
        for (table, lookup) in zip(report.tables, rule.facts.tableLookups) {
            let findings = lookup.checkTable()
            guard !findings.isEmpty else { continue }
            let header = lookup.header
            let rows = lookup.rows
            for finding in findings {
                guard let range = table.cellRange(row: finding.row, column: finding.column) else { continue }
                let columnName = finding.column < header.count ? header[finding.column] : String(finding.column + 1)
                let values = ["stated": vn(finding.stated), "computed": vn(finding.computed),
                              "difference": vn(finding.difference), "column": columnName,
                              "row": rows[finding.row].first(where: { !$0.isEmpty }) ?? ""]
                let message: Message
                switch finding.kind {
                case .totalRow: message = .tableTotalRow
                case .parentRow: message = .tableParentRow
                case .totalColumn: message = .tableTotalColumn
                }
                let notes: [(Message, SourceRange)] = finding.covered.prefix(12).compactMap { index in
                    let (row, column) = finding.kind == .totalColumn ? (finding.row, index) : (index, finding.column)
                    guard let cell = table.cellRange(row: row, column: column) else { return nil }
                    return (Message.tableCovered(rows[row][column]), cell)
                }
                diagnostics.append(rule.diagnose(message, values, at: range, notes: notes))
            }
        }
        return diagnostics
    }

    static let examples = [
        Example(rule: "{}", report: "I. Kết quả\nTT\tChỉ tiêu\tPhát triển mới\tHiện có\n1\tDi động\t6.240\t884.030\n2\tCố định\t95\t21.380\nTổng cộng\t\t6.335\t↓905.400\n",
                expect: ["cột \"Hiện có\": dòng tổng ghi 905.400, các dòng cộng lại 905.410 (lệch -10)"]),
        Example(rule: "{}", report: "I. Kết quả\nTT\tChỉ tiêu\tPhát triển mới\tHiện có\n1\tDi động\t6.240\t884.030\n2\tCố định\t95\t21.380\nTổng cộng\t\t6.335\t905.410\n"),
        Example(rule: "{}", report: "I. Kết quả\nTT\tChỉ tiêu\tHiện có\tSo với tháng trước\n01\tDi động\t884.030\t12%\n02\tCố định\t21.380\t-1%\n"),
        Example(rule: "{}", report: "| TT | Chỉ tiêu | Kết quả |\n|---|---|---|\n| 1 | Viễn thông | ↓20 |\n| 1.1 | Trạm 4G | 12 |\n| 1.2 | Trạm 5G | 9 |\n",
                expect: ["cột \"Kết quả\": dòng \"1\" ghi 20, các dòng con cộng lại 21 (lệch -1)"]),
    ]
}

extension Message {
    static let tableTotalRow = Message(vi: "cột \"{column}\": dòng tổng ghi {stated}, các dòng cộng lại {computed} (lệch {difference})",
                                       en: "column \"{column}\": the total row says {stated}, the rows add up to {computed} (off by {difference})")
    static let tableParentRow = Message(vi: "cột \"{column}\": dòng \"{row}\" ghi {stated}, các dòng con cộng lại {computed} (lệch {difference})",
                                        en: "column \"{column}\": row \"{row}\" says {stated}, its sub-rows add up to {computed} (off by {difference})")
    static let tableTotalColumn = Message(vi: "dòng \"{row}\": cột tổng ghi {stated}, các cột cộng lại {computed} (lệch {difference})",
                                          en: "row \"{row}\": the total column says {stated}, the columns add up to {computed} (off by {difference})")
    static func tableCovered(_ value: String) -> Message { Message(vi: "cộng \(value)", en: "adds \(value)") }
}
