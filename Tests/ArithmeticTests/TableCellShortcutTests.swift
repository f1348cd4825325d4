import Foundation
import Testing
@testable import Arithmetic

/// `simpleWholeCell`, the table layout's shortcut for whole-number cells, says only what
/// `parseCell` says: when it answers, the cell is a number with that `wholeValue` and percent
/// flag, and it is no placeholder. Checked on varied and random cells.
struct TableCellShortcutTests {
    static let pieces: [String] = [
        "0", "1", "2", "5", "9", "00", "123", "1234", ".", ",", "-", "+", "%", " ", "\u{A0}", "\t", "\r\n", "\n",
        ".000", ".999", ".12", ".1234", ",5", "x", "X", "–", "−", "ổ", "e\u{301}", "１", "E", "e", "'",
    ]

    static let samples: [String] = FastPathTests.samples + [
        "1.234", "1234.567", "12.345.678", "1.234.5678", "1.23", "1.2345", "-1.234", "-", "--1", "-1-", "1-",
        "999999999999999999", "1000000000000000000", "9.999.999.999.999.999.999", "999.999.999.999.999.999",
        "-999999999999999999", "100%", "100 %", "100%%", "100% ", "100%  ", " 100", "100  ", "1.000,5", "1,5",
        "1.000.", "1..000", ".000", "0.000", "007", "-0%", "1.234%", "1.234 %", "12\u{A0}", "12\r\n", "1 000",
    ]

    static func randomCells(count: Int, seed: UInt64) -> [String] {
        var state = seed
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(truncatingIfNeeded: state >> 33)
        }
        return (0..<count).map { _ in
            (0..<(1 + next() % 8)).map { _ in pieces[next() % pieces.count] }.joined()
        }
    }

    @Test func simpleWholeCellsAgreeWithParseCell() {
        var answered = 0
        for text in Self.samples + Self.randomCells(count: 50_000, seed: 7) {
            var bytesOf = text
            guard let simple = bytesOf.withUTF8({ simpleWholeCell($0) }) else { continue }
            answered += 1
            let parsed = parseCell(text)
            #expect(parsed != nil, "\(text.debugDescription)")
            #expect(parsed?.number.wholeValue == simple.whole, "\(text.debugDescription)")
            #expect(parsed?.isPercent == simple.isPercent, "\(text.debugDescription)")
            #expect(!isBlankText(text) && foldedKey(text).contains(where: \.isNumber), "\(text.debugDescription)")
        }
        #expect(answered > 1_000)
    }

    @Test func rateHeaderWordsMatchTextContains() {
        let words = ["%", "tỷ lệ", "tỉ lệ", "so với", "chỉ số", "tốc độ", "bình quân", "tỷ trọng", "tỉ trọng",
                     "ty\u{309} lê\u{323}", "tỷ", "lệ", "so vo\u{31B}\u{301}i", "Tỷ lệ", "TỶ LỆ"]
        var texts = TableFastPathTests.allTexts + FastPathTests.samples
        var state: UInt64 = 5
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(truncatingIfNeeded: state >> 33) % n
        }
        for _ in 0..<5_000 {
            texts.append((0..<(1 + next(4))).map { _ in
                next(2) == 0 ? words[next(words.count)] : TableFastPathTests.pieces[next(TableFastPathTests.pieces.count)]
            }.joined(separator: next(2) == 0 ? " " : ""))
        }
        for text in texts {
            for key in [text, foldedKey(text)] {
                let reference = rateHeaderWords.contains { textContains(key, $0) }
                #expect(containsRateHeaderWord(key) == reference, "\(key.debugDescription)")
            }
        }
    }

    @Test func totalTextsMatchTheFoldedKey() {
        for text in TableFastPathTests.allTexts + Self.samples + ["Tổng", "TỔNG CỘNG", " tổng", "\ttổng", "Cộng", "cộng:", "C", "T"] {
            #expect(isTotalText(text) == isTotalKey(foldedKey(text)), "\(text.debugDescription)")
        }
    }

    /// Random tables of whole, decimal, percent, placeholder and text cells: the layout that keeps
    /// whole numbers as Ints finds what Decimal arithmetic on every cell finds.
    @Test func findingsMatchTheDecimalReference() {
        var state: UInt64 = 99
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(truncatingIfNeeded: state >> 33) % n
        }
        let headers = [["TT", "Chỉ tiêu", "Tổng", "A", "B"], ["STT", "Nội dung", "ĐVT", "Kết quả", "Tỷ lệ"],
                       ["Chỉ tiêu", "Tổng số", "Nam", "Nữ"]]
        let codes = ["1", "1.1", "1.2", "2", "2.1", "2.2", "I", "II", "-", "+", "", "a", "3"]
        let labels = ["Di động", "Cố định", "Tổng cộng", "Cộng", "Trong đó", "Tổng số", "Khác"]
        func numberCell() -> String {
            switch next(9) {
            case 0: return String(next(2_000_000))
            case 1: return String(next(999)) + "." + String(format: "%03d", next(1000))
            case 2: return String(next(50)) + "," + String(next(10))
            case 3: return String(next(100)) + "%"
            case 4: return "-"
            case 5: return ""
            case 6: return "-" + String(next(500))
            case 7: return " " + String(next(90)) + " "
            default: return String(next(10))
            }
        }
        for _ in 0..<3_000 {
            let header = headers[next(headers.count)]
            let rows = (0..<(2 + next(7))).map { _ -> [String] in
                var row: [String] = []
                for c in 0..<header.count {
                    if c == 0 { row.append(next(3) == 0 ? labels[next(labels.count)] : codes[next(codes.count)]) }
                    else if c == 1 && next(2) == 0 { row.append(labels[next(labels.count)]) }
                    else { row.append(numberCell()) }
                }
                return row
            }
            let layout = TableLayout(header: header, rows: rows)
            #expect(layout.findings() == referenceFindings(layout), "\(header) \(rows)")
            for r in rows.indices {
                for c in 0..<layout.columnCount {
                    let cell = c < rows[r].count ? rows[r][c] : ""
                    let number = parseCell(cell)?.number
                    #expect(layout.number(r, c) == number, "\(cell.debugDescription)")
                    #expect(layout.hasNumber(r, c) == (number != nil), "\(cell.debugDescription)")
                    let expected = number.map { $0.wholeValue.map { "w\($0)" } ?? "other" } ?? "none"
                    let own: String
                    switch layout.ownWhole(r, c) {
                    case .none: own = "none"
                    case .other: own = "other"
                    case .whole(let w): own = "w\(w)"
                    }
                    #expect(own == expected, "\(cell.debugDescription)")
                }
            }
        }
    }

    /// The findings with every sum taken in Decimal intervals (no Int shortcut).
    func referenceFindings(_ t: TableLayout) -> [TableFinding] {
        func value(_ r: Int, _ c: Int, _ depth: Int = 0) -> DecimalInterval? {
            if let v = parseCell(t.cell(r, c))?.number { return v.interval }
            guard depth < 8 else { return nil }
            var sum: DecimalInterval?
            for child in t.childLists[r] {
                if let v = value(child, c, depth + 1) { sum = (sum ?? .zero) + v }
            }
            return sum
        }
        func number(_ r: Int, _ c: Int) -> VNumber? { parseCell(t.cell(r, c))?.number }
        var findings: [TableFinding] = []
        let valueRows = t.rows.indices.filter { r in t.additiveColumns.contains { number(r, $0) != nil } }
        for (index, total) in t.totalRows.enumerated() {
            let previous = index > 0 ? t.totalRows[index - 1] : -1
            if index > 0, t.labelKey(previous) != t.labelKey(total) { continue }
            let next = index + 1 < t.totalRows.count ? t.totalRows[index + 1] : t.rows.count
            let before = valueRows.contains { $0 > previous && $0 < total }
            let span = before ? (previous + 1)..<total : (total + 1)..<next
            let members = span.filter { r in !t.detailRows.contains(r) && !(t.parents[r].map { span.contains($0) } ?? false) }
            guard members.count >= 2 else { continue }
            for c in t.additiveColumns {
                guard let stated = number(total, c) else { continue }
                if let f = t.compare(.totalRow, row: total, column: c, stated: stated, covered: members,
                                     parts: members.compactMap { value($0, c) }) { findings.append(f) }
            }
        }
        for r in t.rows.indices where !t.detailRows.contains(r) {
            let kids = t.childLists[r]
            guard kids.count >= 2, t.unitsAgree(r, kids) else { continue }
            for c in t.additiveColumns {
                guard let stated = number(r, c) else { continue }
                if let f = t.compare(.parentRow, row: r, column: c, stated: stated, covered: kids,
                                     parts: kids.compactMap { value($0, c) }) { findings.append(f) }
            }
        }
        return findings + t.totalColumnFindings()
    }
}
